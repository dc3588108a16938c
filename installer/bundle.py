"""What the frozen Tanggap carries: the data, hidden imports and exclusions the spec uses.

Kept apart from ``tanggap.spec`` so the fast CI check can import and exercise the same rules
without running a full PyInstaller build. Only the ``collect_*`` helpers need PyInstaller.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

INSTALLER = Path(__file__).resolve().parent
REPO = INSTALLER.parent
APP_NAME = "Tanggap"
EXE_NAME = "tanggap"
APP_ID = "id.go.tanggap.Tanggap"
PUBLISHER = "Tanggap contributors"

PROJECT_PACKAGES = ("tanggap", "desktop", "ui", "db", "server")
# Resource files the app opens at run time; .ts sources and the icon's SVG master stay behind.
RESOURCE_PATTERNS = (
    "*.qm",
    "*.ttf",
    "*.otf",
    "*.png",
    "*.svg",
    "*.ico",
    "*.qss",
    "*.json",
    "*.txt",
    "LICENSE*",
)
# Non-Python files the packages open by path (Alembic config and templates, SQL, JSON seeds).
PACKAGE_DATA_PATTERNS = ("*.ini", "*.mako", "*.json", "*.sql", "*.txt", "*.qss", "*.csv")

# Modules the app never imports at run time but that the venv has (dev tools, the server's
# PostgreSQL driver: the embedded demo server runs on SQLite), or that drag in big libraries.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "pytest",
    "_pytest",
    "pytestqt",
    "hypothesis",
    "schemathesis",
    "mypy",
    "ruff",
    "importlinter",
    "IPython",
    "pip",
    "psycopg",
    "psycopg_binary",
    "psycopg_c",
    "pypdf",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtOpenGL",
    "PySide6.QtOpenGLWidgets",
    "PySide6.QtDesigner",
    "PySide6.QtUiTools",
    "PySide6.QtTest",
)

# Qt's GTK3 platform theme links GTK, which gnome-keyring's desktop has installed on most Linux
# build machines; bundled, it would load the host's GTK theme stack into the app and grow the
# bundle. Qt then uses its own look, which the app's style sheet assumes. The other libraries
# are the ones only that plugin pulled in (checked with objdump on a built bundle).
EXCLUDED_BINARY_PATTERNS = (
    re.compile(r"(^|/)platformthemes/libqgtk3\.so$"),
    re.compile(r"(^|/)lib(gtk|gdk)-3\.so"),
    re.compile(r"(^|/)libgdk_pixbuf-2\.0\.so"),
    re.compile(r"(^|/)libatk(-bridge)?-[0-9.]+\.so"),
    re.compile(r"(^|/)libpango(cairo|ft2)?-1\.0\.so"),
    re.compile(r"(^|/)libcairo(-gobject)?\.so"),
    re.compile(r"(^|/)libpixman-1\.so"),
    re.compile(r"(^|/)libepoxy\.so"),
    re.compile(r"(^|/)libharfbuzz\.so"),  # the host's; Qt and Pillow carry their own
    re.compile(r"(^|/)libfribidi\.so"),
    re.compile(r"(^|/)libthai\.so"),
    re.compile(r"(^|/)libdatrie\.so"),
    re.compile(r"(^|/)libgraphite2\.so"),
)
# Qt's own dialog translations: only the languages the app offers.
QT_TRANSLATION_LANGUAGES = ("en", "id")
_QT_TRANSLATION = re.compile(r"(^|/)PySide6/Qt/translations/[a-z]+_([a-zA-Z_]+)\.qm$")


def read_version(repo: Path = REPO) -> str:
    """``desktop.__version__`` read as text, so the spec never imports the app."""
    text = (repo / "desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("desktop/__init__.py has no __version__ = '...' line")
    return match.group(1)


def numeric_version(version: str) -> tuple[int, int, int, int]:
    """``0.1.0`` or ``1.2.3rc1`` as the four numbers Windows version resources hold."""
    numbers = [int(n) for n in re.findall(r"\d+", version.split("+")[0])[:4]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def _files(root: Path, patterns: tuple[str, ...]) -> list[Path]:
    found = {p for pattern in patterns for p in root.rglob(pattern) if p.is_file()}
    return sorted(p for p in found if "__pycache__" not in p.parts)


def project_datas(repo: Path = REPO) -> list[tuple[str, str]]:
    """(source file, folder in the bundle) for resources/ and the packages' own data files."""
    datas: list[tuple[str, str]] = []
    resources = repo / "resources"
    if resources.is_dir():
        for path in _files(resources, RESOURCE_PATTERNS):
            datas.append((str(path), str(path.parent.relative_to(repo))))
    for package in PROJECT_PACKAGES:
        root = repo / package
        if root.is_dir():
            for path in _files(root, PACKAGE_DATA_PATTERNS):
                datas.append((str(path), str(path.parent.relative_to(repo))))
    # Alembic runs migration scripts from files, not from imports: ship them as sources.
    for migrations in (repo / "db" / "migrations", repo / "server" / "migrations"):
        if migrations.is_dir():
            for path in _files(migrations, ("*.py",)):
                datas.append((str(path), str(path.parent.relative_to(repo))))
    return datas


