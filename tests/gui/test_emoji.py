"""Emoji in complaints draw as emoji on a bare desk: the shipped colour font, never the missing-glyph box."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from ui.application import RESOURCES, add_fallback_fonts
from ui.reply_editor import ReplyEditor

# What the real complaints hold (🙏🏻 46 times), the seed's emoji, and some of Unicode 14 and 15.
REAL_DATA = "🙏🏻 🥺 🥲 🙏 😭 😡 😤 😩 😢 😷 🙄 🙃 🤮 🚧 💡 📵 🌧️ ⚠️ 👍🏽 🤲🏼 👨‍👩‍👧"
UNICODE_15 = "🫠 🫶 🫡 🥹 🫨 🩷 🩵 🩶 🪿 🫎 🪼 🫚 🪭 🪯 🛜"


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """The characters of ``text`` Qt draws as glyph 0 (.notdef, the box), over its whole fallback chain."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    # Qt counts UTF-16 units: map each back to the Python character it belongs to.
    unit_to_char = [i for i, ch in enumerate(text) for _ in range(2 if ord(ch) > 0xFFFF else 1)]
    missing: list[str] = []
    flags = (
        QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphIndexes
        | QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
    )
    for run in layout.glyphRuns(-1, -1, flags):
        assert len(run.stringIndexes()) == len(run.glyphIndexes())
        indexes = run.glyphIndexes()
        chars = run.stringIndexes()
        for glyph, at in zip(indexes, chars, strict=False):
            char = text[unit_to_char[at]]
            if glyph == 0 and not char.isspace():
                missing.append(char)
    return missing


def emoji_families(text: str, font: QFont) -> set[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine().setLineWidth(100_000)
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


def test_the_colour_emoji_font_ships_with_its_licence() -> None:
    font = RESOURCES / "fonts" / "NotoColorEmoji.ttf"
    assert font.is_file()
    assert font.stat().st_size < 12_000_000  # ~11 MB: the bundle's price for every emoji in colour
    assert "SIL" in (RESOURCES / "fonts" / "LICENSE-NotoColorEmoji.txt").read_text(encoding="utf-8")


def test_queue_pane_and_editor_draw_every_emoji(qtbot: QtBot) -> None:
    assert "Noto Color Emoji" in add_fallback_fonts()
    label = QLabel()  # a queue line and the header use the application font
    body = QPlainTextEdit()  # the complaint
    body.setObjectName("complaintBody")
    editor = ReplyEditor()
    for widget in (label, body, editor):
        qtbot.addWidget(widget)
    for font in (label.font(), body.font(), editor.text.font(), QFont("DejaVu Sans", 10)):
        assert missing_glyphs(REAL_DATA + " " + UNICODE_15, font) == []
        # Drawn by the shipped font, so a desk without an emoji font of its own shows them too.
        assert "Noto Color Emoji" in emoji_families("🥺🙏🏻", font)


def test_a_skin_tone_sequence_is_one_glyph(qtbot: QtBot) -> None:
    add_fallback_fonts()
    layout = QTextLayout("🙏🏻", QLabel().font())
    layout.beginLayout()
    layout.createLine().setLineWidth(1000)
    layout.endLayout()
    glyphs = [g for run in layout.glyphRuns() for g in run.glyphIndexes()]
    assert len(glyphs) == 1 and glyphs[0] != 0  # not a hand followed by a colour box
