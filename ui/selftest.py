"""``tanggap --self-test``: prove that this installation can run, then exit.

Opens the main window offscreen over a throw-away data folder (never the user's), loads the
compiled translations with QTranslator, and runs the Qt-free checks of ``desktop.selftest``
(keyring, holidays, time zones, receipt PDF). Prints one line per check and exits 0 when all
pass, 1 otherwise. The frozen bundle runs this in CI; support staff run it on a desk.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from desktop import selftest as core
from desktop.selftest import CheckResult

# The app reads its data folder from here first, so the self-test never touches real data.
DATA_DIR_ENV = "TANGGAP_DATA_DIR"


def _point_data_folders_at(tmp: Path) -> None:
    os.environ[DATA_DIR_ENV] = str(tmp / "data")
    # platformdirs on Linux/macOS honours these too, for code that asks it directly.
    for var, sub in (
        ("XDG_DATA_HOME", "xdg-data"),
        ("XDG_CONFIG_HOME", "xdg-config"),
        ("XDG_CACHE_HOME", "xdg-cache"),
    ):
        os.environ[var] = str(tmp / sub)


def check_main_window(data_dir: Path) -> CheckResult:
    """The workstation's main window opens over a fresh, empty data folder."""
    from PySide6.QtWidgets import QApplication

    try:
        from desktop.settings import Settings
        from desktop.store import LocalStore
        from ui.mainwindow import MainWindow
    except ImportError as error:
        return CheckResult("main window", False, f"not available: {error}")
    data_dir.mkdir(parents=True, exist_ok=True)
    store = LocalStore.open(data_dir, key=os.urandom(32))  # a throwaway store: no keyring entry left
    try:
        window = MainWindow(store, Settings.load(data_dir), data_dir)
        window.show()
        QApplication.processEvents()
        try:
            if not window.isVisible():
                return CheckResult("main window", False, "constructed but not shown")
            return CheckResult("main window", True, f"{window.windowTitle()!r} over an empty data folder")
        finally:
            window.close()
            window.deleteLater()
            QApplication.processEvents()
    finally:
        store.close()


def check_translations_load() -> CheckResult:
    from PySide6.QtCore import QTranslator

    files = core.translation_files()
    if not files:
        return CheckResult("translations", False, f"no .qm files in {core.resources_dir() / 'i18n'}")
    broken = []
    for qm in files:
        translator = QTranslator()
        if not translator.load(str(qm)) or translator.isEmpty():
            broken.append(qm.name)
    if broken:
        return CheckResult("translations", False, "QTranslator cannot load " + ", ".join(broken))
    return CheckResult("translations", True, f"{len(files)} loaded: " + ", ".join(f.name for f in files))


def check_app_icon() -> CheckResult:
    from PySide6.QtGui import QIcon

    icon_dir = core.resources_dir() / "icons"
    icon = QIcon()
    for png in sorted(icon_dir.glob("tanggap-*.png")):
        icon.addFile(str(png))
    sizes = sorted(s.width() for s in icon.availableSizes())
    if icon.isNull() or 16 not in sizes or 256 not in sizes:
        return CheckResult("app icon", False, f"icon sizes found in {icon_dir}: {sizes}")
    return CheckResult("app icon", True, f"{len(sizes)} sizes, {sizes[0]}..{sizes[-1]} px")


def check_emoji_font() -> CheckResult:
    """The shipped colour emoji font is there and draws what complaints hold (a bundle that lost it
    would show boxes for 🥺 on a desk without an emoji font)."""
    from PySide6.QtGui import QFont, QTextLayout

    from ui.application import EMOJI_FONT, add_fallback_fonts

    families = add_fallback_fonts()
    if "Noto Color Emoji" not in families:
        return CheckResult("emoji font", False, f"{EMOJI_FONT} not registered (found {families})")
    layout = QTextLayout("\U0001f64f\U0001f3fb\U0001f97a\U0001f972", QFont())
    layout.beginLayout()
    layout.createLine().setLineWidth(1000)
    layout.endLayout()
    glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
    if not glyphs or 0 in glyphs:
        return CheckResult("emoji font", False, f"missing glyphs for \U0001f97a or \U0001f972: {glyphs}")
    return CheckResult("emoji font", True, f"{EMOJI_FONT}: \U0001f64f\U0001f3fb \U0001f97a \U0001f972 drawn")


def run() -> int:
    """Run every check and print the report; returns the process exit code."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from desktop.settings import resolve_data_dir

    officers_folder = resolve_data_dir()  # only looked at (encrypted? key there?), never opened
    with tempfile.TemporaryDirectory(prefix="tanggap-selftest-") as tmp_name:
        tmp = Path(tmp_name)
        _point_data_folders_at(tmp)
        app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "tanggap"])
        results = core.run_core_checks(tmp, officers_folder)
        qt_checks: dict[str, Callable[[], CheckResult]] = {
            "translations": check_translations_load,
            "app icon": check_app_icon,
            "emoji font": check_emoji_font,
            "main window": lambda: check_main_window(tmp / "data"),
        }
        for name, check in qt_checks.items():
            try:
                results.append(check())
            except Exception as error:  # a crashing check is a failed check, and the others still run
                results.append(CheckResult(name, False, f"crashed: {type(error).__name__}: {error}"))
        print(core.format_report(results), flush=True)
        del app
    return core.exit_code(results)


if __name__ == "__main__":
    raise SystemExit(run())
