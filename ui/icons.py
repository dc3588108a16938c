"""Channel icons, drawn with QPainter: a round badge in the channel's own colour.

No icon font is shipped; these read well at 16-20 px and in both themes of the offscreen
screenshots. Each is cached per channel and size.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QIcon, QLinearGradient, QPainter, QPainterPath, QPen, QPixmap

from desktop.domain import Channel

_COLORS: dict[Channel, str] = {
    Channel.TWITTER: "#111111",
    Channel.INSTAGRAM: "#d62976",
    Channel.FACEBOOK: "#1877f2",
    Channel.WHATSAPP: "#25a244",
    Channel.LAPOR: "#c8102e",
    Channel.EMAIL: "#5b6b79",
    Channel.PHONE: "#0e7490",
    Channel.WALK_IN: "#7a5af8",
    Channel.WEB: "#0f766e",
}
_LETTERS: dict[Channel, str] = {
    Channel.TWITTER: "X",
    Channel.INSTAGRAM: "IG",
    Channel.FACEBOOK: "f",
    Channel.WHATSAPP: "WA",
    Channel.LAPOR: "L!",
}


def channel_color(channel: Channel) -> QColor:
    return QColor(_COLORS[channel])


def _draw_glyph(p: QPainter, channel: Channel, r: QRectF) -> None:
    white = QPen(QColor("white"))
    white.setWidthF(max(1.2, r.width() / 14))
    white.setCapStyle(Qt.PenCapStyle.RoundCap)
    white.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(white)
    p.setBrush(Qt.BrushStyle.NoBrush)
    c = r.center()
    w = r.width()
    if channel in _LETTERS:
        text = _LETTERS[channel]
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(w * (0.52 if len(text) == 1 else 0.40)))
        p.setFont(font)
        p.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
    elif channel is Channel.EMAIL:
        box = QRectF(c.x() - w * 0.26, c.y() - w * 0.18, w * 0.52, w * 0.36)
        p.drawRect(box)
        path = QPainterPath(box.topLeft())
        path.lineTo(QPointF(c.x(), c.y() + w * 0.04))
        path.lineTo(box.topRight())
        p.drawPath(path)
    elif channel is Channel.PHONE:
        path = QPainterPath()
        path.moveTo(c.x() - w * 0.20, c.y() - w * 0.22)
        path.cubicTo(
            QPointF(c.x() - w * 0.30, c.y() + w * 0.05),
            QPointF(c.x() - w * 0.05, c.y() + w * 0.30),
            QPointF(c.x() + w * 0.22, c.y() + w * 0.20),
        )
        pen = QPen(white)
        pen.setWidthF(w / 7)
        p.setPen(pen)
        p.drawPath(path)
    elif channel is Channel.WALK_IN:
        p.setBrush(QBrush(QColor("white")))
        p.setPen(Qt.PenStyle.NoPen)
        p.drawEllipse(QPointF(c.x(), c.y() - w * 0.16), w * 0.10, w * 0.10)
        body = QPainterPath()
        body.moveTo(c.x() - w * 0.20, c.y() + w * 0.26)
        body.quadTo(QPointF(c.x(), c.y() - w * 0.12), QPointF(c.x() + w * 0.20, c.y() + w * 0.26))
        body.closeSubpath()
        p.drawPath(body)
    else:  # web: a globe
        p.drawEllipse(c, w * 0.26, w * 0.26)
        p.drawEllipse(c, w * 0.11, w * 0.26)
        p.drawLine(QPointF(c.x() - w * 0.26, c.y()), QPointF(c.x() + w * 0.26, c.y()))


@cache
def channel_pixmap(channel: Channel, size: int = 18, ratio: float = 2.0) -> QPixmap:
    px = int(size * ratio)
    pixmap = QPixmap(px, px)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    r = QRectF(0.5, 0.5, px - 1, px - 1)
    if channel is Channel.INSTAGRAM:
        grad = QLinearGradient(r.bottomLeft(), r.topRight())
        grad.setColorAt(0.0, QColor("#feda75"))
        grad.setColorAt(0.45, QColor("#d62976"))
        grad.setColorAt(1.0, QColor("#4f5bd5"))
        p.setBrush(QBrush(grad))
    else:
        p.setBrush(QBrush(channel_color(channel)))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(r)
    _draw_glyph(p, channel, r)
    p.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


@cache
def channel_icon(channel: Channel) -> QIcon:
    icon = QIcon()
    for size in (16, 18, 24, 32):
        icon.addPixmap(channel_pixmap(channel, size))
    return icon


def dot_pixmap(color: str, size: int = 10) -> QPixmap:
    pixmap = QPixmap(size * 2, size * 2)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(color))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(QRectF(1, 1, size * 2 - 2, size * 2 - 2))
    p.end()
    pixmap.setDevicePixelRatio(2.0)
    return pixmap


@cache
def export_icon(size: int = 18, color: str = "#0f5132") -> QIcon:
    """An arrow into a tray: "save this list to a file" (the queue's export button)."""
    icon = QIcon()
    for ratio in (1.0, 2.0):
        px = int(size * ratio)
        pixmap = QPixmap(px, px)
        pixmap.fill(Qt.GlobalColor.transparent)
        p = QPainter(pixmap)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(color), max(1.5, px / 10))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        p.setPen(pen)
        u = px / 18
        p.drawLine(QPointF(9 * u, 2.5 * u), QPointF(9 * u, 11 * u))
        p.drawPolyline([QPointF(5.5 * u, 7.5 * u), QPointF(9 * u, 11 * u), QPointF(12.5 * u, 7.5 * u)])
        p.drawPolyline(
            [
                QPointF(3 * u, 11.5 * u),
                QPointF(3 * u, 15 * u),
                QPointF(15 * u, 15 * u),
                QPointF(15 * u, 11.5 * u),
            ]
        )
        p.end()
        pixmap.setDevicePixelRatio(ratio)
        icon.addPixmap(pixmap)
    return icon
