"""Pieces shared by the receipt and the summary: colours, styles, "page X of Y" canvas."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.graphics.barcode.qr import QrCode
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, HRFlowable, Image, Paragraph, Spacer, Table, TableStyle

from desktop.domain import Opd
from desktop.reports.fonts import SANS, SANS_BOLD, rich_text

INK = colors.HexColor("#1d2733")
MUTED = colors.HexColor("#5b6673")
RULE = colors.HexColor("#9aa5b1")
ACCENT = colors.HexColor("#0b5394")  # civil-service blue
PANEL = colors.HexColor("#eef3f8")
BREACH = colors.HexColor("#b42318")
MET = colors.HexColor("#2e7d32")

PageDecorator = Callable[[Canvas, int, int], None]


def numbered_canvas(decorate: PageDecorator) -> type[Canvas]:
    """A Canvas class that knows the page count when it draws headers and footers."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # The default initial font is Helvetica, which would be the one font not embedded.
            if kwargs.get("initialFontName") is None:
                kwargs["initialFontName"] = SANS
            super().__init__(*args, **kwargs)
            self._saved_pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._saved_pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._saved_pages)
            for number, state in enumerate(self._saved_pages, start=1):
                self.__dict__.update(state)
                decorate(self, number, total)
                super().showPage()
            super().save()

    return NumberedCanvas


def styles(base_size: float) -> dict[str, ParagraphStyle]:
    """Paragraph styles scaled from one body size (receipts come in three sizes)."""
    s = base_size
    lead = s * 1.35
    body = ParagraphStyle("body", fontName=SANS, fontSize=s, leading=lead, textColor=INK, alignment=TA_LEFT)
    return {
        "body": body,
        "small": ParagraphStyle(
            "small", parent=body, fontSize=s * 0.82, leading=s * 0.82 * 1.35, textColor=MUTED
        ),
        "label": ParagraphStyle(
            "label", parent=body, fontSize=s * 0.82, leading=s * 0.82 * 1.3, textColor=MUTED
        ),
        "value": ParagraphStyle("value", parent=body),
        "value_bold": ParagraphStyle("value_bold", parent=body, fontName=SANS_BOLD),
        "h1": ParagraphStyle(
            "h1", parent=body, fontName=SANS_BOLD, fontSize=s * 1.45, leading=s * 1.8, alignment=TA_CENTER
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=s * 1.05,
            leading=s * 1.4,
            textColor=ACCENT,
            spaceBefore=s * 1.1,
            spaceAfter=s * 0.4,
        ),
        "title": ParagraphStyle(
            "title", parent=body, fontName=SANS_BOLD, fontSize=s * 1.05, leading=s * 1.45
        ),
        "center": ParagraphStyle("center", parent=body, alignment=TA_CENTER),
        "center_small": ParagraphStyle(
            "center_small",
            parent=body,
            fontSize=s * 0.82,
            leading=s * 0.82 * 1.35,
            textColor=MUTED,
            alignment=TA_CENTER,
        ),
        "right": ParagraphStyle("right", parent=body, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", parent=body, fontSize=s * 0.9, leading=s * 0.9 * 1.3),
        "cell_right": ParagraphStyle(
            "cell_right", parent=body, fontSize=s * 0.9, leading=s * 0.9 * 1.3, alignment=TA_RIGHT
        ),
        "cell_head": ParagraphStyle(
            "cell_head",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=s * 0.82,
            leading=s * 0.82 * 1.3,
            textColor=colors.white,
        ),
        "cell_head_right": ParagraphStyle(
            "cell_head_right",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=s * 0.82,
            leading=s * 0.82 * 1.3,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
    }


def fit_font_size(text: str, font: str, width: float, largest: float, smallest: float) -> float:
    """The largest size up to ``largest`` at which ``text`` fits ``width`` on one line."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    one = stringWidth(text, font, 1) or 1
    return max(smallest, min(largest, width / one))


def table_style(commands: list[tuple[Any, ...]]) -> TableStyle:
    """A TableStyle whose plain-string cells use the embedded font (reportlab's default is Helvetica)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS), *commands])


def letterhead(
    opd: Opd,
    st: dict[str, ParagraphStyle],
    base: float,
    width: float,
    logo: Image | None = None,
    logo_size: float = 0,
) -> list[Flowable]:
    """The OPD's letterhead on a sheet (receipt, reply letter): its name, region and address beside
    the logo, then the double rule of an Indonesian government letter ("kop surat")."""
    name_style = st["title"].clone("opd_name", fontSize=base * 1.45, leading=base * 1.8, textColor=ACCENT)
    lines: list[Flowable] = [Paragraph(rich_text(opd.name, SANS_BOLD), name_style)]
    lines += [Paragraph(rich_text(x), st["small"]) for x in (opd.region, opd.address) if x.strip()]
    head: list[Flowable] = lines
    if logo is not None:
        table = Table([[logo, lines]], colWidths=[logo_size + 4 * mm, width - logo_size - 4 * mm])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        head = [table]
    return [
        *head,
        Spacer(1, 2 * mm),
        HRFlowable(width="100%", thickness=1.6, color=INK, spaceAfter=0.6),
        HRFlowable(width="100%", thickness=0.5, color=INK, spaceAfter=4 * mm),
    ]


def qr_code(value: str, size: float) -> QrCode:
    # The flowable draws straight on the canvas; the widget builds thousands of shapes first.
    return QrCode(value, width=size, height=size, qrLevel="M", qrBorder=2)
