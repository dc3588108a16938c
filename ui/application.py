"""Builds the QApplication (translations, style) and runs the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.settings import Settings
from desktop.store import LocalStore
from ui.mainwindow import MainWindow

I18N_DIR = Path(__file__).resolve().parent.parent / "resources" / "i18n"


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Source strings are Indonesian; English comes from ``tanggap_en.qm``."""
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
    return translators


def ensure_application(language: str) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(sys.argv[:1])
        app.setApplicationName("Tanggap")
        app.setOrganizationName("Tanggap")
        app.setApplicationDisplayName("Tanggap")
    install_translators(app, language)
    return app


def run_workstation(
    store: LocalStore, settings: Settings, data_dir: Path, *, screenshot: str | None = None
) -> int:
    app = ensure_application(settings.language)
    window = MainWindow(store, settings, data_dir)
    window.resize(1440, 900)
    window.show()
    if screenshot:

        def _grab() -> None:
            window.grab().save(screenshot)
            app.quit()

        QTimer.singleShot(0, _grab)
    return app.exec()
