"""Attachments for seeded complaints: a handful of small generated files, reused.

About one complaint in ten gets one or two: a 64x48 gradient PNG standing in for a citizen's
photo (jalan rusak, sampah), or a one-page PDF letter for LAPOR!, e-mail and web complaints.
Which complaints, and which files, follow from the complaint itself (deterministic per seed);
the few distinct blobs are made once, so content addressing stores each of them once.
"""

from __future__ import annotations

import hashlib
import io
import struct
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

from desktop.domain import Channel

SHARE = 10  # one complaint in SHARE gets attachments
_LETTER_CHANNELS = frozenset({Channel.LAPOR, Channel.EMAIL, Channel.WEB})
_PHOTO_COLOURS = (
    ((120, 110, 95), (70, 65, 60)),  # asphalt and a pothole
    ((90, 140, 70), (40, 70, 30)),  # a verge overgrown
    ((160, 150, 130), (110, 80, 50)),  # a flooded lane
    ((200, 190, 170), (90, 90, 100)),  # a wall with a notice
)


@dataclass(frozen=True, slots=True)
class SeedBlob:
    kind: str  # photo, letter
    mime: str
    data: bytes
    sha256: str


def gradient_png(
    top: tuple[int, int, int], bottom: tuple[int, int, int], width: int = 64, height: int = 48
) -> bytes:
    """A small RGB PNG blending ``top`` into ``bottom`` with a diagonal stripe (zlib + struct only)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            t = y / (height - 1)
            pixel = [round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)]
            if abs(x - y - 8) < 3:
                pixel = [min(255, c + 60) for c in pixel]
            rows.extend(pixel)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
        + chunk(b"IEND", b"")
    )


def letter_pdf(number: int) -> bytes:
    """A one-page letter as a citizen might scan it; ``invariant`` keeps the bytes reproducible."""
    from reportlab.lib.pagesizes import A5
    from reportlab.pdfgen.canvas import Canvas

    out = io.BytesIO()
    canvas = Canvas(out, pagesize=A5, invariant=True)
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(40, 540, "Surat Pengaduan Warga")
    canvas.setFont("Helvetica", 10)
    lines = (
        "Kepada Yth. Kepala OPD terkait,",
        "Dengan hormat, bersama surat ini kami sampaikan",
        "pengaduan sebagaimana terlampir.",
        f"Lampiran nomor {number}.",
        "Hormat kami, warga Banyuwangi",
    )
    for i, line in enumerate(lines):
        canvas.drawString(40, 500 - 18 * i, line)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _blob(kind: str, mime: str, data: bytes) -> SeedBlob:
    return SeedBlob(kind, mime, data, hashlib.sha256(data).hexdigest())


@cache
def seed_blobs() -> tuple[tuple[SeedBlob, ...], tuple[SeedBlob, ...]]:
    """(photos, letters): made once per process."""
    photos = tuple(_blob("photo", "image/png", gradient_png(a, b)) for a, b in _PHOTO_COLOURS)
    letters = tuple(_blob("letter", "application/pdf", letter_pdf(n)) for n in (1, 2))
    return photos, letters


def attachments_for(complaint: Any) -> list[tuple[str, SeedBlob]]:
    """(filename, blob) pairs for a generated complaint: none for about nine in ten."""
    key = f"{complaint.channel.value}|{complaint.received_at.isoformat()}|{complaint.title}|{complaint.reporter_name}"
    h = zlib.crc32(key.encode())
    if h % SHARE:
        return []
    photos, letters = seed_blobs()
    count = 1 + (h >> 8) % 2
    stamp = f"{complaint.received_at:%Y%m%d_%H%M}"
    out: list[tuple[str, SeedBlob]] = []
    for i in range(count):
        pick = (h >> (12 + 3 * i)) & 0xFF
        if complaint.channel in _LETTER_CHANNELS and i == 0:
            out.append((f"surat-pengaduan-{i + 1}.pdf", letters[pick % len(letters)]))
        else:
            out.append((f"IMG_{stamp}_{i + 1}.png", photos[pick % len(photos)]))
    return out
