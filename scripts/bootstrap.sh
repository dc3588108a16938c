#!/usr/bin/env bash
# Sets up a fresh Debian/Ubuntu machine for Tanggap: system packages (apt-get, as root or
# through sudo), a virtual environment in .venv with the package installed editable with
# its extras, and the compiled translations. Safe to run again; quick when nothing changed.
# Usage: source scripts/bootstrap.sh   (or: bash scripts/bootstrap.sh)
# TANGGAP_SKIP_APT=1 skips apt-get (for parallel runs on a machine already set up: apt's lock
# admits one at a time).
set -euo pipefail
TANGGAP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

APT_PACKAGES=(
    python3 python3-venv python3-dev
    # Qt's xcb/offscreen platform plugins and fonts
    xvfb libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0
    libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxkbcommon-x11-0 libxcb-cursor0 libegl1 libgl1
    libfontconfig1 libdbus-1-3 fonts-dejavu-core
    # a real Secret Service for the keyring test, PDFs read back, PostgreSQL for the server tests
    gnome-keyring dbus dbus-x11 libsecret-tools poppler-utils postgresql
    # a real IMAP server for the mail-in tests (started by the tests, never as a system service)
    dovecot-imapd
    # installer checks
    nsis desktop-file-utils appstream
    # the citizen's page rendered in a real browser (Selenium drives Debian's chromium)
    chromium chromium-driver
)

apt_install() {
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if ! command -v sudo >/dev/null; then
            echo "Need root (or sudo) to install: ${APT_PACKAGES[*]}" >&2
            return 1
        fi
        sudo=(sudo)
    fi
    echo "==> apt-get update && apt-get install (${#APT_PACKAGES[@]} packages)"
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${APT_PACKAGES[@]}" >/dev/null
}

if [ -n "${TANGGAP_SKIP_APT:-}" ]; then
    echo "==> TANGGAP_SKIP_APT is set: Debian packages are taken as installed"
elif command -v apt-get >/dev/null; then
    apt_install
else
    echo "==> not a Debian/Ubuntu machine: install the equivalents of ${APT_PACKAGES[*]} yourself" >&2
fi

PYTHON=${PYTHON:-python3}
"$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "Tanggap needs Python 3.11 or newer ($PYTHON is older)" >&2; exit 1; }
if [ ! -x "$TANGGAP_ROOT/.venv/bin/python" ]; then
    echo "==> creating .venv"
    "$PYTHON" -m venv "$TANGGAP_ROOT/.venv"
fi
# pip runs only when the dependencies may have changed: the install is editable (source edits need
# none), so a stamp of pyproject.toml, this script and the interpreter says when it is current.
STAMP="$TANGGAP_ROOT/.venv/.tanggap-installed"
WANT=$(cat "$TANGGAP_ROOT/pyproject.toml" "${BASH_SOURCE[0]}" | sha256sum | cut -d' ' -f1)-$("$TANGGAP_ROOT/.venv/bin/python" -VV | tr -d ' \n')
if [ "$(cat "$STAMP" 2>/dev/null)" = "$WANT" ]; then
    echo "==> tanggap is installed and pyproject.toml is unchanged: no pip run"
else
    echo "==> installing tanggap (editable) with its server and dev extras"
    rm -f "$STAMP"
    "$TANGGAP_ROOT/.venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
    "$TANGGAP_ROOT/.venv/bin/python" -m pip install -q --disable-pip-version-check -e "$TANGGAP_ROOT[server,dev]" \
        2> >(grep -v "^WARNING: Location" >&2)
    echo "$WANT" > "$STAMP"
fi

echo "==> compiling translations"
for ts in "$TANGGAP_ROOT"/resources/i18n/*.ts; do
    [ -e "$ts" ] || continue
    [ "${ts%.ts}.qm" -nt "$ts" ] && continue
    "$TANGGAP_ROOT/.venv/bin/pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
done
