#!/usr/bin/env bash
# nginx for the test of the buffering proxy in front of gunicorn (deploy/kmu-match-proxy.conf).
# Only the binary is needed: the test starts its own nginx with its own configuration.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "nginx fehlt; wird mit apt-get installiert ..."
# shellcheck source=scripts/as-root.sh
source "$(dirname "$0")/as-root.sh" "apt-get install nginx-light"
# nginx-light where the release has it (Debian 12), else nginx (Debian 13 has only that one).
$SUDO apt-get install -y -qq nginx-light >/dev/null 2>&1 || $SUDO apt-get install -y -qq nginx >/dev/null 2>&1 ||
  { $SUDO apt-get update -qq && { $SUDO apt-get install -y -qq nginx-light >/dev/null 2>&1 || $SUDO apt-get install -y -qq nginx >/dev/null; }; }
# The package starts the system's nginx; the tests do not need it.
($SUDO service nginx stop || $SUDO pkill nginx || true) >/dev/null 2>&1
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null
