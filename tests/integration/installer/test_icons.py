"""The committed app icon: every size the installers use, readable at 16 px."""

from __future__ import annotations

import struct

from PySide6.QtGui import QColor, QImage

from tests.integration.installer.conftest import REPO

ICONS = REPO / "resources" / "icons"


def test_png_sizes_match_their_names() -> None:
    for size in (16, 24, 32, 48, 64, 128, 256, 512):
        image = QImage(str(ICONS / f"tanggap-{size}.png"))
        assert (image.width(), image.height()) == (size, size)


def test_16px_icon_shows_a_light_mark_on_a_dark_bubble() -> None:
    image = QImage(str(ICONS / "tanggap-16.png"))
    pixels = [QColor.fromRgba(image.pixel(x, y)) for x in range(16) for y in range(16)]
    opaque = [p for p in pixels if p.alpha() > 200]
    light = [p for p in opaque if p.lightness() > 200]
    dark = [p for p in opaque if p.lightness() < 120]
    assert len(opaque) > 100  # the bubble fills most of the square
    assert len(light) >= 8 and len(dark) >= 50  # the check stands out from the bubble


def test_ico_carries_16_to_256() -> None:
    data = (ICONS / "tanggap.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = sorted(struct.unpack_from("<B", data, 6 + 16 * i)[0] or 256 for i in range(count))
    assert sizes == [16, 24, 32, 48, 64, 128, 256]