def third_party_datas() -> list[tuple[str, str]]:
    from PyInstaller.utils.hooks import collect_data_files, copy_metadata

    datas: list[tuple[str, str]] = []
    datas += collect_data_files("holidays")  # holiday names (.mo) in Indonesian
    datas += collect_data_files("tzdata")  # zone files for zoneinfo on Windows
    datas += collect_data_files("reportlab")  # built-in fonts and the PDF standard encodings
    datas += copy_metadata("keyring")  # keyring finds its backends through entry points
    datas += copy_metadata("holidays")  # the SLA calendar's holiday cache is keyed by its version
    return datas


def hidden_imports() -> list[str]:
    from PyInstaller.utils.hooks import collect_submodules

    names: list[str] = []
    names += collect_submodules("reportlab.graphics.barcode")  # createBarcodeDrawing imports by name
    names += collect_submodules("keyring.backends")
    names += collect_submodules("holidays.countries")  # holidays loads its country classes lazily
    names += ["logging.config", "sqlalchemy.dialects.sqlite", "sqlcipher3.dbapi2"]  # the encrypted store
    for package in PROJECT_PACKAGES:
        # Lazily imported parts (the demo server, the self-test) must be in the bundle too.
        names += collect_submodules(package, filter=lambda name: ".tests" not in name)
    return sorted(set(names))


def is_excluded_binary(dest_name: str) -> bool:
    normalised = dest_name.replace("\\", "/")
    return any(pattern.search(normalised) for pattern in EXCLUDED_BINARY_PATTERNS)


def drop_excluded_binaries(binaries: list[Any]) -> list[Any]:
    """Filter an Analysis TOC (tuples whose first item is the path inside the bundle)."""
    return [entry for entry in binaries if not is_excluded_binary(entry[0])]


def drop_unused_qt_translations(datas: list[Any]) -> list[Any]:
    def wanted(dest_name: str) -> bool:
        match = _QT_TRANSLATION.search(dest_name.replace("\\", "/"))
        return match is None or match.group(2).split("_")[0] in QT_TRANSLATION_LANGUAGES

    return [entry for entry in datas if wanted(entry[0])]


def windows_version_info(version: str) -> Any:
    """The version resource stamped into tanggap.exe (Explorer's Details tab, installers)."""
    from PyInstaller.utils.win32 import versioninfo as vi

    numbers = numeric_version(version)
    strings = [
        vi.StringStruct("CompanyName", PUBLISHER),
        vi.StringStruct("FileDescription", f"{APP_NAME} complaint-handling workstation"),
        vi.StringStruct("FileVersion", version),
        vi.StringStruct("InternalName", EXE_NAME),
        vi.StringStruct("LegalCopyright", "Apache-2.0"),
        vi.StringStruct("OriginalFilename", f"{EXE_NAME}.exe"),
        vi.StringStruct("ProductName", APP_NAME),
        vi.StringStruct("ProductVersion", version),
    ]
    return vi.VSVersionInfo(
        ffi=vi.FixedFileInfo(filevers=numbers, prodvers=numbers),
        kids=[
            vi.StringFileInfo([vi.StringTable("040904B0", strings)]),
            vi.VarFileInfo([vi.VarStruct("Translation", [0x0409, 1200])]),
        ],
    )
