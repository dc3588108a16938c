"""The receipt (tanda terima) a citizen takes home: A4, A5 or an 80 mm thermal roll.

Prints the complaint as filed, never a message: internal notes, replies and events stay out
by construction. A non-public reporter's identity prints only when the caller says the reader
may see it. Needs nothing but the ticket and the OPD, so a walk-in ticket that has not synced
prints the same as any other.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    Image,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)

from desktop.domain import Channel, Confidentiality, Officer, Opd, Stage, Ticket
from desktop.labels import (
    LAYOUTS,
    Layout,
    channel_label,
    confidentiality_label,
    role_label,
    stage_label,
    status_label,
)
from desktop.reports._common import (
    ACCENT,
    INK,
    MUTED,
    PANEL,
    RULE,
    fit_font_size,
    letterhead,
    numbered_canvas,
    qr_code,
    styles,
    table_style,
)
from desktop.reports.fonts import SANS, SANS_BOLD, canvas_text, register_fonts, rich_text
from desktop.wording import format_date, format_datetime

THERMAL_WIDTH = 80 * mm
THERMAL_MARGIN = 4 * mm
# PDF viewers and drivers cap a page at 200 inches; a longer roll continues on a second page.
THERMAL_MAX_HEIGHT = 5000 * mm

_TEXT = {
    "id": {
        "doc_title": "Tanda Terima Pengaduan",
        "heading": "TANDA TERIMA PENGADUAN",
        "tracking": "Nomor tiket",
        "tracking_hint": "Sebutkan nomor ini setiap kali menanyakan pengaduan Anda.",
        "received": "Diterima",
        "channel": "Kanal",
        "category": "Kategori",
        "location": "Lokasi",
        "documents": "Dokumen diterima ({n})",
        "confidentiality": "Kerahasiaan",
        "reporter": "Pelapor",
        "contact": "Kontak",
        "status": "Status saat dicetak",
        "hidden_anonim": "Dirahasiakan (pelapor anonim)",
        "hidden_rahasia": "Dirahasiakan (laporan rahasia)",
        "complaint": "Isi pengaduan",
        "deadlines": "Tenggat yang dapat Anda harapkan",
        "missed": "Tenggat yang terlewat",
        "missed_col": "Seharusnya paling lambat",
        "missed_note": "Mohon maaf, tahap di atas melewati tenggatnya. Petugas kami menindaklanjutinya "
        "segera; tanyakan perkembangannya dengan menyebut nomor tiket.",
        "body_cut": "… (dipotong)",
        "body_rest": "Isi lengkap ({n} karakter) tersimpan di {opd}; tanyakan kepada petugas dengan "
        "menyebut nomor tiket di atas.",
        "body_rest_url": "Isi lengkap ({n} karakter) dapat dibaca dengan memindai kode QR atau di {url}.",
        "deadline_col": "Paling lambat",
        "stage_col": "Tahap",
        "deadlines_note": "Dihitung dalam jam kerja {opd}, tanpa akhir pekan, libur nasional dan cuti bersama.",
        "no_deadlines": "Tenggat ditetapkan setelah pengaduan diverifikasi; tanyakan kepada petugas "
        "atau pantau status pengaduan Anda.",
        "received_by": "Diterima oleh",
        "signature_role": "Petugas penerima",
        "follow_up": "Cara menindaklanjuti",
        "follow_scan": "Pindai kode QR atau buka {url} untuk melihat status pengaduan.",
        "follow_visit": "Datang atau hubungi {opd} dengan menyebut nomor tiket di atas.",
        "follow_keep": "Simpan tanda terima ini sampai pengaduan Anda dinyatakan selesai.",
        "follow_qr": "Kode QR berisi nomor tiket Anda.",
        "printed": "Dicetak {when}",
        "page": "Halaman {n} dari {total}",
        "none": "—",
    },
    "en": {
        "doc_title": "Complaint Receipt",
        "heading": "COMPLAINT RECEIPT",
        "tracking": "Tracking number",
        "tracking_hint": "Quote this number whenever you ask about your complaint.",
        "received": "Received",
        "channel": "Channel",
        "category": "Category",
        "location": "Location",
        "documents": "Documents received ({n})",
        "confidentiality": "Confidentiality",
        "reporter": "Reporter",
        "contact": "Contact",
        "status": "Status when printed",
        "hidden_anonim": "Withheld (anonymous reporter)",
        "hidden_rahasia": "Withheld (confidential report)",
        "complaint": "Complaint",
        "deadlines": "Deadlines you can expect",
        "missed": "Deadlines missed",
        "missed_col": "Was due by",
        "missed_note": "We apologise: the stage above is past its deadline. Our officers are acting on "
        "it now; ask about its progress quoting the tracking number.",
        "body_cut": "… (shortened)",
        "body_rest": "The full text ({n} characters) is kept at {opd}; ask an officer quoting the "
        "tracking number above.",
        "body_rest_url": "Read the full text ({n} characters) by scanning the QR code or at {url}.",
        "deadline_col": "At the latest",
        "stage_col": "Stage",
        "deadlines_note": "Counted in office hours of {opd}, excluding weekends, public holidays and "
        "collective leave.",
        "no_deadlines": "Deadlines are set once the complaint is verified; ask the officer or follow "
        "your complaint's status.",
        "received_by": "Received by",
        "signature_role": "Receiving officer",
        "follow_up": "How to follow up",
        "follow_scan": "Scan the QR code or open {url} to see your complaint's status.",
        "follow_visit": "Visit or contact {opd} quoting the tracking number above.",
        "follow_keep": "Keep this receipt until your complaint is resolved.",
        "follow_qr": "The QR code holds your tracking number.",
        "printed": "Printed {when}",
        "page": "Page {n} of {total}",
        "none": "—",
    },
}

_RECEIPT_STAGES = (Stage.VERIFICATION, Stage.FIRST_RESPONSE, Stage.FOLLOW_UP, Stage.RESOLUTION)


def status_link(opd: Opd, tracking_no: str) -> str | None:
    """The OPD's status page for this ticket: ``{tracking_no}`` in the URL is filled in, else appended."""
    url = opd.status_url.strip()
    if not url:
        return None
    if "{tracking_no}" in url:
        return url.replace("{tracking_no}", quote(tracking_no))
    return f"{url}{'&' if '?' in url else '?'}no={quote(tracking_no)}"


