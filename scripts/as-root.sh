# Sourced by the scripts that install a Debian package for the tests (ensure-chromium.sh, ensure-nginx.sh):
# sets SUDO to "" for root, "sudo" where it exists, else stops with what to run by hand ($1).
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "Bitte als root ausführen oder selbst installieren: $1" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
