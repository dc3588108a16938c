#!/usr/bin/env bash
# Run a built bundle's `--version` and `--self-test` offscreen, as CI does.
# Usage: installer/smoke.sh build/installer/dist/tanggap
# On Linux without a desktop session this starts a private D-Bus session and an unlocked
# gnome-keyring (Debian packages dbus, gnome-keyring), so the keyring check has a real backend.
set -euo pipefail

BUNDLE=$(cd "${1:?usage: smoke.sh BUNDLE_DIR}" && pwd)
EXE=$BUNDLE/tanggap
[[ -x $EXE ]] || EXE=$BUNDLE/tanggap.exe
export QT_QPA_PLATFORM=offscreen
SCRATCH=$(mktemp -d)
trap 'rm -rf "$SCRATCH"' EXIT
# Never the real user's data, config or keyring.
export HOME=$SCRATCH/home XDG_DATA_HOME=$SCRATCH/data XDG_CONFIG_HOME=$SCRATCH/config
export XDG_CACHE_HOME=$SCRATCH/cache TANGGAP_DATA_DIR=$SCRATCH/tanggap
mkdir -p "$HOME"

echo "== $EXE --version"
"$EXE" --version

echo "== $EXE --self-test"
if [[ "$(uname -s)" == Linux && -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]] && command -v dbus-run-session >/dev/null \
    && command -v gnome-keyring-daemon >/dev/null; then
    # shellcheck disable=SC2016 # expanded by the inner shell, inside the private session
    exec dbus-run-session -- sh -c '
        printf "\n" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        exec "$0" --self-test' "$EXE"
fi
exec "$EXE" --self-test
