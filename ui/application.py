"""Builds the QApplication (translations, style) and runs the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, Qt, QTimer, QTranslator
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from desktop.settings import Settings
from desktop.store import LocalStore
from ui.mainwindow import MainWindow
from ui.tasks import TaskManager
from ui.theme import apply_theme

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
I18N_DIR = RESOURCES / "i18n"
SCREENSHOT_SIZE = (1920, 1080)
# QPixmap.save maps PNG quality to zlib level (100 - q) * 9 // 91: 80 is level 1, a third of the
# default's time (level 6) for a file a few percent larger; 90 and up store it uncompressed (6 MB).
SCREENSHOT_PNG_QUALITY = 80


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Source strings are Indonesian; English comes from ``tanggap_en.qm``."""
    for old in getattr(app, "_tanggap_translators", []):
        app.removeTranslator(old)
    translators: list[QTranslator] = []
    locale = QLocale(QLocale.Language.Indonesian if language == "id" else QLocale.Language.English)
    QLocale.setDefault(locale)
    qt_translator = QTranslator(app)
    if qt_translator.load(
        locale, "qtbase", "_", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ):
        app.installTranslator(qt_translator)
        translators.append(qt_translator)
    if language != "id":
        ours = QTranslator(app)
        if ours.load(str(I18N_DIR / f"tanggap_{language}.qm")):
            app.installTranslator(ours)
            translators.append(ours)
    app._tanggap_translators = translators  # type: ignore[attr-defined]
    return translators


def app_icon() -> QIcon:
    icon = QIcon()
    for png in sorted((RESOURCES / "icons").glob("tanggap-*.png")):
        icon.addFile(str(png))
    return icon


# Complaint text carries emoji and aksara Jawa; a desk without such fonts would show boxes.
# Noto Color Emoji (OFL 1.1, Unicode 15) draws every emoji in colour, skin tones included
# (🙏🏻 is one glyph, not a hand and a box); Symbola stays for the rare symbol it lacks.
EMOJI_FONT = "NotoColorEmoji.ttf"
FALLBACK_FONTS = (EMOJI_FONT, "Symbola.ttf", "NotoSansJavanese-Regular.ttf")


def add_fallback_fonts() -> list[str]:
    """Qt falls back to these for glyphs the system fonts lack (registered once per process).

    The colour emoji font is also Qt's emoji font, so an emoji sequence (a skin tone, a ZWJ
    family) is shaped by it as one glyph even where a system font has a monochrome emoji.
    Answers the families registered.
    """
    families: list[str] = []
    for name in FALLBACK_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / name))
        found = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        families.extend(found)
        if name == EMOJI_FONT:
            for family in found:
                QFontDatabase.setApplicationEmojiFontFamilies([family])
    return families


def ensure_application(language: str) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Tanggap")
        app.setOrganizationName("Tanggap")
        app.setApplicationDisplayName("Tanggap")
        add_fallback_fonts()
    install_translators(app, language)
    apply_theme(app)
    app.setWindowIcon(app_icon())
    return app


def screenshot_when_loaded(window: MainWindow, path: str, on_saved: object = None) -> None:
    """Save the window once everything it asked for at start has loaded, then quit.

    "Loaded" is the queue's first page, the view counts, the status bar and the first ticket's
    detail: the moment the task manager settles with the model not loading. A callback that
    posts more work (a zero-delay timer) gets one turn of the event loop before the grab.
    """
    app = QApplication.instance()
    saved = False

    def ready() -> bool:
        return not saved and not window.queue_model.loading and window.tasks.idle

    def check() -> None:
        if ready():
            QTimer.singleShot(0, grab)

    def grab() -> None:
        nonlocal saved
        if not ready():
            return  # more work was posted meanwhile; its settling checks again
        saved = True
        window.tasks.settled.disconnect(check)
        QApplication.processEvents()
        window.grab().save(path, "PNG", SCREENSHOT_PNG_QUALITY)
        if callable(on_saved):
            on_saved()
        elif app is not None:
            app.quit()

    window.tasks.settled.connect(check)
    QTimer.singleShot(0, check)  # nothing to load at all (an empty store, an inline task manager)


def switch_language(window: MainWindow) -> MainWindow:
    """The main window built again in the language the settings now name; the old one closes.

    Every text of the window is set when it is built, so a new window is the whole translation.
    The officer stays where they were: same view, search and open ticket, same place on screen.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    install_translators(app, window.settings.language)
    tasks = TaskManager(inline=True) if window.tasks.inline else None
    fresh = MainWindow(window.store, window.settings, window.data_dir, tasks=tasks, clock=window.clock)
    fresh.setAttribute(
        Qt.WidgetAttribute.WA_DontShowOnScreen, window.testAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
    )
    if window.isMaximized():
        fresh.showMaximized()
    else:
        fresh.setGeometry(window.geometry())
        fresh.show()
    fresh.go_to(*window.place())
    window.close()
    window.deleteLater()
    return fresh


class Workstation:
    """The main window, built anew whenever the officer picks another language."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        window.language_changed.connect(self._switch_soon)

    def _switch_soon(self) -> None:
        # After the settings dialog has closed: a window is never deleted inside its own handler.
        QTimer.singleShot(0, self._switch)

    def _switch(self) -> None:
        self.window = switch_language(self.window)
        self.window.language_changed.connect(self._switch_soon)


def run_workstation(
    store: LocalStore,
    settings: Settings,
    data_dir: Path,
    *,
    screenshot: str | None = None,
    size: tuple[int, int] | None = None,
    after_show: object = None,
) -> int:
    """``size``: the window's size in logical pixels (a screenshot's default 1920x1080)."""
    app = ensure_application(settings.language)
    window = MainWindow(store, settings, data_dir)
    workstation = Workstation(window)
    window.resize(*(size or (SCREENSHOT_SIZE if screenshot else (1480, 920))))
    if screenshot:
        # Laid out and "visible" for grab(), but never painted to a screen nobody looks at.
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
    window.show()
    if screenshot:
        screenshot_when_loaded(window, screenshot)
    else:
        # First run: ask for the server and a login; "Kerja offline" opens the cached data.
        def first_run() -> None:
            if window.identity is None:
                window.controller.open_login()

        if window.desk_known:
            QTimer.singleShot(0, first_run)
        else:
            window.desk_loaded.connect(first_run, Qt.ConnectionType.SingleShotConnection)
    if callable(after_show):
        after_show(window)
    try:
        return app.exec()
    finally:
        workstation.window.tasks.shutdown()
