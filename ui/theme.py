"""The look: a calm teal of East Java government sites, white work surfaces, colour kept for urgency.

Red means breached, amber warning, green on track - nothing else on screen uses those hues,
so an officer's eye goes straight to what is late.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from desktop.domain import UrgencyLevel

PRIMARY = "#0f766e"
PRIMARY_DARK = "#115e59"
PRIMARY_SOFT = "#e6f4f1"
SURFACE = "#ffffff"
BACKGROUND = "#f3f6f5"
SIDEBAR = "#0b4f4a"
BORDER = "#d5dfdc"
TEXT = "#1d2939"
MUTED = "#5b6b79"
NOTE_BG = "#fff8e1"
NOTE_BORDER = "#e0b44a"
REPLY_BG = "#eef6ff"
REPLY_BORDER = "#7fa8d9"

URGENCY_FG = {
    UrgencyLevel.BREACHED: "#b42318",
    UrgencyLevel.WARNING: "#a15c07",
    UrgencyLevel.OK: "#067647",
}
URGENCY_BG = {
    UrgencyLevel.BREACHED: "#fee4e2",
    UrgencyLevel.WARNING: "#fef0c7",
    UrgencyLevel.OK: "#dcfae6",
}


def urgency_fg(level: UrgencyLevel) -> QColor:
    return QColor(URGENCY_FG[level])


def urgency_bg(level: UrgencyLevel) -> QColor:
    return QColor(URGENCY_BG[level])


STYLE_SHEET = f"""
QMainWindow, QDialog {{ background: {BACKGROUND}; }}
QWidget {{ color: {TEXT}; }}
QToolTip {{ background: {TEXT}; color: white; border: none; padding: 4px 6px; }}

/* Left: the views */
#sidebar {{ background: {SIDEBAR}; }}
#sidebar QLabel#brand {{ color: white; font-size: 15pt; font-weight: 700; padding: 14px 16px 2px 16px; }}
#sidebar QLabel#brandSub {{ color: #a7d8d1; font-size: 9pt; padding: 0 16px 12px 16px; }}
#sidebar QLabel#sideHeading {{ color: #8cc5bd; font-size: 8pt; font-weight: 700;
    padding: 12px 16px 4px 16px; letter-spacing: 1px; }}
QListView#viewList {{ background: transparent; border: none; color: #e6f4f1; outline: 0;
    font-size: 10pt; }}
QListView#viewList::item {{ padding: 7px 8px; margin: 1px 6px; border-radius: 6px; }}
QListView#viewList::item:hover {{ background: rgba(255,255,255,0.08); }}
QListView#viewList::item:selected {{ background: {PRIMARY}; color: white; }}
#sidebar QPushButton {{ background: rgba(255,255,255,0.10); color: white; border: 1px solid rgba(255,255,255,0.18);
    border-radius: 6px; padding: 7px 10px; text-align: left; }}
#sidebar QPushButton:hover {{ background: rgba(255,255,255,0.18); }}
#sidebar QLabel#whoami {{ color: #cfe9e4; font-size: 9pt; padding: 4px 16px 12px 16px; }}

/* Middle: the queue */
#queuePane {{ background: {SURFACE}; border-right: 1px solid {BORDER}; }}
QLabel#paneTitle {{ font-size: 13pt; font-weight: 700; color: {TEXT}; }}
QLabel#paneCount {{ color: {MUTED}; font-size: 10pt; }}
QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QSpinBox, QDateEdit {{
    background: white; border: 1px solid {BORDER}; border-radius: 6px; padding: 5px 8px;
    selection-background-color: {PRIMARY}; }}
QLineEdit:focus, QComboBox:focus, QPlainTextEdit:focus, QSpinBox:focus, QDateEdit:focus {{
    border: 1px solid {PRIMARY}; }}
