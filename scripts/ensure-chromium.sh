#!/usr/bin/env bash
# Debian's chromium for the browser tests (Playwright cannot download browsers here).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "chromium fehlt; wird mit apt-get installiert ..."
# shellcheck source=scripts/as-root.sh
source "$(dirname "$0")/as-root.sh" "apt-get install chromium"
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
