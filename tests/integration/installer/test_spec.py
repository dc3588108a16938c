"""The PyInstaller spec, run against stand-ins for PyInstaller's build steps (no freezing).

A full build takes over a minute (``installer/build.sh --smoke``); this checks in seconds that
the spec still runs and asks for every file the app loads at run time.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.integration.installer.conftest import INSTALLER, REPO


class Recorder:
    calls: dict[str, dict[str, Any]] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        Recorder.calls[type(self).__name__] = {"args": args, **kwargs}
        self.scripts: list[Any] = []
        self.pure: list[Any] = []
        self.binaries = [
            ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", "/x/libqgtk3.so", "BINARY"),
            ("libgtk-3.so.0", "/usr/lib/libgtk-3.so.0", "BINARY"),
            ("PySide6/Qt/plugins/platforms/libqxcb.so", "/x/libqxcb.so", "BINARY"),
            ("libQt6Gui.so.6", "/x/libQt6Gui.so.6", "BINARY"),
        ]
        self.datas = [
            *kwargs.get("datas", []),
            ("PySide6/Qt/translations/qtbase_de.qm", "/x/qtbase_de.qm", "DATA"),
            ("PySide6/Qt/translations/qtbase_en.qm", "/x/qtbase_en.qm", "DATA"),
        ]


class Analysis(Recorder): ...


class PYZ(Recorder): ...


class EXE(Recorder): ...


class COLLECT(Recorder): ...


@pytest.fixture(scope="module")
def spec_run(bundle_module: Any) -> dict[str, dict[str, Any]]:
    Recorder.calls = {}
    namespace = {
        "SPECPATH": str(INSTALLER),
        "workpath": "/tmp/unused",
        "Analysis": Analysis,
        "PYZ": PYZ,
        "EXE": EXE,
        "COLLECT": COLLECT,
        "__file__": str(INSTALLER / "tanggap.spec"),
    }
    exec(compile((INSTALLER / "tanggap.spec").read_text(encoding="utf-8"), "tanggap.spec", "exec"), namespace)
    return Recorder.calls


def bundled(datas: list[tuple[str, str]]) -> set[str]:
    """Paths inside the bundle, as 'folder/filename'."""
    return {f"{dest}/{Path(src).name}" for src, dest in datas}


def test_entry_point_is_the_console_script_target(spec_run: dict[str, dict[str, Any]]) -> None:
    (scripts,) = spec_run["Analysis"]["args"]
    assert scripts == [str(INSTALLER / "entry.py")]
    assert "from tanggap.app import main" in (INSTALLER / "entry.py").read_text(encoding="utf-8")
    assert spec_run["Analysis"]["pathex"] == [str(REPO)]


def test_build_is_windowed_one_folder_named_tanggap(spec_run: dict[str, dict[str, Any]]) -> None:
    assert spec_run["EXE"]["console"] is False
    assert spec_run["EXE"]["exclude_binaries"] is True  # one-folder: libraries go to COLLECT
    assert spec_run["EXE"]["name"] == "tanggap"
    assert spec_run["COLLECT"]["name"] == "tanggap"


def test_runtime_data_is_carried(spec_run: dict[str, dict[str, Any]]) -> None:
    paths = bundled(spec_run["Analysis"]["datas"])
    assert "holidays/locale/id/LC_MESSAGES/ID.mo" in paths  # Indonesian holiday names
    assert "tzdata/zoneinfo/Asia/Jakarta" in paths
    assert "tzdata/zoneinfo/Asia/Jayapura" in paths
    # keyring finds its backends through its entry points, so its metadata must come along.
    assert any(
        dest.startswith("keyring-") and dest.endswith(".dist-info")
        for _src, dest in spec_run["Analysis"]["datas"]
    )
    for size in (16, 256):
        assert f"resources/icons/tanggap-{size}.png" in paths
    fonts = {p for p in paths if p.startswith("resources/fonts/") and p.endswith(".ttf")}
    assert fonts, "no PDF font in the bundle"
    for qm in (REPO / "resources" / "i18n").glob("*.qm"):
        assert f"resources/i18n/{qm.name}" in paths
    assert not any(p.endswith(".ts") for p in paths), "translation sources are not needed at run time"


def test_lazily_imported_modules_are_hidden_imports(spec_run: dict[str, dict[str, Any]]) -> None:
    hidden = set(spec_run["Analysis"]["hiddenimports"])
    assert "reportlab.graphics.barcode.qr" in hidden  # the receipt's QR code
    assert "reportlab.graphics.barcode.code128" in hidden
    assert {"keyring.backends.SecretService", "keyring.backends.Windows", "keyring.backends.macOS"} <= hidden
    assert "holidays.countries.indonesia" in hidden
    assert {"tanggap.app", "tanggap.demo", "desktop.selftest", "ui.selftest"} <= hidden


def test_gtk_theme_and_dev_tools_stay_out(spec_run: dict[str, dict[str, Any]]) -> None:
    kept = [dest for dest, _src, _kind in spec_run["COLLECT"]["args"][1]]
    assert kept == ["PySide6/Qt/plugins/platforms/libqxcb.so", "libQt6Gui.so.6"]
    excludes = set(spec_run["Analysis"]["excludes"])
    assert {"tkinter", "pytest", "psycopg"} <= excludes
    data_dests = {entry[0] for entry in spec_run["COLLECT"]["args"][2] if len(entry) == 3}
    assert "PySide6/Qt/translations/qtbase_en.qm" in data_dests
    assert "PySide6/Qt/translations/qtbase_de.qm" not in data_dests


def test_version_is_stamped_from_desktop(bundle_module: Any) -> None:
    import desktop

    assert bundle_module.read_version() == desktop.__version__
    pytest.importorskip("pefile", reason="PyInstaller needs pefile for version resources (Windows builds)")
    info = bundle_module.windows_version_info(desktop.__version__)
    text = str(info)
    assert f"filevers={bundle_module.numeric_version(desktop.__version__)}" in text
    assert f"'ProductVersion', '{desktop.__version__}'" in text


@pytest.mark.parametrize(
    ("version", "numbers"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("1.2", (1, 2, 0, 0)),
        ("2.0.3rc1", (2, 0, 3, 1)),
        ("1.4.2+local", (1, 4, 2, 0)),
    ],
)
def test_numeric_version_for_windows_resources(
    bundle_module: Any, version: str, numbers: tuple[int, ...]
) -> None:
    assert bundle_module.numeric_version(version) == numbers
