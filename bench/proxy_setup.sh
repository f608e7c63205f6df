#!/usr/bin/env bash
# nginx in front of the app hosts of the load bench, with the production proxy settings
# (deploy/kmu-match-proxy.conf), listening on 127.0.0.1:8080 without TLS.
#
#   bash bench/proxy_setup.sh [port of an app host ...]     # default: 8000
#
# Runs in the foreground until stopped (Ctrl+C); its files are under /tmp/kmu-proxy.
set -euo pipefail
cd "$(dirname "$0")/.."
PORTS=("${@:-8000}")
DIR=/tmp/kmu-proxy
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
[ -x "$NGINX" ] || { echo "nginx fehlt: apt-get install nginx-light" >&2; exit 1; }
mkdir -p "$DIR"
{
    echo "worker_processes 1; pid $DIR/nginx.pid; error_log $DIR/error.log warn; daemon off;"
    echo "events { worker_connections 4096; }"
    echo "http {"
    echo "  access_log off;"
    for temp in client_body proxy fastcgi uwsgi scgi; do echo "  ${temp}_temp_path $DIR/$temp;"; done
    echo "  upstream kmu_match {"
    for port in "${PORTS[@]}"; do echo "    server 127.0.0.1:$port;"; done
    echo "    keepalive 32;"
    echo "  }"
    echo "  server {"
    echo "    listen 127.0.0.1:${KMU_PROXY_PORT:-8080};"
    echo "    include $(pwd)/deploy/kmu-match-proxy.conf;"
    echo "    location / { proxy_pass http://kmu_match; }"
    echo "  }"
    echo "}"
} >"$DIR/nginx.conf"
echo "nginx on 127.0.0.1:${KMU_PROXY_PORT:-8080} -> app hosts on ${PORTS[*]}"
exec "$NGINX" -c "$DIR/nginx.conf" -p "$DIR"
