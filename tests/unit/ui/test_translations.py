"""The English translation is complete: a string left untranslated shows up in Indonesian."""

from __future__ import annotations

import ast
import re
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "tanggap_en.ts"


def test_every_interface_string_has_a_finished_english_translation() -> None:
    missing = []
    for message in ET.parse(TS).getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        if translation.get("type") in ("obsolete", "vanished"):
            continue
        # Plurals (%n) carry their forms as <numerusform> children.
        forms = [f.text for f in translation.iter("numerusform")] or [translation.text]
        if translation.get("type") == "unfinished" or not all((f or "").strip() for f in forms):
            missing.append(message.findtext("source"))
    assert missing == []


def test_every_tr_string_in_the_ui_is_in_the_translation_file() -> None:
    sources = {m.findtext("source") for m in ET.parse(TS).getroot().iter("message")}
    literal = re.compile(r"""\.tr\(\s*("(?:[^"\\]|\\.)*")\s*[,)]""")
    used = {
        ast.literal_eval(match)
        for path in (ROOT / "ui").glob("*.py")
        for match in literal.findall(path.read_text(encoding="utf-8"))
    }
    assert sorted(used - sources) == []
