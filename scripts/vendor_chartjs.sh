#!/usr/bin/env bash
# Brings Chart.js (MIT) from the npm registry into webapp/static/vendor/, where the
# statistics page loads it from the service itself (no CDN; CSP script-src 'self').
# Run it to move to another version; commit the result. Nothing fetches it at run time.
set -euo pipefail
VERSION="${1:-4.6.1}"
HERE="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "chart.js@${VERSION}" >/dev/null
tar xzf chart.js-*.tgz
cp package/dist/chart.umd.min.js "$HERE/webapp/static/vendor/chart.umd.min.js"
cp package/LICENSE.md "$HERE/webapp/static/vendor/chart.js-LICENSE.md"
echo "Chart.js ${VERSION}: $(sha256sum "$HERE/webapp/static/vendor/chart.umd.min.js" | cut -d' ' -f1)"
