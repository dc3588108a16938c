#!/usr/bin/env bash
# Build Tanggap's installers from this checkout:
#   PyInstaller one-folder bundle   build/installer/dist/tanggap/
#   Linux tarball                   dist/Tanggap-<version>-linux-<arch>.tar.gz   (on Linux)
#   Windows installer               dist/Tanggap-Setup-<version>.exe             (on Windows, Git Bash)
# Usage: installer/build.sh [--smoke]   (--smoke: run the frozen --version and --self-test after)
# PYTHON picks the interpreter (default: .venv's); it needs `pip install pyinstaller`.
# GZIP_LEVEL sets the tarball's compression (default 6).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
cd "$REPO"
case "$(uname -s)" in
    MINGW* | MSYS* | CYGWIN*) PLATFORM=windows; DEFAULT_PY=.venv/Scripts/python.exe ;;
    *) PLATFORM=linux; DEFAULT_PY=.venv/bin/python ;;
esac
PYTHON=${PYTHON:-$DEFAULT_PY}
SMOKE=0
[[ "${1:-}" == "--smoke" ]] && SMOKE=1

VERSION=$("$PYTHON" -c 'import sys; sys.path.insert(0, "installer"); import bundle; print(bundle.read_version())')
VERSION_NUMERIC=$("$PYTHON" -c 'import sys; sys.path.insert(0, "installer"); import bundle; print(".".join(map(str, bundle.numeric_version(bundle.read_version()))))')
WORK=build/installer
BUNDLE=$WORK/dist/tanggap
mkdir -p dist
echo "== Tanggap $VERSION: PyInstaller bundle"
"$PYTHON" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$WORK/dist" --workpath "$WORK/work" installer/tanggap.spec

if [[ $PLATFORM == linux ]]; then
    ARCH=$(uname -m)
    NAME=Tanggap-$VERSION-linux-$ARCH
    STAGE=$WORK/$NAME
    APP_ID=id.tanggap.Tanggap
    echo "== Linux tarball $NAME.tar.gz"
    rm -rf "$STAGE"
    mkdir -p "$STAGE/share/applications" "$STAGE/share/metainfo"
    # Hard links where the file system allows: the bundle is ~280 MB and neither copy is edited.
    cp -al "$BUNDLE" "$STAGE/tanggap" 2>/dev/null || cp -a "$BUNDLE" "$STAGE/tanggap"
    echo "$VERSION" > "$STAGE/VERSION"
    cp installer/linux/install.sh "$STAGE/install.sh"
    chmod +x "$STAGE/install.sh"
    cp "installer/linux/$APP_ID.desktop" "$STAGE/share/applications/"
    sed -e "s/@VERSION@/$VERSION/" -e "s/@DATE@/$(date -u +%Y-%m-%d)/" \
        "installer/linux/$APP_ID.metainfo.xml" > "$STAGE/share/metainfo/$APP_ID.metainfo.xml"
    for size in 16 24 32 48 64 128 256 512; do
        mkdir -p "$STAGE/share/icons/hicolor/${size}x${size}/apps"
        cp "resources/icons/tanggap-$size.png" "$STAGE/share/icons/hicolor/${size}x${size}/apps/$APP_ID.png"
    done
    # GZIP_LEVEL: 6 (gzip's default) for releases; CI's smoke build uses 1 (a third of the CPU, 7% larger).
    tar -C "$WORK" -cf - "$NAME" | gzip "-${GZIP_LEVEL:-6}" > "dist/$NAME.tar.gz"
    echo "   dist/$NAME.tar.gz ($(du -h "dist/$NAME.tar.gz" | cut -f1))"
else
    echo "== Windows installer Tanggap-Setup-$VERSION.exe"
    MAKENSIS=${MAKENSIS:-makensis}
    "$MAKENSIS" -V2 -WX "-DVERSION=$VERSION" "-DVERSION_NUMERIC=$VERSION_NUMERIC" \
        "-DBUNDLE_DIR=$(cygpath -w "$REPO/$BUNDLE")" "-DICON=$(cygpath -w "$REPO/resources/icons/tanggap.ico")" \
        "-DOUTDIR=$(cygpath -w "$REPO/dist")" installer/windows/tanggap.nsi
    echo "   dist/Tanggap-Setup-$VERSION.exe"
fi

if [[ $SMOKE == 1 ]]; then
    bash installer/smoke.sh "$BUNDLE"
fi
