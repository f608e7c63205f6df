#!/usr/bin/env bash
# Prepare the load bench: a PostgreSQL database with the demo data at the scale of the whole
# project, then gunicorn as in the README's production set-up (gunicorn.conf.py) on 127.0.0.1:8000,
# with the job worker beside it, as production runs them.
#
#   bash bench/load_setup.sh [participants] [open openings]      # then: python bench/load.py --mix outside
#   KMU_APP_HOSTS=2 bash bench/load_setup.sh                      # two app hosts, on 8000 and 8001
#
# With KMU_APP_HOSTS=2 a second gunicorn (a second "app host": same PostgreSQL, same Redis, no second
# job worker) listens on 127.0.0.1:8001; put bench/proxy_setup.sh 8000 8001 in front. KMU_PIN_CPUS=1
# pins each app host to one core of its own (taskset), so that one host and two hosts can be compared
# on one machine: one core against two.
#
# The demo data are made once into a template database (kmu_load_template, about two minutes for
# 20,000 people); every start copies it afresh, so each bench run begins from the same state
# (KMU_LOAD_FRESH=1 makes the template again). Prints the seconds from the start to a ready
# /readyz. The service's JSON log goes to $KMU_LOAD_LOG: bench/load.py --log reads the CPU time of
# each request from it.
#
# The demo accounts keep their known passwords, which production normally refuses: this database
# is for the bench only (the passwords are marked changed here). The login limit per address is
# raised, because all virtual users log in from 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTICIPANTS="${1:-20000}"
OPENINGS="${2:-300}"
DB="${KMU_LOAD_DB:-kmu_load}"
TEMPLATE="${DB}_template"
LOG="${KMU_LOAD_LOG:-/tmp/kmu_load.log}"
PSQL=(psql -h 127.0.0.1 -U postgres -q)
export KMU_ENV=production SECRET_KEY="${SECRET_KEY:-load-bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export RATELIMIT_STORAGE_URI="${RATELIMIT_STORAGE_URI:-redis://127.0.0.1:6379/14}" KMU_JOBS_URL="${KMU_JOBS_URL:-redis://127.0.0.1:6379/13}"
export KMU_LOGIN_RATE_LIMIT="10000 per minute" KMU_ACCOUNT_RATE_LIMIT="10000 per hour" KMU_ACCOUNT_ADDRESS_RATE_LIMIT="10000 per minute"
export KMU_API_RATE_LIMIT="100000 per minute"  # the api mix: many virtual users share a few demo accounts
export SESSION_COOKIE_SECURE=false

made="$("${PSQL[@]}" -Atc "SELECT count(*) FROM pg_database WHERE datname = '$TEMPLATE'")"
if [ "$made" = "0" ] || [ "${KMU_LOAD_FRESH:-0}" = "1" ]; then
    "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $TEMPLATE" -c "CREATE DATABASE $TEMPLATE"
    DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$TEMPLATE" KMU_ENV=development .venv/bin/flask --app wsgi db upgrade
    DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$TEMPLATE" KMU_ENV=development /usr/bin/time -f "demo data: %U s CPU (user), %S s (system), %e s in all" \
        .venv/bin/flask --app wsgi demo-data --participants "$PARTICIPANTS" --open-openings "$OPENINGS"
    "${PSQL[@]}" -d "$TEMPLATE" -c "UPDATE user_account SET demo_password = false"
    # Table statistics, as autovacuum keeps them on a database in use: without them PostgreSQL plans the
    # freshly bulk-loaded tables with sequential scans (a profile's skills: 6 ms instead of 0.1 ms).
    "${PSQL[@]}" -d "$TEMPLATE" -c "VACUUM ANALYZE"
fi
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB TEMPLATE $TEMPLATE"
redis-cli -n "${KMU_JOBS_URL##*/}" FLUSHDB >/dev/null 2>&1 || true
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB"

: >"$LOG"
started=$(date +%s%3N)
.venv/bin/flask --app wsgi worker >>"$LOG" 2>&1 &
worker=$!
servers=()
for host in $(seq 1 "${KMU_APP_HOSTS:-1}"); do
    pin=()
    [ "${KMU_PIN_CPUS:-0}" = "1" ] && pin=(taskset -c $((host - 1)))
    KMU_BIND="127.0.0.1:$((7999 + host))" "${pin[@]}" .venv/bin/gunicorn -c gunicorn.conf.py wsgi:app >>"$LOG" 2>&1 &
    servers+=($!)
done
trap 'kill "${servers[@]}" $worker 2>/dev/null; wait' EXIT INT TERM
for host in $(seq 1 "${KMU_APP_HOSTS:-1}"); do
    until curl -fs "http://127.0.0.1:$((7999 + host))/readyz" >/dev/null 2>&1; do
        kill -0 "${servers[$((host - 1))]}" 2>/dev/null || { echo "gunicorn did not start; see $LOG" >&2; exit 1; }
        sleep 0.2
    done
done
took=$(( $(date +%s%3N) - started ))
echo "ready after $((took / 1000)),$(printf %03d $((took % 1000))) s (gunicorn ${servers[*]}, worker ${worker}, log $LOG)"
wait "${servers[@]}"
