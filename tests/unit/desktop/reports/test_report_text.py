"""Font fallback and labels: what reaches the page for hostile and multilingual text."""

from __future__ import annotations

import pytest

from desktop.domain import Channel, Confidentiality, Stage, Status
from desktop.labels import channel_label, confidentiality_label, stage_label, status_label
from desktop.reports.fonts import (
    EMOJI,
    JAVANESE,
    REPLACEMENT,
    SANS,
    SANS_BOLD,
    canvas_text,
    font_runs,
    rich_text,
)


def test_markup_is_escaped() -> None:
    assert rich_text('<b>x</b> & "y"') == '&lt;b&gt;x&lt;/b&gt; &amp; "y"'


def test_each_glyph_comes_from_a_font_that_has_it() -> None:
    runs = font_runs("Matur nuwun 🙏 ꦱꦸꦒꦼꦁ Ñoño")

    assert runs == [(SANS, "Matur nuwun "), (EMOJI, "🙏"), (SANS, " "), (JAVANESE, "ꦱꦸꦒꦼꦁ"), (SANS, " Ñoño")]


def test_invisible_format_characters_are_dropped_and_unknown_glyphs_replaced() -> None:
    # ZWJ family, skin tone, variation selector, zero-width space, bidi override, melting face (no font).
    text = "a\u200bb 👍🏽\ufe0f \u202eok \U0001fae0"

    runs = font_runs(text)

    assert "".join(r for _f, r in runs) == f"ab 👍 ok {REPLACEMENT}"


def test_newlines_become_line_breaks_and_bold_keeps_its_base_font() -> None:
    assert rich_text("satu\ndua", SANS_BOLD) == "satu<br/>dua"


def test_canvas_text_has_no_glyph_the_font_lacks() -> None:
    assert canvas_text("Aduan 🙏\nbaru") == f"Aduan {REPLACEMENT} baru"


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        (channel_label(Channel.WALK_IN), "Datang langsung"),
        (channel_label(Channel.EMAIL), "Surel"),
        (channel_label(Channel.LAPOR, "en"), "SP4N-LAPOR!"),
        (status_label(Status.MENUNGGU_PELAPOR), "Menunggu pelapor"),
        (status_label("bukan_wewenang"), "Bukan wewenang"),
        (stage_label(Stage.FIRST_RESPONSE), "Tanggapan pertama"),
        (confidentiality_label(Confidentiality.ANONIM), "Anonim"),
    ],
)
def test_labels(label: str, expected: str) -> None:
    assert label == expected


def test_every_enum_value_has_both_labels() -> None:
    for lang in ("id", "en"):
        assert all(channel_label(c, lang) for c in Channel)
        assert all(status_label(s, lang) for s in Status)
        assert all(stage_label(s, lang) for s in Stage)
        assert all(confidentiality_label(c, lang) for c in Confidentiality)
