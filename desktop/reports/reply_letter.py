"""The reply letter ("Surat jawaban"): an officer's public reply on A4 with the OPD's letterhead,
handed over or posted to a citizen who came in person or wrote a letter (docs/channels.md).

Holds the reply as written (plain text: a long one flows over pages), the tracking number, the
date as Indonesians write it, and the tracking link with its QR code when there is one. A
``rahasia``/``anonim`` reporter is named only when the caller says so (``addressee``); otherwise
the letter is addressed to "the reporter of complaint number ...".
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain import Officer, Opd, Ticket
from desktop.labels import role_label
from desktop.reports._common import MUTED, RULE, letterhead, numbered_canvas, qr_code, styles, table_style
from desktop.reports.fonts import SANS, SANS_BOLD, canvas_text, register_fonts, rich_text
from desktop.wording import format_date

MARGIN = 20 * mm
BASE = 10.5

_TEXT = {
    "id": {
        "doc_title": "Surat Jawaban Pengaduan",
        "number": "Nomor tiket",
        "subject": "Perihal",
        "subject_text": "Jawaban atas pengaduan \u201c{title}\u201d",
        "to": "Kepada Yth.",
        "to_hidden": "Pelapor pengaduan nomor {no}",
        "greeting": "Dengan hormat,",
        "opening": "Menanggapi pengaduan Bapak/Ibu yang kami terima pada {date} dengan nomor tiket {no}, "
        "dengan ini kami sampaikan jawaban sebagai berikut:",
        "link": "Perkembangan pengaduan dapat Bapak/Ibu ikuti dengan memindai kode QR di samping "
        "atau membuka {url}.",
        "no_link": "Untuk menanyakan perkembangannya, hubungi {opd} dengan menyebut nomor tiket {no}.",
        "closing": "Demikian kami sampaikan. Atas perhatian Bapak/Ibu, kami ucapkan terima kasih.",
        "regards": "Hormat kami,",
        "page": "Halaman {n} dari {total}",
    },
    "en": {
        "doc_title": "Reply to a Complaint",
        "number": "Tracking number",
        "subject": "Subject",
        "subject_text": "Reply to the complaint \u201c{title}\u201d",
        "to": "To",
        "to_hidden": "The reporter of complaint number {no}",
        "greeting": "Dear Sir or Madam,",
        "opening": "In answer to your complaint received on {date} under tracking number {no}, we reply "
        "as follows:",
        "link": "You can follow your complaint by scanning the QR code beside this text or at {url}.",
        "no_link": "To ask about its progress, contact {opd} quoting tracking number {no}.",
        "closing": "Thank you for your attention.",
        "regards": "Yours faithfully,",
        "page": "Page {n} of {total}",
    },
}


@dataclass(frozen=True, slots=True)
class Addressee:
    """Whom the letter names: the reporter, only when the masking rules allow it."""

    name: str
    contact: str = ""


def render_reply_letter(
    ticket: Ticket,
    opd: Opd,
    reply: str,
    replied_at: datetime,
    signer: Officer | None,
    *,
    addressee: Addressee | None,
    tracking_link: str | None,
    qr_link: str | None = None,
    lang: str = "id",
) -> bytes:
    """The letter as PDF bytes (A4). ``signer``: the reply's author (None: signed by hand).
    ``tracking_link`` is printed; ``qr_link`` (the keyed page, default the same) is the QR code."""
    register_fonts()
    lang = "en" if lang == "en" else "id"
    t = _TEXT[lang]
    st = styles(BASE)
    width = A4[0] - 2 * MARGIN
    no = ticket.tracking_no
    place = opd.region.strip()
    date_text = format_date(replied_at, opd.tz, lang, weekday=False)

    story: list[Flowable] = letterhead(opd, st, BASE, width)
    story.append(Paragraph(rich_text(f"{place}, {date_text}" if place else date_text), st["right"]))
    story.append(Spacer(1, 3 * mm))
    head = [
        [Paragraph(t["number"], st["label"]), Paragraph(rich_text(no, SANS_BOLD), st["value_bold"])],
        [
            Paragraph(t["subject"], st["label"]),
            Paragraph(rich_text(t["subject_text"].format(title=ticket.title.strip())), st["value"]),
        ],
    ]
    table = Table(head, colWidths=[32 * mm, width - 32 * mm])
    table.setStyle(
        table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    story += [table, Spacer(1, 5 * mm), Paragraph(t["to"], st["body"])]
    if addressee is not None and addressee.name.strip():
        story.append(Paragraph(rich_text(addressee.name.strip(), SANS_BOLD), st["value_bold"]))
        if addressee.contact.strip():
            story.append(Paragraph(rich_text(addressee.contact.strip()), st["body"]))
    else:
        story.append(Paragraph(rich_text(t["to_hidden"].format(no=no), SANS_BOLD), st["value_bold"]))
    story += [Spacer(1, 5 * mm), Paragraph(t["greeting"], st["body"]), Spacer(1, 2 * mm)]
    received = format_date(ticket.received_at, opd.tz, lang, weekday=False)
    story.append(Paragraph(rich_text(t["opening"].format(date=received, no=no)), st["body"]))
    story.append(Spacer(1, 3 * mm))
    # The reply as written: each paragraph its own flowable (a long reply flows over pages), each
    # line kept (a Word bullet list stays a list), indented a little so it reads as the answer.
    reply_style = st["body"].clone("reply", leftIndent=6 * mm, spaceAfter=BASE * 0.55)
    for block in reply.replace("\r\n", "\n").strip().split("\n\n"):
        if block.strip():
            story.append(Paragraph(rich_text(block.strip("\n")), reply_style))
    story.append(Spacer(1, 3 * mm))
    if tracking_link:
        qr_size = 26 * mm
        text = Paragraph(rich_text(t["link"].format(url=tracking_link)), st["body"])
        row = Table(
            [[text, qr_code(qr_link or tracking_link, qr_size)]],
            colWidths=[width - qr_size - 6 * mm, qr_size + 6 * mm],
        )
        row.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ]
            )
        )
        story.append(row)
    else:
        story.append(Paragraph(rich_text(t["no_link"].format(opd=opd.name, no=no)), st["body"]))
    story.append(Spacer(1, 3 * mm))
    # The closing and the signature travel together: never a last page with only a signature.
    sign_width = 80 * mm
    signature: list[Flowable] = [
        Paragraph(rich_text(t["closing"]), st["body"]),
        Spacer(1, 6 * mm),
        _right(Paragraph(t["regards"], st["body"]), width, sign_width),
        _right(Paragraph(rich_text(opd.name), st["body"]), width, sign_width),
        Spacer(1, 18 * mm),
        _right(
            Paragraph(rich_text(signer.name if signer else " ", SANS_BOLD), st["value_bold"]),
            width,
            sign_width,
        ),
        _right(
            Paragraph(rich_text(role_label(signer.role, lang) if signer else " "), st["label"]),
            width,
            sign_width,
        ),
    ]
    story.append(KeepTogether(signature))

    def footer(canvas: Canvas, number: int, total: int) -> None:
        canvas.saveState()
        size = BASE * 0.75
        y = MARGIN * 0.55
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(MARGIN, y + size * 1.6, A4[0] - MARGIN, y + size * 1.6)
        canvas.setFont(SANS, size)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, y, canvas_text(f"{t['doc_title']} \u00b7 {no}"))
        canvas.drawRightString(A4[0] - MARGIN, y, t["page"].format(n=number, total=total))
        canvas.restoreState()

    buffer = io.BytesIO()
    bottom = MARGIN + 6 * mm
    frame = Frame(MARGIN, bottom, width, A4[1] - MARGIN - bottom, 0, 0, 0, 0)
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=bottom,
        title=f"{t['doc_title']} {no}",
        author=opd.name,
        creator="Tanggap",
        lang=lang,
        invariant=False,
    )
    doc.addPageTemplates([PageTemplate(id="letter", frames=[frame])])
    doc.build(story, canvasmaker=numbered_canvas(footer))
    return buffer.getvalue()


def _right(flowable: Flowable, width: float, block: float) -> Table:
    """``flowable`` in a right-hand column ``block`` wide (the signature block of a letter)."""
    table = Table([["", flowable]], colWidths=[width - block, block])
    table.setStyle(table_style([("LEFTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]))  # fmt: skip
    return table