def tracking_link(opd: Opd, tracking_no: str, public_key: str | None = None) -> str | None:
    """The citizen's page of this ticket on the server (``{public_url}/lacak/{no}``, with ``?k=``
    when the key is given: docs/lacak.md); else the OPD's own status page; None when neither."""
    root = opd.public_url.strip().rstrip("/")
    if not root:
        return status_link(opd, tracking_no)
    link = f"{root}/lacak/{quote(tracking_no)}"
    return f"{link}?k={quote(public_key)}" if public_key else link


def qr_payload(ticket: Ticket, opd: Opd) -> str:
    """What the QR code holds: the ticket's keyed page when the key is known (timeline and
    replies), else its status page, else the tracking number itself."""
    return tracking_link(opd, ticket.tracking_no, ticket.public_key) or ticket.tracking_no


def render_receipt(
    ticket: Ticket,
    opd: Opd,
    received_by: Officer | None,
    *,
    layout: Layout = "a4",
    viewer_may_see_identity: bool,
    category_name: str | None = None,
    lang: str = "id",
    now: datetime | None = None,
    logo: bytes | str | Path | None = None,
) -> bytes:
    """The receipt as PDF bytes. ``logo``: PNG/JPEG bytes or a file path for the letterhead."""
    if layout not in LAYOUTS:
        raise ValueError(f"Unknown receipt layout {layout!r}; choose one of {', '.join(LAYOUTS)}.")
    register_fonts()
    lang = "en" if lang == "en" else "id"
    now = now or datetime.now(UTC)
    builder = _ReceiptBuilder(
        ticket, opd, received_by, layout, viewer_may_see_identity, category_name, lang, now, logo
    )
    return builder.build()


