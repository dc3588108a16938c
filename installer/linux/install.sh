#!/bin/sh
# Install (or upgrade, or remove) Tanggap for the current user; no root, no terminal skills needed
# beyond running this file. Run from the unpacked tarball:
#   ./install.sh              install or upgrade in place
#   ./install.sh --uninstall  remove the program; complaints and settings stay
# The program lives in ~/.local/opt/tanggap; user data lives in ~/.local/share/Tanggap (or
# $TANGGAP_DATA_DIR) and is never touched here, so upgrades and reinstalls keep it.
set -eu

APP_ID=id.tanggap.Tanggap
HERE=$(cd "$(dirname "$0")" && pwd)
DATA_HOME=${XDG_DATA_HOME:-$HOME/.local/share}
PREFIX=${TANGGAP_PREFIX:-$HOME/.local/opt/tanggap}
BIN_DIR=$HOME/.local/bin
ICON_SIZES="16 24 32 48 64 128 256 512"

uninstall() {
    rm -f "$DATA_HOME/applications/$APP_ID.desktop" "$DATA_HOME/metainfo/$APP_ID.metainfo.xml"
    for size in $ICON_SIZES; do
        rm -f "$DATA_HOME/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    if [ -L "$BIN_DIR/tanggap" ]; then rm -f "$BIN_DIR/tanggap"; fi
    rm -rf "$PREFIX"
    refresh_caches
    echo "Tanggap telah dihapus. Data pengaduan dan pengaturan tetap tersimpan."
    echo "Tanggap removed. Complaints and settings are kept."
}

refresh_caches() {
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$DATA_HOME/applications" 2>/dev/null || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1; then
        gtk-update-icon-cache -q -t "$DATA_HOME/icons/hicolor" 2>/dev/null || true
    fi
}

install_app() {
    version=$(cat "$HERE/VERSION")
    if [ ! -x "$HERE/tanggap/tanggap" ]; then
        echo "Berkas program tidak lengkap: $HERE/tanggap/tanggap tidak ada. / Bundle incomplete." >&2
        exit 1
    fi
    # Copy next to the old version, then swap, so a failed copy never leaves a broken install.
    mkdir -p "$(dirname "$PREFIX")"
    rm -rf "$PREFIX.new" "$PREFIX.old"
    cp -R "$HERE/tanggap" "$PREFIX.new"
    if [ -e "$PREFIX" ]; then mv "$PREFIX" "$PREFIX.old"; fi
    mv "$PREFIX.new" "$PREFIX"
    rm -rf "$PREFIX.old"

    mkdir -p "$BIN_DIR" "$DATA_HOME/applications" "$DATA_HOME/metainfo"
    ln -sf "$PREFIX/tanggap" "$BIN_DIR/tanggap"
    # The menu may not have ~/.local/bin on its PATH: point the entry at the program itself.
    sed "s|^Exec=tanggap|Exec=\"$PREFIX/tanggap\"|" "$HERE/share/applications/$APP_ID.desktop" \
        > "$DATA_HOME/applications/$APP_ID.desktop"
    cp "$HERE/share/metainfo/$APP_ID.metainfo.xml" "$DATA_HOME/metainfo/"
    for size in $ICON_SIZES; do
        dir="$DATA_HOME/icons/hicolor/${size}x${size}/apps"
        mkdir -p "$dir"
        cp "$HERE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png" "$dir/"
    done
    refresh_caches
    echo "Tanggap $version terpasang. Buka dari menu aplikasi (Kantor > Tanggap)."
    echo "Tanggap $version installed. Open it from the applications menu (Office > Tanggap)."
}

case "${1:-}" in
    --uninstall) uninstall ;;
    "") install_app ;;
    *) echo "usage: $0 [--uninstall]" >&2; exit 2 ;;
esac
