#!/usr/bin/env bash
# nginx for the test of the buffering proxy in front of gunicorn (deploy/kmu-match-proxy.conf).
# Only the binary is needed: the test starts its own nginx with its own configuration.
set -euo pipefail
if command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; then
  exit 0
fi
echo "nginx fehlt; wird mit apt-get installiert ..."
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Bitte als root ausführen oder nginx installieren: apt-get install nginx-light" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
# nginx-light where the release has it (Debian 12), else nginx (Debian 13 has only that one).
$SUDO apt-get install -y -qq nginx-light >/dev/null 2>&1 || $SUDO apt-get install -y -qq nginx >/dev/null 2>&1 ||
  { $SUDO apt-get update -qq && { $SUDO apt-get install -y -qq nginx-light >/dev/null 2>&1 || $SUDO apt-get install -y -qq nginx >/dev/null; }; }
# The package starts the system's nginx; the tests do not need it.
($SUDO service nginx stop || $SUDO pkill nginx || true) >/dev/null 2>&1
[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null
