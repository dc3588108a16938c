"""A ticket event as a sentence an officer reads: names, not usernames; labels, not status codes.

The server writes an event's text in a fixed form ("Status: baru → didisposisi",
"Ditugaskan: - → vivi.s", "Dialihkan: DINKES → DISPENDUK. Status: ... Alasan: ..."); it is the
only record of what happened, so the desk parses it here, in one place, and renders a sentence:
"Gita Suryadi mendisposisikan ke Vivi Suryadi". A text in no known form is shown as it came.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from desktop import labels
from desktop.domain import Channel, Status

_STATUS = re.compile(
    r"^Status: (?P<old>[a-z_]+) \u2192 (?P<new>[a-z_]+)(?:\. Alasan: (?P<reason>.*))?$", re.S
)
_ASSIGN = re.compile(
    r"^Ditugaskan: (?P<old>\S+) \u2192 (?P<new>\S+)"
    r"(?:\. Status: (?P<s_old>[a-z_]+) \u2192 (?P<s_new>[a-z_]+))?$",
    re.S,
)
_TRANSFER = re.compile(
    r"^Dialihkan: (?P<old>\S+) \u2192 (?P<new>\S+)\. Status: [a-z_]+ \u2192 [a-z_]+(?:\. Alasan: (?P<reason>.*))?$",
    re.S,
)
_ATTACHMENT = re.compile(r"^Lampiran ditambahkan: (?P<name>.+)$", re.S)
_SEED_ASSIGN = re.compile(r"^Disposisi kepada (?P<new>\S+)$")
_REGISTERED = re.compile(r"^Dicatat: (?P<channel>[a-z_]+)$")  # desktop.ops.create_ticket
# server/incidents.py
_LINKED = re.compile(r"^Ditautkan ke masalah: (?P<title>.+)$", re.S)
_UNLINKED = re.compile(r"^Dilepas dari masalah: (?P<title>.+)$", re.S)


def _status(code: str, lang: str) -> str:
    try:
        return labels.status_label(Status(code), lang)
    except ValueError:
        return code


def _reason(reason: str | None, lang: str) -> str:
    if not reason or not reason.strip():
        return ""
    return (" Alasan: " if lang == "id" else " Reason: ") + reason.strip()


def event_sentence(
    text: str,
    author: str,
    officer_name: Callable[[str], str],
    opd_name: Callable[[str], str] = lambda code: code,
    lang: str = "id",
) -> str:
    """``author``: the display name of who did it; ``officer_name``/``opd_name`` name a username/code."""
    en = lang == "en"
    who = author or ("Sistem" if not en else "The system")
    m = _STATUS.match(text)
    if m:
        label = _status(m["new"], lang)
        if en:
            return f"{who} changed the status to {label}.{_reason(m['reason'], lang)}"
        return f"Status diubah menjadi {label} oleh {who}.{_reason(m['reason'], lang)}"
    m = _ASSIGN.match(text)
    if m:
        old = "" if m["old"] == "-" else officer_name(m["old"])
        new = "" if m["new"] == "-" else officer_name(m["new"])
        if new and old:
            sentence = (
                f"{who} reassigned the ticket from {old} to {new}."
                if en
                else f"{who} mengalihkan tugas dari {old} ke {new}."
            )
        elif new:
            sentence = f"{who} assigned the ticket to {new}." if en else f"{who} mendisposisikan ke {new}."
        else:
            sentence = f"{who} removed the assignment of {old}." if en else f"{who} mencabut penugasan {old}."
        if m["s_new"]:
            label = _status(m["s_new"], lang)
            sentence += f" Status is now {label}." if en else f" Status menjadi {label}."
        return sentence
    m = _TRANSFER.match(text)
    if m:
        old, new = opd_name(m["old"]), opd_name(m["new"])
        if en:
            return f"{who} transferred the complaint from {old} to {new}.{_reason(m['reason'], lang)}"
        return f"{who} mengalihkan pengaduan dari {old} ke {new}.{_reason(m['reason'], lang)}"
    m = _ATTACHMENT.match(text)
    if m:
        name = m["name"].strip()
        return f"{who} added the attachment {name}." if en else f"{who} menambahkan lampiran {name}."
    m = _REGISTERED.match(text)
    if m:
        try:
            channel = labels.channel_label(Channel(m["channel"]), lang)
        except ValueError:
            channel = m["channel"]
        return (
            f"{who} registered the complaint ({channel})."
            if en
            else f"{who} mencatat pengaduan ini ({channel})."
        )
    m = _LINKED.match(text)
    if m:
        title = m["title"].strip()
        if en:
            return f"{who} linked this complaint to the incident \u201c{title}\u201d."
        return f"{who} menautkan pengaduan ini ke masalah \u201c{title}\u201d."
    m = _UNLINKED.match(text)
    if m:
        title = m["title"].strip()
        if en:
            return f"{who} unlinked this complaint from the incident \u201c{title}\u201d; its thread and deadlines stay its own."
        return f"{who} melepas pengaduan ini dari masalah \u201c{title}\u201d; percakapan dan tenggatnya tetap miliknya."
    m = _SEED_ASSIGN.match(text)
    if m:
        new = officer_name(m["new"])
        return f"{who} assigned the ticket to {new}." if en else f"{who} mendisposisikan ke {new}."
    return text