class _ReceiptBuilder:
    def __init__(
        self,
        ticket: Ticket,
        opd: Opd,
        officer: Officer | None,
        layout: Layout,
        may_see_identity: bool,
        category_name: str | None,
        lang: str,
        now: datetime,
        logo: bytes | str | Path | None,
    ) -> None:
        register_fonts()
        self.ticket = ticket
        self.opd = opd
        self.officer = officer
        self.layout = layout
        self.may_see_identity = may_see_identity
        self.category_name = category_name
        self.lang = lang
        self.now = now
        self.logo = logo
        self.t = _TEXT[lang]
        self.thermal = layout == "thermal80"
        self.setup(1.0)

    def setup(self, scale: float) -> None:
        """Page, margins and type; ``scale`` < 1 tightens a sheet that would spill a few lines over."""
        layout = self.layout
        if layout == "a4":
            self.page_size: tuple[float, float] = A4
            self.margin = 16 * mm
            self.base = 10.0 * scale
        elif layout == "a5":
            self.page_size = A5
            self.margin = 10 * mm
            self.base = 7.9 * scale
        else:
            self.page_size = (THERMAL_WIDTH, THERMAL_MAX_HEIGHT)
            self.margin = THERMAL_MARGIN
            self.base = 7.6
        self.scale = scale
        self.width = self.page_size[0] - 2 * self.margin
        self.st = styles(self.base)
        # Thermal heads print black only: colour would come out as a grey dither.
        self.accent = INK if self.thermal else ACCENT
        self.st["h2"] = self.st["h2"].clone(
            "h2r", textColor=self.accent, spaceBefore=self.base * (1.1 if layout == "a4" else 0.8)
        )

    # -- text helpers -----------------------------------------------------------------

    def p(self, text: str, style: str = "body") -> Paragraph:
        """A paragraph of untrusted text (escaped, font fallback)."""
        st = self.st[style]
        return Paragraph(rich_text(text, st.fontName), st)

    def when(self, dt: datetime) -> str:
        return format_datetime(dt, self.opd.tz, self.lang)

    # -- sections -----------------------------------------------------------------------

    def letterhead(self) -> list[Flowable]:
        if self.thermal:
            name_style = self.st["title"].clone(
                "opd_name", fontSize=self.base * 1.15, leading=self.base * 1.8, textColor=self.accent
            )
            lines: list[Flowable] = [Paragraph(rich_text(self.opd.name, SANS_BOLD), name_style)]
            lines += [
                self.p(extra, "small") for extra in (self.opd.region, self.opd.address) if extra.strip()
            ]
            for line in lines:
                line.style = line.style.clone(line.style.name + "_c", alignment=1)
            image = self.logo_image(14 * mm)
            head: list[Flowable] = ([image, Spacer(1, 1.5 * mm)] if image else []) + lines
            return [
                *head,
                Spacer(1, 2 * mm),
                HRFlowable(width="100%", thickness=0.8, color=INK, spaceAfter=2 * mm),
            ]
        logo_size = 17 * mm if self.layout == "a4" else 12 * mm
        return letterhead(self.opd, self.st, self.base, self.width, self.logo_image(logo_size), logo_size)

    def logo_image(self, size: float) -> Image | None:
        if self.logo is None:
            return None
        source: Any = io.BytesIO(self.logo) if isinstance(self.logo, bytes) else str(self.logo)
        image = Image(source)
        scale = size / max(image.imageWidth, image.imageHeight)
        image.drawWidth = image.imageWidth * scale
        image.drawHeight = image.imageHeight * scale
        image.hAlign = "CENTER"
        return image

    def tracking_block(self) -> list[Flowable]:
        number = self.ticket.tracking_no
        qr_size = {"a4": 32 * mm, "a5": 20 * mm, "thermal80": 34 * mm}[self.layout]
        qr = qr_code(qr_payload(self.ticket, self.opd), qr_size)
        if self.thermal:
            size = fit_font_size(number, SANS_BOLD, self.width, 15, 7)
            number_style = self.st["h1"].clone("number", fontSize=size, leading=size * 1.25, textColor=INK)
            qr.hAlign = "CENTER"
            return [
                Paragraph(self.t["heading"], self.st["h1"].clone("h1t", fontSize=self.base * 1.25)),
                Spacer(1, 2 * mm),
                Paragraph(self.t["tracking"], self.st["center_small"]),
                Paragraph(rich_text(number, SANS_BOLD), number_style),
                Spacer(1, 1 * mm),
                qr,
                Paragraph(self.t["tracking_hint"], self.st["center_small"]),
                Spacer(1, 2 * mm),
            ]
        text_width = self.width - qr_size - 10 * mm
        size = fit_font_size(number, SANS_BOLD, text_width - 8 * mm, 22 if self.layout == "a4" else 16, 9)
        number_style = self.st["title"].clone("number", fontSize=size, leading=size * 1.3)
        left = [
            Paragraph(self.t["tracking"], self.st["label"]),
            Spacer(1, 1 * mm),
            Paragraph(rich_text(number, SANS_BOLD), number_style),
            Spacer(1, 1.5 * mm),
            Paragraph(self.t["tracking_hint"], self.st["small"]),
        ]
        table = Table([[left, qr]], colWidths=[self.width - qr_size - 6 * mm, qr_size + 6 * mm])
        table.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LEFTPADDING", (0, 0), (0, 0), 4 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.8 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.8 * mm),
                    ("LINEBEFORE", (0, 0), (0, 0), 2.5, ACCENT),
                ]
            )
        )
        gap = 3 * mm if self.layout == "a4" else 1.5 * mm
        return [Paragraph(self.t["heading"], self.st["h1"]), Spacer(1, gap), table, Spacer(1, gap * 0.7)]

    def identity(self) -> tuple[str, str] | None:
        ticket = self.ticket
        if ticket.confidentiality is not Confidentiality.PUBLIC and not self.may_see_identity:
            return None
        if ticket.reporter is None:
            return None
        return ticket.reporter.name, ticket.reporter.contact

    def details(self) -> list[Flowable]:
        t, ticket = self.t, self.ticket
        rows: list[tuple[str, str]] = [
            (t["received"], self.when(ticket.received_at)),
            (t["channel"], channel_label(ticket.channel, self.lang)),
        ]
        if self.category_name:
            rows.append((t["category"], self.category_name))
        if ticket.location.strip():
            rows.append((t["location"], ticket.location))
        if ticket.attachments:  # what the citizen handed over (or sent), as proof it arrived
            names = ", ".join(a.filename for a in ticket.attachments)
            rows.append((t["documents"].format(n=len(ticket.attachments)), names))
        rows.append((t["confidentiality"], confidentiality_label(ticket.confidentiality, self.lang)))
        ident = self.identity()
        if ident is None:
            hidden = (
                t["hidden_rahasia"]
                if ticket.confidentiality is Confidentiality.RAHASIA
                else t["hidden_anonim"]
            )
            rows.append(
                (t["reporter"], hidden if ticket.confidentiality is not Confidentiality.PUBLIC else t["none"])
            )
        else:
            name, contact = ident[0].strip() or t["none"], ident[1].strip()
            rows.append((t["reporter"], f"{name} · {contact}" if contact else name))
        rows.append((t["status"], status_label(ticket.status, self.lang)))
        return [self.key_values(rows)]

    def key_values(self, rows: list[tuple[str, str]]) -> Table:
        key_width = {"a4": 42 * mm, "a5": 32 * mm, "thermal80": 22 * mm}[self.layout]
        data = [[Paragraph(rich_text(k), self.st["label"]), self.p(v, "value")] for k, v in rows]
        table = Table(data, colWidths=[key_width, self.width - key_width])
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.1),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 1.1),
                    ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.HexColor("#d5dbe1")),
                ]
            )
        )
        return table

    def complaint(self) -> list[Flowable]:
        ticket = self.ticket
        out: list[Flowable] = [Paragraph(self.t["complaint"], self.st["h2"])]
        if ticket.title.strip():
            out.append(self.p(ticket.title, "title"))
            out.append(Spacer(1, 1.2 * mm))
        body = ticket.body.replace("\r\n", "\n").strip()
        cut = self.thermal and _shorten(body) != body
        if cut:
            # A roll is paper in the citizen's pocket, not an archive: an 8,000-character letter
            # would print a metre long. Keep its opening and say where the rest is.
            body = _shorten(body) + " " + self.t["body_cut"]
        # Top-level paragraphs, one per line block, so a long complaint flows across pages.
        body_style = self.st["body"].clone("complaint_body", spaceAfter=self.base * 0.5)
        for block in body.split("\n\n"):
            if block.strip():
                out.append(Paragraph(rich_text(block.strip("\n")), body_style))
        if cut:
            url = tracking_link(self.opd, ticket.tracking_no)
            n = f"{len(ticket.body.strip()):,}".replace(",", "." if self.lang == "id" else ",")
            rest = (
                self.t["body_rest_url"].format(n=n, url=url)
                if url
                else self.t["body_rest"].format(n=n, opd=self.opd.name)
            )
            out.append(Paragraph(rich_text(rest), self.st["small"]))
        return out

    def stage_deadlines(self) -> tuple[list[tuple[Stage, datetime]], list[tuple[Stage, datetime]]]:
        """(still ahead, missed) unmet deadlines at print time; a stage already done is not listed."""
        ticket = self.ticket
        done = {
            Stage.VERIFICATION: ticket.verified_at,
            Stage.FIRST_RESPONSE: ticket.first_response_at,
            Stage.FOLLOW_UP: ticket.followed_up_at,
            Stage.RESOLUTION: ticket.resolved_at,
        }
        ahead: list[tuple[Stage, datetime]] = []
        missed: list[tuple[Stage, datetime]] = []
        for stage in _RECEIPT_STAGES:
            when = ticket.deadlines.get(stage)
            if when is None or done[stage] is not None:
                continue
            (missed if when <= self.now else ahead).append((stage, when))
        return ahead, missed

    def deadline_table(self, rows: list[tuple[Stage, datetime]], when_head: str) -> Table:
        t = self.t
        data: list[list[Any]] = [
            [Paragraph(t["stage_col"], self.st["cell_head"]), Paragraph(when_head, self.st["cell_head"])]
        ]
        for stage, when in rows:
            data.append(
                [
                    Paragraph(stage_label(stage, self.lang), self.st["cell"]),
                    Paragraph(self.when(when), self.st["value_bold"]),
                ]
            )
        first = {"a4": 50 * mm, "a5": 36 * mm, "thermal80": 24 * mm}[self.layout]
        table = Table(data, colWidths=[first, self.width - first])
        table.setStyle(
            table_style(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), self.accent),
                    ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                    ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
                    ("LEFTPADDING", (0, 0), (-1, -1), 1.5 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 1.6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.2),
                ]
            )
        )
        return table

    def deadlines(self) -> list[Flowable]:
        t = self.t
        ahead, missed = self.stage_deadlines()
        out: list[Flowable] = []
        if missed:
            # Said as it is: a deadline that has passed is no longer one "you can expect".
            out.append(
                KeepTogether(
                    [
                        Paragraph(t["missed"], self.st["h2"]),
                        self.deadline_table(missed, t["missed_col"]),
                        Spacer(1, 1.2 * mm),
                        Paragraph(rich_text(t["missed_note"]), self.st["small"]),
                    ]
                )
            )
        if ahead:
            note = Paragraph(rich_text(t["deadlines_note"].format(opd=self.opd.name)), self.st["small"])
            out.append(
                KeepTogether(
                    [
                        Paragraph(t["deadlines"], self.st["h2"]),
                        self.deadline_table(ahead, t["deadline_col"]),
                        Spacer(1, 1.2 * mm),
                        note,
                    ]
                )
            )
        elif not missed and not any(self.ticket.deadlines):
            head = Paragraph(t["deadlines"], self.st["h2"])
            out.append(KeepTogether([head, Paragraph(t["no_deadlines"], self.st["body"])]))
        return out

    def follow_up_items(self) -> list[Flowable]:
        t = self.t
        # The page without the key in print: short to type; the QR code carries the keyed link.
        if self.opd.public_url.strip():
            url = tracking_link(self.opd, self.ticket.tracking_no) or ""
        else:
            url = self.opd.status_url.strip().replace("{tracking_no}", self.ticket.tracking_no)
        steps = []
        if url:
            steps.append(t["follow_scan"].format(url=url))
        else:
            steps.append(t["follow_qr"])
        steps.append(t["follow_visit"].format(opd=self.opd.name))  # the address is in the letterhead
        steps.append(t["follow_keep"])
        size = self.base if self.layout == "a4" else self.base * 0.9  # A5 fits one sheet
        style = self.st["body"].clone(
            "step",
            fontSize=size,
            leading=size * 1.3,
            leftIndent=self.base * 1.4,
            bulletIndent=0,
            spaceAfter=1.2,
            bulletFontName=SANS,
            bulletFontSize=size,
        )
        items: list[Flowable] = [Paragraph(t["follow_up"], self.st["h2"])]
        items += [Paragraph(rich_text(s), style, bulletText=f"{i}.") for i, s in enumerate(steps, 1)]
        return items

    def signature_items(self) -> list[Flowable]:
        t = self.t
        officer = self.officer  # who registered the walk-in; None: unknown here, signed by hand
        name = officer.name if officer else ""
        role = role_label(officer.role, self.lang) if officer else t["signature_role"]
        place = self.opd.region.strip()
        date_text = format_date(self.ticket.received_at, self.opd.tz, self.lang, weekday=False)
        return [
            Spacer(1, self.base * 1.4 + self.base * 0.4),  # level with the first step, below the heading
            self.p(f"{place}, {date_text}" if place else date_text, "body"),
            Paragraph(t["signature_role"], self.st["label"]),
            Spacer(1, (11 if self.layout == "a4" else 7) * mm * self.scale),
            self.p(name or " ", "value_bold"),
            HRFlowable(width="100%", thickness=0.5, color=INK, spaceBefore=1, spaceAfter=1.5),
            Paragraph(rich_text(role), self.st["label"]),
        ]

    def signed(self) -> bool:
        """Only a complaint handed over in person has a receiving officer to sign for it."""
        return self.ticket.channel is Channel.WALK_IN

    def closing(self) -> list[Flowable]:
        """How to follow up and who received it: steps left, signature right on paper sheets."""
        if self.thermal:
            out: list[Flowable] = [Spacer(1, 1 * mm)]
            if self.signed():
                officer = self.officer
                name = officer.name if officer else self.t["none"]
                who = f"{name} ({role_label(officer.role, self.lang)})" if officer else name
                out.append(self.key_values([(self.t["received_by"], who)]))
            return [*out, KeepTogether(self.follow_up_items())]
        if not self.signed():
            return [
                Spacer(1, 3 * mm if self.layout == "a4" else 1.5 * mm),
                KeepTogether(self.follow_up_items()),
            ]
        sign_width = 56 * mm if self.layout == "a4" else 40 * mm
        gap = 8 * mm if self.layout == "a4" else 4 * mm
        table = Table(
            [[self.follow_up_items(), "", self.signature_items()]],
            colWidths=[self.width - sign_width - gap, gap, sign_width],
        )
        table.setStyle(
            table_style(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("TOPPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return [Spacer(1, 3 * mm if self.layout == "a4" else 1.5 * mm), table]

    # -- assembly -------------------------------------------------------------------------

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.letterhead()
        story += self.tracking_block()
        story += self.details()
        story += self.complaint()
        if self.thermal:
            story += self.deadlines()
            story += self.closing()
        else:
            # The last deadline table and the closing travel together: a page holding nothing but
            # the instructions and the signature is a page the citizen throws away.
            deadlines = self.deadlines()
            story += deadlines[:-1]
            story.append(KeepTogether(_flat([*deadlines[-1:], *self.closing()])))
        if self.thermal:
            story += [
                Spacer(1, 3 * mm),
                HRFlowable(width="100%", thickness=0.5, color=RULE, dash=[2, 2], spaceAfter=1.5 * mm),
                Paragraph(self.t["printed"].format(when=self.when(self.now)), self.st["center_small"]),
            ]
        return story

    def footer(self, canvas: Canvas, number: int, total: int) -> None:
        if self.thermal:
            return
        canvas.saveState()
        size = self.base * 0.75
        y = self.margin * 0.55
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(self.margin, y + size * 1.6, self.page_size[0] - self.margin, y + size * 1.6)
        canvas.setFont(SANS, size)
        canvas.setFillColor(MUTED)
        left = canvas_text(
            f"{self.ticket.tracking_no} · {self.t['printed'].format(when=self.when(self.now))}"
        )
        canvas.drawString(self.margin, y, left)
        canvas.drawRightString(
            self.page_size[0] - self.margin, y, self.t["page"].format(n=number, total=total)
        )
        canvas.restoreState()

    def build(self) -> bytes:
        if self.thermal:
            return self.build_once()[0]
        pdf, pages = self.build_once()
        if pages == 1:
            return pdf
        # A receipt that spills a few lines onto a second sheet is set a little tighter instead
        # (down to 80 % of the type size); a long complaint flows over pages as it must.
        for scale in (0.93, 0.86, 0.8):
            self.setup(scale)
            tighter, tighter_pages = self.build_once()
            if tighter_pages < pages:
                return tighter
        self.setup(1.0)
        return pdf

    def build_once(self) -> tuple[bytes, int]:
        story = self.story()
        page_w, page_h = self.page_size
        if self.thermal:
            # A roll is as long as its content: measure, then cut the page to fit.
            measure = Canvas(io.BytesIO())
            used = sum(_height(f, self.width, measure) for f in story) + 2 * self.margin + 6 * mm
            page_h = min(THERMAL_MAX_HEIGHT, max(used, 100 * mm))
            self.page_size = (page_w, page_h)
        buffer = io.BytesIO()
        bottom = self.margin + (0 if self.thermal else 6 * mm)
        frame = Frame(
            self.margin,
            bottom,
            self.width,
            page_h - self.margin - bottom,
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc = BaseDocTemplate(
            buffer,
            pagesize=(page_w, page_h),
            leftMargin=self.margin,
            rightMargin=self.margin,
            topMargin=self.margin,
            bottomMargin=bottom,
            title=f"{self.t['doc_title']} {self.ticket.tracking_no}",
            author=self.opd.name,
            creator="Tanggap",
            lang=self.lang,
            invariant=False,
        )
        doc.addPageTemplates([PageTemplate(id="receipt", frames=[frame])])
        doc.build(story, canvasmaker=numbered_canvas(self.footer))
        return buffer.getvalue(), int(doc.page)


def _flat(flowables: list[Flowable]) -> list[Flowable]:
    """KeepTogether's content inlined: a KeepTogether nested in another always reports "too tall"."""
    out: list[Flowable] = []
    for f in flowables:
        out += _flat(f._content) if isinstance(f, KeepTogether) else [f]
    return out


def _height(flowable: Flowable, width: float, canvas: Canvas) -> float:
    if isinstance(flowable, KeepTogether):  # its wrap reports "too tall" to force a page break
        return sum(_height(f, width, canvas) for f in flowable._content)
    _w, h = flowable.wrapOn(canvas, width, THERMAL_MAX_HEIGHT)
    return float(h) + float(flowable.getSpaceBefore()) + float(flowable.getSpaceAfter())


# What an 80 mm roll keeps of the complaint: its opening lines, cut at a word.
THERMAL_BODY_CHARS = 600
THERMAL_BODY_LINES = 12


def _shorten(body: str) -> str:
    lines = body.split("\n")
    text = "\n".join(lines[:THERMAL_BODY_LINES])
    if len(text) > THERMAL_BODY_CHARS:
        text = text[:THERMAL_BODY_CHARS]
        space = text.rfind(" ")
        if space > THERMAL_BODY_CHARS * 0.7:
            text = text[:space]
    return text.rstrip() if text != body else body
