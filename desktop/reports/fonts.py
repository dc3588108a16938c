"""Embedded fonts and per-character font fallback for complaint text.

Complaint text arrives from social media: emoji, aksara Jawa, zero-width joiners, markup-looking
text. reportlab draws each glyph from one font and shows tofu for what that font lacks, and its
Paragraph parses markup, so every piece of user text goes through ``rich_text`` (for
Paragraphs) or ``canvas_text`` (for strings drawn directly): escaped, stripped of invisible
format characters, and split into runs by the first font that has each glyph. Word's list
bullets (Symbol/Wingdings code points in the Private Use Area) become the Unicode characters they
stand for. A character no shipped font has prints as U+FFFD, visibly, never as a crash.
"""

from __future__ import annotations

import threading
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from desktop.wording import normalise_word_symbols

FONT_DIR = Path(__file__).resolve().parents[2] / "resources" / "fonts"

SANS = "TanggapSans"
SANS_BOLD = "TanggapSans-Bold"
EMOJI = "TanggapEmoji"
JAVANESE = "TanggapJavanese"

_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    EMOJI: "Symbola.ttf",
    JAVANESE: "NotoSansJavanese-Regular.ttf",
}
# Tried in this order after the paragraph's own font.
_FALLBACKS = (EMOJI, JAVANESE)

REPLACEMENT = "\ufffd"

_lock = threading.Lock()
_coverage: dict[str, frozenset[int]] = {}


class FontMissingError(RuntimeError):
    """The shipped fonts are not where the package expects them (a broken install)."""


def register_fonts() -> None:
    """Register the embedded fonts with reportlab once per process; safe from any thread."""
    if _coverage:
        return
    with _lock:
        if _coverage:
            return
        loaded: dict[str, frozenset[int]] = {}
        for name, filename in _FILES.items():
            path = FONT_DIR / filename
            if not path.is_file():
                raise FontMissingError(f"Font file missing: {path}. Reinstall Tanggap.")
            font = TTFont(name, str(path))
            pdfmetrics.registerFont(font)
            loaded[name] = frozenset(font.face.charToGlyph)
        addMapping(SANS, 0, 0, SANS)
        addMapping(SANS, 1, 0, SANS_BOLD)
        addMapping(SANS, 0, 1, SANS)
        addMapping(SANS, 1, 1, SANS_BOLD)
        _coverage.update(loaded)


def _is_invisible(ch: str) -> bool:
    """Format and control characters no font draws: ZWJ, variation selectors, bidi marks, tags."""
    if ch in "\n\t":
        return False
    cp = ord(ch)
    if 0x1F3FB <= cp <= 0x1F3FF:  # skin-tone modifiers: meaningless without colour emoji
        return True
    if 0xFE00 <= cp <= 0xFE0F or 0xE0100 <= cp <= 0xE01EF:  # variation selectors
        return True
    return unicodedata.category(ch) in ("Cc", "Cf", "Cs") and not ch.isspace()


def clean_text(text: str) -> str:
    """NFC-normalised text without invisible format characters; newlines kept, other spaces single."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = normalise_word_symbols(text)  # Word's Symbol/Wingdings bullets would print as U+FFFD
    out = []
    for ch in text:
        if _is_invisible(ch):
            continue
        if ch != "\n" and ch.isspace():
            ch = " "
        out.append(ch)
    return "".join(out)


def _font_for(cp: int, base: str) -> str | None:
    if cp in _coverage[base]:
        return base
    for name in _FALLBACKS:
        if cp in _coverage[name]:
            return name
    return None


def font_runs(text: str, base: str = SANS) -> list[tuple[str, str]]:
    """Split cleaned text into (font name, text) runs; unknown glyphs become U+FFFD in ``base``."""
    register_fonts()
    runs: list[tuple[str, str]] = []
    current_font = base
    buf: list[str] = []
    for ch in clean_text(text):
        font = base if ch == "\n" else _font_for(ord(ch), base)
        if font is None:
            font, ch = base, REPLACEMENT
        if font != current_font and buf:
            runs.append((current_font, "".join(buf)))
            buf = []
        current_font = font
        buf.append(ch)
    if buf:
        runs.append((current_font, "".join(buf)))
    return runs


def rich_text(text: str, base: str = SANS) -> str:
    """Paragraph markup that prints ``text`` literally, each glyph from a font that has it."""
    parts = []
    for font, run in font_runs(text, base):
        escaped = escape(run).replace("\n", "<br/>")
        parts.append(escaped if font == base else f'<font name="{font}">{escaped}</font>')
    return "".join(parts)


def canvas_text(text: str, base: str = SANS) -> str:
    """Single-font text for canvas.drawString: anything ``base`` lacks becomes U+FFFD."""
    register_fonts()
    cover = _coverage[base]
    return "".join(ch if ord(ch) in cover else REPLACEMENT for ch in clean_text(text).replace("\n", " "))
