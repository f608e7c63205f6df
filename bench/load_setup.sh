#!/usr/bin/env bash
# Prepare the load bench: a PostgreSQL database with the demo data at the scale of the whole
# project, then gunicorn as in the README's production set-up (gunicorn.conf.py), on 127.0.0.1:8000.
#
#   bash bench/load_setup.sh [participants] [open openings]      # then: python bench/load.py
#
# The demo accounts keep their known passwords, which production normally refuses: this database
# is for the bench only (the passwords are marked changed here). The login limit per address is
# raised, because all virtual users log in from 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
PARTICIPANTS="${1:-20000}"
OPENINGS="${2:-300}"
DB="${KMU_LOAD_DB:-kmu_load}"
export DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$DB"
export KMU_ENV=production SECRET_KEY="${SECRET_KEY:-load-bench-secret-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}"
export RATELIMIT_STORAGE_URI="${RATELIMIT_STORAGE_URI:-redis://127.0.0.1:6379/14}" KMU_JOBS_URL="${KMU_JOBS_URL:-redis://127.0.0.1:6379/13}"
export KMU_LOGIN_RATE_LIMIT="10000 per minute" KMU_ACCOUNT_RATE_LIMIT="10000 per hour" SESSION_COOKIE_SECURE=false

psql -h 127.0.0.1 -U postgres -qc "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB"
KMU_ENV=development .venv/bin/flask --app wsgi db upgrade
KMU_ENV=development .venv/bin/flask --app wsgi demo-data --participants "$PARTICIPANTS" --open-openings "$OPENINGS"
psql -h 127.0.0.1 -U postgres -qd "$DB" -c "UPDATE user_account SET demo_password = false"
# Table statistics, as autovacuum keeps them on a database in use: without them PostgreSQL plans the
# freshly bulk-loaded tables with sequential scans (a profile's skills: 6 ms instead of 0.1 ms).
psql -h 127.0.0.1 -U postgres -qd "$DB" -c "ANALYZE"
exec .venv/bin/gunicorn -c gunicorn.conf.py wsgi:app