QLineEdit#searchBox {{ padding: 7px 10px; font-size: 10pt; }}
QComboBox {{ min-height: 20px; }}
QTableView {{ background: white; border: none; gridline-color: transparent;
    selection-background-color: {PRIMARY_SOFT}; selection-color: {TEXT}; alternate-background-color: #fafcfb; }}
QTableView::item {{ padding: 4px 6px; border-bottom: 1px solid #eef2f1; }}
QTableView::item:selected {{ background: {PRIMARY_SOFT}; color: {TEXT}; }}
QHeaderView::section {{ background: {BACKGROUND}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px 6px; font-weight: 600; font-size: 9pt; }}

/* Right: the ticket */
#ticketPane {{ background: {BACKGROUND}; }}
QFrame#card {{ background: white; border: 1px solid {BORDER}; border-radius: 8px; }}
QLabel#ticketTitle {{ font-size: 12pt; font-weight: 700; }}
QLabel#trackingNo {{ color: {PRIMARY_DARK}; font-weight: 700; font-size: 10pt; }}
QLabel#fieldLabel {{ color: {MUTED}; font-size: 8pt; font-weight: 600; }}
QLabel#fieldValue {{ font-size: 10pt; }}
QLabel#badge {{ border-radius: 9px; padding: 2px 9px; font-size: 9pt; font-weight: 600;
    background: {PRIMARY_SOFT}; color: {PRIMARY_DARK}; }}
QLabel#sectionTitle {{ font-size: 10pt; font-weight: 700; color: {MUTED}; }}
QLabel#muted {{ color: {MUTED}; }}
QPlainTextEdit#complaintBody {{ background: white; border: none; font-size: 10pt; }}
QFrame#msgReply {{ background: {REPLY_BG}; border: 1px solid {REPLY_BORDER}; border-left: 4px solid #2e6fbf;
    border-radius: 6px; }}
QFrame#msgNote {{ background: {NOTE_BG}; border: 1px dashed {NOTE_BORDER}; border-left: 4px solid #c58a00;
    border-radius: 6px; }}
QFrame#msgEvent {{ background: transparent; border: none; }}
QLabel#msgKind {{ font-size: 8pt; font-weight: 700; }}
QLabel#pending {{ color: #a15c07; font-size: 8pt; font-weight: 600; }}
QLabel#sent {{ color: #067647; font-size: 8pt; font-weight: 600; }}

QPushButton {{ background: white; border: 1px solid {BORDER}; border-radius: 6px; padding: 6px 12px; }}
QPushButton:hover {{ border-color: {PRIMARY}; color: {PRIMARY_DARK}; }}
QPushButton:disabled {{ color: #98a2b3; background: #f2f4f7; border-color: #e4e7ec; }}
QPushButton#primary {{ background: {PRIMARY}; color: white; border: 1px solid {PRIMARY}; font-weight: 600; }}
QPushButton#primary:hover {{ background: {PRIMARY_DARK}; }}
QPushButton#primary:disabled {{ background: #9fc9c3; border-color: #9fc9c3; color: white; }}
QPushButton#danger {{ color: #b42318; }}
QPushButton#statusAction {{ padding: 4px 10px; }}
QPushButton#statusAction[danger="true"] {{ color: #b42318; }}
QToolBar {{ background: {SURFACE}; border: none; border-bottom: 1px solid {BORDER}; spacing: 6px; padding: 4px 8px; }}
QToolButton {{ padding: 5px 10px; border-radius: 6px; }}
QToolButton:hover {{ background: {PRIMARY_SOFT}; }}
QStatusBar {{ background: {SURFACE}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QLabel#online {{ color: #067647; font-weight: 600; }}
QLabel#offline {{ color: #a15c07; font-weight: 600; }}
QLabel#syncError {{ color: #b42318; }}
QTabWidget::pane {{ border: none; }}
QTabBar::tab {{ padding: 6px 10px; border: none; border-bottom: 2px solid transparent; color: {MUTED}; }}
QTabBar::tab:selected {{ color: {PRIMARY_DARK}; border-bottom: 2px solid {PRIMARY}; font-weight: 600; }}
QLabel#error {{ color: #b42318; }}
QGroupBox {{ font-weight: 600; border: 1px solid {BORDER}; border-radius: 8px; margin-top: 12px; padding: 10px;
    background: white; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {MUTED}; }}
QSplitter::handle {{ background: {BORDER}; }}
"""


def apply_theme(app: QApplication) -> None:
    font = QFont(app.font())
    font.setPointSize(10)
    app.setFont(font)
    palette = app.palette()
    palette.setColor(QPalette.ColorRole.Highlight, QColor(PRIMARY))
    palette.setColor(QPalette.ColorRole.Window, QColor(BACKGROUND))
    app.setPalette(palette)
    app.setStyleSheet(STYLE_SHEET)
