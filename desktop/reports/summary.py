"""The performance summary PDF: lays out ``SummaryFigures`` (computed in ``metrics``), nothing more."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
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

from desktop.domain import Channel
from desktop.labels import channel_label, stage_label
from desktop.reports._common import (
    ACCENT,
    BREACH,
    INK,
    MUTED,
    PANEL,
    RULE,
    numbered_canvas,
    styles,
    table_style,
)
from desktop.reports.fonts import SANS, SANS_BOLD, canvas_text, register_fonts, rich_text
from desktop.reports.metrics import (
    SYNC_STALE_AFTER,
    BacklogBucket,
    GroupFigures,
    SummaryFigures,
    sync_is_stale,
)
from desktop.wording import format_date, format_datetime, format_time, zone_abbreviation

# Per channel and per officer: label, received, resolved, two medians and what they cover, the
# on-time share and what it covers, late tickets, backlog.
GROUP_WIDTHS: list[float] = [23, 11, 11, 13, 13, 17, 13, 17, 15, 17]
# A list of every breach of 100,000 tickets would be a book; the count is always printed.
MAX_BREACH_ROWS = 300
SOCIAL_COLOUR = ACCENT
OTHER_COLOUR = colors.HexColor("#8fa9c4")
RESOLVED_COLOUR = colors.HexColor("#7fb77e")

_TEXT = {
    "id": {
        "period": "Periode",
        "produced": "Dibuat",
        "page": "Halaman {n} dari {total}",
        "scope_all": "Semua OPD dalam cakupan",
        "officer": "Petugas",
        "received": "Diterima",
        "resolved": "Diselesaikan",
        "resolved_short": "Selesai",
        "frt_median": "Median tanggapan pertama",
        "frt_p90": "Persentil ke-90 tanggapan pertama",
        "backlog": "Tunggakan saat ini",
        "hours_note": "jam kerja",
        "stages": "Ketepatan waktu per tahap SLA",
        "stage": "Tahap",
        "met": "Tepat waktu",
        "breached": "Terlambat",
        "pending": "Masih berjalan",
        "share": "% tepat waktu",
        "trend": "Tren mingguan",
        "mix": "Sebaran kanal (pengaduan diterima)",
        "per_channel": "Per kanal (media sosial lebih dulu)",
        "per_officer": "Per petugas",
        "channel": "Kanal",
        "frt_med_short": "Median TP",
        "frt_p90_short": "P90 TP",
        "frt_met_short": "TP tepat waktu",
        "received_short": "Masuk",
        "counted_short": "TP dihitung",
        "counted_met_short": "Tepat / diputus",
        "breach_short": "Terlambat",
        "backlog_short": "Tunggakan",
        "total": "Semua kanal",
        "sum": "Jumlah",
        "unassigned": "Belum ditugaskan",
        "backlog_age": "Tunggakan menurut umur",
        "age": "Umur (hari kalender)",
        "tickets": "Tiket",
        "breaches": "Pelanggaran tenggat",
        "tracking": "Nomor tiket",
        "deadline": "Tenggat",
        "done": "Dipenuhi",
        "not_done": "belum",
        "title": "Judul",
        "more": "… dan {n} pelanggaran lainnya (daftar lengkap tersedia di aplikasi).",
        "no_breaches": "Tidak ada tenggat yang terlampaui dalam periode ini.",
        "none": "—",
        "defs": "TP = tanggapan pertama, dihitung dalam jam kerja OPD sejak pengaduan diterima; "
        "pengaduan terbuka yang belum ditanggapi ikut dihitung dengan lama menunggunya sampai laporan "
        "dibuat, pengaduan yang ditutup tanpa tanggapan (ditolak, dialihkan) tidak. Persentase tepat waktu dihitung dari tahap yang sudah dipenuhi atau sudah lewat tenggat; "
        "tahap yang masih berjalan tidak dihitung. Tunggakan: pengaduan yang masih terbuka saat "
        "laporan dibuat. Di tabel per kanal dan per petugas, setiap baris menyebut cakupannya: TP "
        "dihitung = tiket yang ikut median (ditanggapi atau masih menunggu) dari yang masuk; Tepat / "
        "diputus = tahap TP yang tepat waktu dari yang sudah dipenuhi atau lewat tenggat.",
        "legend_received": "Diterima",
        "legend_resolved": "Diselesaikan",
        "week_of": "Minggu mulai",
        "no_data": "Tidak ada data",
        "cover_received": "masuk dalam periode",
        "cover_problems": "masuk dalam periode: {total} pengaduan tentang {problems} masalah",
        "cover_resolved": "selesai dalam periode; {n} dari {total} yang masuk periode ini",
        "cover_frt": "atas {n} dari {total} tiket masuk; {waiting} belum ditanggapi dihitung masih menunggu",
        "cover_frt_none": "atas {n} dari {total} tiket masuk",
        "cover_backlog": "terbuka per {date}; {late} di antaranya lewat tenggat",
        "synced": "Data meja ini terakhir disinkronkan {when}.",
        "synced_stale": "Perhatian: data meja ini terakhir disinkronkan {when} (lebih dari {hours} jam "
        "sebelum ringkasan dibuat); angka dapat belum memuat pekerjaan di meja lain.",
        "never_synced": "Perhatian: meja ini belum pernah sinkron dengan server; angka hanya memuat "
        "data setempat.",
        "confidential_title": "(laporan rahasia)",
        "citizen": "Tanggapan pelapor dan sampainya balasan",
        "figure": "Angka",
        "value": "Nilai",
        "covers": "Cakupan",
        "ikm": "Indeks Kepuasan Masyarakat (IKM, 25–100)",
        "ikm_value": "{value} (mutu {grade}, {name})",
        "cover_ikm": "dari {n} penilaian bintang 1–5 atas {total} tiket yang mencapai selesai",
        "rebuttal": "Sanggahan (pelapor menjawab belum selesai)",
        "confirmed": "Dinyatakan selesai oleh pelapor",
        "cover_reached": "{n} dari {total} tiket yang mencapai selesai; {answered} dijawab pelapor",
        "reached_share": "Balasan sampai ke pelapor",
        "cover_replies": "{n} dari {total} balasan publik yang ditulis dalam periode; {failed} gagal",
        "manual_open": "Balasan perlu diposting manual",
        "cover_manual": "belum ditandai terkirim per {date}, dari tanggal berapa pun",
        "delivery": "Sampainya balasan per kanal",
        "replies": "Balasan",
        "reached": "Sampai",
        "reached_pct": "% sampai",
        "median_delivery": "Median hingga sampai",
        "citizen_defs": "IKM menurut Permenpan RB 14/2017: nilai bintang 1–5 dipetakan ke skala 1–4, "
        "rata-ratanya dikali 25 (mutu A ≥ 88,31; B ≥ 76,61; C ≥ 65,00; D di bawahnya). Mencapai "
        "selesai: diselesaikan dalam periode, atau dibuka kembali oleh sanggahan pelapor dalam periode. "
        "Sampai: dibaca atau diterima di WhatsApp, terkirim ke server surel (surel tidak melaporkan "
        "lebih jauh), atau ditandai sudah diposting/diserahkan; waktu dihitung dalam jam kalender "
        "sampai laporan terakhir penyampaian.",
    },
    "en": {
        "period": "Period",
        "produced": "Produced",
        "page": "Page {n} of {total}",
        "scope_all": "All OPDs in scope",
        "officer": "Officer",
        "received": "Received",
        "resolved": "Resolved",
        "resolved_short": "Resolved",
        "frt_median": "Median first response",
        "frt_p90": "90th percentile first response",
        "backlog": "Current backlog",
        "hours_note": "office hours",
        "stages": "On-time share per SLA stage",
        "stage": "Stage",
        "met": "On time",
        "breached": "Late",
        "pending": "Running",
        "share": "% on time",
        "trend": "Weekly trend",
        "mix": "Channel mix (complaints received)",
        "per_channel": "Per channel (social media first)",
        "per_officer": "Per officer",
        "channel": "Channel",
        "frt_med_short": "Median FR",
        "frt_p90_short": "P90 FR",
        "frt_met_short": "FR on time",
        "received_short": "Received",
        "counted_short": "FR counted",
        "counted_met_short": "On time / decided",
        "breach_short": "Late",
        "backlog_short": "Backlog",
        "total": "All channels",
        "sum": "Total",
        "unassigned": "Unassigned",
        "backlog_age": "Backlog by age",
        "age": "Age (calendar days)",
        "tickets": "Tickets",
        "breaches": "Deadline breaches",
        "tracking": "Tracking no.",
        "deadline": "Deadline",
        "done": "Met",
        "not_done": "not yet",
        "title": "Title",
        "more": "… and {n} more breaches (the full list is in the application).",
        "no_breaches": "No deadline was missed in this period.",
        "none": "—",
        "defs": "FR = first response, in the OPD's office hours from receipt; open tickets with no "
        "reply yet count with the time they have waited so far, tickets closed without a reply "
        "(rejected, transferred) do not. On-time shares count "
        "stages that were met or are past their deadline; running stages are left out. Backlog: "
        "complaints still open when the report was produced. In the per-channel and per-officer "
        "tables each row says what it covers: FR counted = tickets in the medians (answered or still "
        "waiting) of those received; On time / decided = first responses on time of those met or "
        "past their deadline.",
        "legend_received": "Received",
        "legend_resolved": "Resolved",
        "week_of": "Week of",
        "no_data": "No data",
        "cover_received": "received in the period",
        "cover_problems": "received in the period: {total} complaints about {problems} problems",
        "cover_resolved": "resolved in the period; {n} of the {total} received in it",
        "cover_frt": "over {n} of {total} tickets received; {waiting} unanswered counted as still waiting",
        "cover_frt_none": "over {n} of {total} tickets received",
        "cover_backlog": "open on {date}; {late} of them past a deadline",
        "synced": "This desk last synced {when}.",
        "synced_stale": "Warning: this desk last synced {when} (more than {hours} hours before this "
        "summary); work done at other desks may be missing.",
        "never_synced": "Warning: this desk has never synced with the server; the figures hold local "
        "data only.",
        "confidential_title": "(confidential report)",
        "citizen": "Citizens' answers and replies reaching them",
        "figure": "Figure",
        "value": "Value",
        "covers": "Covers",
        "ikm": "Community Satisfaction Index (IKM, 25–100)",
        "ikm_value": "{value} (grade {grade}, {name})",
        "cover_ikm": "from {n} ratings of 1–5 stars over {total} tickets that reached resolved",
        "rebuttal": "Rebuttals (citizen answered not solved)",
        "confirmed": "Confirmed solved by the citizen",
        "cover_reached": "{n} of {total} tickets that reached resolved; {answered} answered by the citizen",
        "reached_share": "Replies that reached the citizen",
        "cover_replies": "{n} of {total} public replies written in the period; {failed} failed",
        "manual_open": "Replies to post by hand",
        "cover_manual": "not yet marked posted on {date}, of any date",
        "delivery": "Replies reaching the citizen per channel",
        "replies": "Replies",
        "reached": "Reached",
        "reached_pct": "% reached",
        "median_delivery": "Median until reached",
        "citizen_defs": "IKM per Permenpan RB 14/2017: 1–5 star ratings mapped onto the 1–4 scale, "
        "their mean times 25 (grade A ≥ 88.31; B ≥ 76.61; C ≥ 65.00; D below). Reached resolved: "
        "resolved in the period, or reopened by the citizen's rebuttal in it. Reached: read or "
        "delivered on WhatsApp, accepted by the mail server (e-mail reports nothing further), or "
        "marked posted/handed over; time in calendar hours until the delivery's last report.",
    },
}


def _int(n: int, lang: str) -> str:
    text = f"{n:,}"
    return text.replace(",", ".") if lang == "id" else text


def _dec(x: float, lang: str) -> str:
    text = f"{x:,.1f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def _dec2(x: float, lang: str) -> str:
    """Two decimals, as the SKM regulation writes an IKM."""
    text = f"{x:,.2f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def format_hours(hours: float | None, lang: str = "id") -> str:
    if hours is None:
        return _TEXT[lang]["none"]
    return f"{_dec(hours, lang)} {'jam' if lang == 'id' else 'h'}"


def format_wait(hours: float | None, lang: str = "id") -> str:
    """A delivery's wait: minutes under an hour (WhatsApp's seconds are not "0,0 jam"), else hours."""
    if hours is not None and hours < 1:
        return f"{max(1, round(hours * 60))} {'menit' if lang == 'id' else 'min'}"
    return format_hours(hours, lang)


def format_share(share: float | None, lang: str = "id") -> str:
    if share is None:
        return _TEXT[lang]["none"]
    return f"{_dec(share * 100, lang)}%"


def format_age(bucket: BacklogBucket, lang: str = "id") -> str:
    if bucket.max_days is None:
        return f"> {bucket.min_days - 1}"
    return f"{bucket.min_days}–{bucket.max_days}"


def render_summary(figures: SummaryFigures, *, lang: str = "id", produced_at: datetime) -> bytes:
    register_fonts()
    lang = "en" if lang == "en" else "id"
    return _SummaryBuilder(figures, lang, produced_at).build()


class _SummaryBuilder:
    def __init__(self, figures: SummaryFigures, lang: str, produced_at: datetime) -> None:
        register_fonts()
        self.f = figures
        self.req = figures.request
        self.lang = lang
        self.produced_at = produced_at
        self.t = _TEXT[lang]
        self.page = A4
        self.margin = 16 * mm
        self.width = self.page[0] - 2 * self.margin
        self.st = styles(9.0)
        self.st_compact = styles(7.8)

    # -- words --------------------------------------------------------------------------

    def period_text(self) -> str:
        start = format_date(self.req.start, None, self.lang, weekday=False)
        end = format_date(self.req.end, None, self.lang, weekday=False)
        return start if self.req.start == self.req.end else f"{start} – {end}"

    def scope_text(self) -> str:
        req = self.req
        if req.scope_label:
            scope = req.scope_label
        elif req.opd_codes is None:
            scope = self.t["scope_all"]
        else:
            names = dict(req.opd_names)
            scope = ", ".join(names.get(code, code) for code in req.opd_codes)
        if req.officer:
            scope = f"{scope} · {self.t['officer']}: {self.f.officer_name(req.officer)}"
        return scope

    def short_datetime(self, dt: datetime) -> str:
        """``02/03/26 16.00``: the breach list's columns have no room for weekday and month names."""
        local = dt.astimezone(ZoneInfo(self.req.tz))
        return f"{local:%d/%m/%y} {format_time(local, None, self.lang, zone=False)}"

    def officer_text(self, username: str | None) -> str:
        if username is None:
            return self.t["unassigned"]
        return self.f.officer_name(username) or username

    # -- sections -------------------------------------------------------------------------

    def title_block(self) -> list[Flowable]:
        title_style = self.st["h1"].clone("title_l", alignment=0, fontSize=17, leading=21, textColor=INK)
        return [
            Paragraph(rich_text(self.req.title, SANS_BOLD), title_style),
            Spacer(1, 1.5 * mm),
            Paragraph(
                rich_text(self.scope_text(), SANS_BOLD), self.st["title"].clone("scope", textColor=ACCENT)
            ),
            Paragraph(
                rich_text(
                    f"{self.t['period']}: {self.period_text()} · {self.t['produced']}: "
                    f"{format_datetime(self.produced_at, self.req.tz, self.lang)}"
                ),
                self.st["small"],
            ),
            *self.sync_line(),
            Spacer(1, 5 * mm),
        ]

    def sync_line(self) -> list[Flowable]:
        req, t = self.req, self.t
        if not req.sync_known:
            return []
        if req.last_synced_at is None:
            text, stale = t["never_synced"], True
        else:
            when = format_datetime(req.last_synced_at, req.tz, self.lang)
            stale = sync_is_stale(req.last_synced_at, self.produced_at)
            hours = int(SYNC_STALE_AFTER.total_seconds() // 3600)
            text = (t["synced_stale"] if stale else t["synced"]).format(when=when, hours=hours)
        style = (
            self.st["small"].clone("sync", textColor=BREACH, fontName=SANS_BOLD)
            if stale
            else self.st["small"]
        )
        return [Paragraph(rich_text(text, style.fontName), style)]

    def received_cover(self) -> str:
        """Incidents (issue 18): "38 pengaduan tentang 6 masalah" once complaints are linked."""
        o, problems = self.f.overall, self.f.problems
        if not problems or problems >= o.received:
            return str(self.t["cover_received"])
        return str(self.t["cover_problems"]).format(
            total=_int(o.received, self.lang), problems=_int(problems, self.lang)
        )

    def tiles(self) -> list[Flowable]:
        o, t, lang = self.f.overall, self.t, self.lang
        total = _int(o.received, lang)
        frt_cover = (
            t["cover_frt"].format(
                n=_int(o.first_response_counted, lang),
                total=total,
                waiting=_int(o.first_response_waiting, lang),
            )
            if o.first_response_waiting
            else t["cover_frt_none"].format(n=_int(o.first_response_counted, lang), total=total)
        )
        today = format_date(self.f.now, self.req.tz, lang, weekday=False)
        # Each figure says what it is taken over: a median of 40 answered out of 450 received is
        # not the same news as a median of 450.
        values = [
            (total, t["received"], self.received_cover()),
            (
                _int(o.resolved, lang),
                t["resolved"],
                t["cover_resolved"].format(n=_int(o.resolved_of_received, lang), total=total),
            ),
            (
                format_hours(o.first_response_median_hours, lang),
                f"{t['frt_median']} ({t['hours_note']})",
                frt_cover,
            ),
            (
                format_hours(o.first_response_p90_hours, lang),
                f"{t['frt_p90']} ({t['hours_note']})",
                frt_cover,
            ),
            (
                _int(o.backlog, lang),
                t["backlog"],
                t["cover_backlog"].format(date=today, late=_int(o.backlog_breached, lang)),
            ),
        ]
        number = self.st["title"].clone("tile_n", fontSize=16, leading=20, textColor=ACCENT)
        cover = self.st["label"].clone("cover", fontSize=6.6, leading=8.2)
        cells = []
        for value, label, note in values:
            cells.append(
                [
                    Paragraph(value, number),
                    Spacer(1, 1),
                    Paragraph(rich_text(label), self.st["label"].clone("tile_label", textColor=INK)),
                    Spacer(1, 1),
                    Paragraph(rich_text(note), cover),
                ]
            )
        gap = 3 * mm
        col = (self.width - 4 * gap) / 5
        row: list[object] = []
        widths: list[float] = []
        for i, cell in enumerate(cells):
            if i:
                row.append("")
                widths.append(gap)
            row.append(cell)
            widths.append(col)
        table = Table([row], colWidths=widths)
        style: list[tuple[Any, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm),
            ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm),
        ]
        for i in range(0, len(row), 2):
            style += [("BACKGROUND", (i, 0), (i, 0), PANEL), ("LINEABOVE", (i, 0), (i, 0), 2, ACCENT)]
        table.setStyle(table_style(style))
        return [table, Spacer(1, 2 * mm)]

    def grid(
        self,
        head: list[str],
        rows: list[list[str]],
        widths: list[float],
        *,
        total_row: bool = False,
        repeat: bool = True,
        left_cols: int = 1,
        compact: bool = False,
    ) -> Table:
        """A data table: first ``left_cols`` columns text, the rest right-aligned figures."""
        st = self.st_compact if compact else self.st
        data: list[list[object]] = [
            [
                Paragraph(rich_text(h, SANS_BOLD), st["cell_head" if i < left_cols else "cell_head_right"])
                for i, h in enumerate(head)
            ]
        ]
        scale = self.width / sum(widths)
        col_widths = [w * scale for w in widths]
        size = st["cell"].fontSize
        room = [w - 3.2 * mm - 0.5 for w in col_widths]
        for r in rows:
            cells: list[object] = []
            for i, c in enumerate(r):
                plain = canvas_text(c)
                # Plain strings draw ten times faster than Paragraphs; only text that must wrap or
                # needs a fallback font (emoji, aksara Jawa) pays for a Paragraph.
                if plain == c and stringWidth(plain, SANS, size) <= room[i]:
                    cells.append(plain)
                else:
                    cells.append(Paragraph(rich_text(c), st["cell" if i < left_cols else "cell_right"]))
            data.append(cells)
        table = Table(data, colWidths=col_widths, repeatRows=1 if repeat else 0)
        style: list[tuple[Any, ...]] = [
            ("FONTSIZE", (0, 1), (-1, -1), size),
            ("LEADING", (0, 1), (-1, -1), st["cell"].leading),
            ("TEXTCOLOR", (0, 1), (-1, -1), INK),
            ("ALIGN", (left_cols, 1), (-1, -1), "RIGHT"),
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 1.8),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2.6),
            ("LEFTPADDING", (0, 0), (-1, -1), 1.6 * mm),
            ("RIGHTPADDING", (0, 0), (-1, -1), 1.6 * mm),
        ]
        for i in range(2, len(data), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), colors.HexColor("#f6f8fa")))
        if total_row:
            style += [
                ("BACKGROUND", (0, -1), (-1, -1), PANEL),
                ("LINEABOVE", (0, -1), (-1, -1), 0.8, INK),
            ]
        table.setStyle(table_style(style))
        return table

    def stages(self) -> list[Flowable]:
        t = self.t
        rows = []
        for share in self.f.overall.stages:
            if share.decided + share.pending == 0:
                continue
            rows.append(
                [
                    stage_label(share.stage, self.lang),
                    _int(share.met, self.lang),
                    _int(share.breached, self.lang),
                    _int(share.pending, self.lang),
                    format_share(share.share_met, self.lang),
                ]
            )
        if not rows:
            return []
        table = self.grid(
            [t["stage"], t["met"], t["breached"], t["pending"], t["share"]], rows, [40, 20, 20, 20, 20]
        )
        return [KeepTogether([Paragraph(t["stages"], self.st["h2"]), table])]

    def charts(self) -> list[Flowable]:
        half = (self.width - 6 * mm) / 2
        height = 62 * mm
        trend = self.trend_chart(half, height)
        mix = self.mix_chart(half, height)
        table = Table(
            [
                [Paragraph(self.t["trend"], self.st["h2"]), "", Paragraph(self.t["mix"], self.st["h2"])],
                [trend, "", mix],
            ],
            colWidths=[half, 6 * mm, half],
        )
        table.setStyle(
            table_style(
                [
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return [Spacer(1, 3 * mm), table]

    def trend_chart(self, width: float, height: float) -> Drawing:
        weeks = self.f.weekly
        drawing = Drawing(width, height)
        drawing.initialFontName = SANS  # the renderer's default font is an unembedded Helvetica
        chart = VerticalBarChart()
        chart.x, chart.y = 26, 34
        chart.width, chart.height = width - 34, height - 58  # headroom: the legend sits above the bars
        chart.data = [[w.received for w in weeks], [w.resolved for w in weeks]]
        chart.categoryAxis.categoryNames = [f"{w.start.day:02d}/{w.start.month:02d}" for w in weeks]
        _style_axes(chart, len(weeks))
        chart.bars[0].fillColor = ACCENT
        chart.bars[1].fillColor = RESOLVED_COLOUR
        chart.bars.strokeColor = None
        chart.groupSpacing = 4
        chart.barSpacing = 1
        drawing.add(chart)
        drawing.add(
            String(
                chart.x,
                4,
                f"{self.t['week_of']} (tgl/bln)" if self.lang == "id" else self.t["week_of"],
                fontName=SANS,
                fontSize=6.5,
                fillColor=MUTED,
            )
        )
        legend = Legend()
        legend.x, legend.y = width - 140, height - 4
        legend.fontName, legend.fontSize = SANS, 7
        legend.alignment = "right"
        legend.columnMaximum = 1
        legend.deltax = 70
        legend.dx = legend.dy = 6
        legend.colorNamePairs = [
            (ACCENT, self.t["legend_received"]),
            (RESOLVED_COLOUR, self.t["legend_resolved"]),
        ]
        drawing.add(legend)
        return drawing

    def mix_chart(self, width: float, height: float) -> Drawing:
        rows = [(c, g.received) for c, g in self.f.per_channel if g.received]
        drawing = Drawing(width, height)
        drawing.initialFontName = SANS  # the renderer's default font is an unembedded Helvetica
        if not rows:
            drawing.add(
                String(
                    width / 2,
                    height / 2,
                    self.t["no_data"],
                    fontName=SANS,
                    fontSize=8,
                    textAnchor="middle",
                    fillColor=MUTED,
                )
            )
            return drawing
        rows.reverse()  # the chart draws its first category at the bottom; social media reads first
        chart = HorizontalBarChart()
        chart.x, chart.y = 72, 14
        chart.width, chart.height = width - 100, height - 22
        chart.data = [[n for _c, n in rows]]
        chart.categoryAxis.categoryNames = [channel_label(c, self.lang) for c, _n in rows]
        _style_axes(chart, len(rows))
        chart.bars.strokeColor = None
        for i, (c, _n) in enumerate(rows):
            chart.bars[(0, i)].fillColor = SOCIAL_COLOUR if Channel(c).is_social else OTHER_COLOUR
        chart.barLabelFormat = "%d"
        chart.barLabels.fontName = SANS
        chart.barLabels.fontSize = 6.5
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
        chart.barLabels.fillColor = INK
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -3
        drawing.add(chart)
        return drawing

    def group_rows(self, items: list[tuple[str, GroupFigures]]) -> list[list[str]]:
        lang = self.lang
        from desktop.domain import Stage

        # Each row says what its figures are taken over (issue 20): the medians over the tickets
        # answered or still waiting of those received, the on-time share over the decided stages.
        rows = []
        for label, g in items:
            fr = g.stage(Stage.FIRST_RESPONSE)
            rows.append(
                [
                    label,
                    _int(g.received, lang),
                    _int(g.resolved, lang),
                    format_hours(g.first_response_median_hours, lang),
                    format_hours(g.first_response_p90_hours, lang),
                    f"{_int(g.first_response_counted, lang)} / {_int(g.received, lang)}",
                    format_share(fr.share_met, lang),
                    f"{_int(fr.met, lang)} / {_int(fr.decided, lang)}",
                    _int(g.breached_tickets, lang),
                    _int(g.backlog, lang),
                ]
            )
        return rows

    def group_head(self, first: str) -> list[str]:
        t = self.t
        return [
            first,
            t["received_short"],
            t["resolved_short"],
            t["frt_med_short"],
            t["frt_p90_short"],
            t["counted_short"],
            t["frt_met_short"],
            t["counted_met_short"],
            t["breach_short"],
            t["backlog_short"],
        ]

    def per_channel(self) -> list[Flowable]:
        items = [(channel_label(c, self.lang), g) for c, g in self.f.per_channel]
        items.append((self.t["total"], self.f.overall))
        table = self.grid(
            self.group_head(self.t["channel"]),
            self.group_rows(items),
            GROUP_WIDTHS,
            total_row=True,
            compact=True,
        )
        return [KeepTogether([Paragraph(self.t["per_channel"], self.st["h2"]), table])]

    def per_officer(self) -> list[Flowable]:
        if not self.req.include_per_officer or not self.f.per_officer:
            return []
        items = [(self.officer_text(o), g) for o, g in self.f.per_officer]
        table = self.grid(
            self.group_head(self.t["officer"]), self.group_rows(items), GROUP_WIDTHS, compact=True
        )
        return [KeepTogether([Paragraph(self.t["per_officer"], self.st["h2"]), table])]

    def citizen(self) -> list[Flowable]:
        """The citizen's answers (issue 17) and the replies' delivery (issue 21), each with its n of N."""
        t, lang, s, dl = self.t, self.lang, self.f.satisfaction, self.f.delivery
        if not s.reached and not dl.replies and not dl.manual_open:
            return []

        def share(n: int, total: int) -> str:
            return format_share(n / total if total else None, lang)

        reached = {"total": _int(s.reached, lang), "answered": _int(s.answered, lang)}
        index = s.ikm
        ikm_value = (
            t["ikm_value"].format(
                value=_dec2(index.value, lang),
                grade=index.grade,
                name=index.name_id if lang == "id" else index.name_en,
            )
            if index.value is not None
            else t["none"]
        )
        today = format_date(self.f.now, self.req.tz, lang, weekday=False)
        rows = [
            [t["ikm"], ikm_value, t["cover_ikm"].format(n=_int(index.count, lang), total=reached["total"])],
            [
                t["rebuttal"],
                share(s.rebutted, s.reached),
                t["cover_reached"].format(n=_int(s.rebutted, lang), **reached),
            ],
            [
                t["confirmed"],
                share(s.confirmed, s.reached),
                t["cover_reached"].format(n=_int(s.confirmed, lang), **reached),
            ],
            [
                t["reached_share"],
                share(dl.reached, dl.replies),
                t["cover_replies"].format(
                    n=_int(dl.reached, lang), total=_int(dl.replies, lang), failed=_int(dl.failed, lang)
                ),
            ],
            [t["manual_open"], _int(dl.manual_open, lang), t["cover_manual"].format(date=today)],
        ]
        out: list[Flowable] = [
            KeepTogether(
                [
                    Paragraph(t["citizen"], self.st["h2"]),
                    self.grid([t["figure"], t["value"], t["covers"]], rows, [44, 24, 52], left_cols=3),
                ]
            )
        ]
        if dl.per_channel:
            channel_rows = [
                [
                    channel_label(c.channel, lang),
                    _int(c.replies, lang),
                    f"{_int(c.reached, lang)} / {_int(c.replies, lang)}",
                    share(c.reached, c.replies),
                    format_wait(c.median_hours, lang),
                ]
                for c in dl.per_channel
            ]
            channel_rows.append(
                [
                    t["total"],
                    _int(dl.replies, lang),
                    f"{_int(dl.reached, lang)} / {_int(dl.replies, lang)}",
                    share(dl.reached, dl.replies),
                    "",
                ]
            )
            table = self.grid(
                [t["channel"], t["replies"], t["reached"], t["reached_pct"], t["median_delivery"]],
                channel_rows,
                [40, 20, 20, 20, 20],
                total_row=True,
            )
            out.append(KeepTogether([Paragraph(t["delivery"], self.st["h2"]), table]))
        out += [Spacer(1, 1.5 * mm), Paragraph(t["citizen_defs"], self.st["small"])]
        return out

    def backlog(self) -> list[Flowable]:
        total = sum(b.count for b in self.f.backlog)
        rows = [
            [
                format_age(b, self.lang),
                _int(b.count, self.lang),
                format_share(b.count / total if total else None, self.lang),
            ]
            for b in self.f.backlog
        ]
        rows.append([self.t["sum"], _int(total, self.lang), ""])
        table = self.grid([self.t["age"], self.t["tickets"], "%"], rows, [50, 25, 25], total_row=True)
        table.hAlign = "LEFT"
        table._argW = [w * 0.6 for w in table._argW]  # a short table reads better narrow
        return [KeepTogether([Paragraph(self.t["backlog_age"], self.st["h2"]), table])]

    def breaches(self) -> list[Flowable]:
        t = self.t
        head = Paragraph(f"{t['breaches']} ({_int(len(self.f.breaches), self.lang)})", self.st["h2"])
        if not self.f.breaches:
            return [head, Paragraph(t["no_breaches"], self.st["body"])]
        rows = []
        for b in self.f.breaches[:MAX_BREACH_ROWS]:
            if b.confidential:
                title = t["confidential_title"]  # a rahasia report's title is part of the secret
            else:
                title = b.title if len(b.title) <= 90 else b.title[:89] + "…"
            rows.append(
                [
                    b.tracking_no,
                    stage_label(b.stage, self.lang),
                    self.short_datetime(b.deadline),
                    self.short_datetime(b.met_at) if b.met_at else t["not_done"],
                    channel_label(b.channel, self.lang),
                    self.officer_text(b.assignee),
                    title,
                ]
            )
        zone = zone_abbreviation(self.produced_at.astimezone(ZoneInfo(self.req.tz)))
        table = self.grid(
            [
                t["tracking"],
                t["stage"],
                f"{t['deadline']} ({zone})",
                f"{t['done']} ({zone})",
                t["channel"],
                t["officer"],
                t["title"],
            ],
            rows,
            [35, 20, 23.5, 23.5, 20, 21, 35],
            left_cols=7,
            compact=True,
        )
        out: list[Flowable] = [head, table]
        if len(self.f.breaches) > MAX_BREACH_ROWS:
            out.append(Spacer(1, 1.5 * mm))
            out.append(
                Paragraph(
                    t["more"].format(n=_int(len(self.f.breaches) - MAX_BREACH_ROWS, self.lang)),
                    self.st["small"],
                )
            )
        return out

    # -- page furniture -----------------------------------------------------------------------

    def decorate(self, canvas: Canvas, number: int, total: int) -> None:
        w, h = self.page
        canvas.saveState()
        canvas.setFillColor(MUTED)
        canvas.setFont(SANS_BOLD, 7.5)
        canvas.drawString(self.margin, h - 10 * mm, canvas_text(self.scope_text(), SANS_BOLD)[:110])
        canvas.setFont(SANS, 7.5)
        canvas.drawRightString(w - self.margin, h - 10 * mm, canvas_text(self.req.title)[:80])
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.4)
        canvas.line(self.margin, h - 11.5 * mm, w - self.margin, h - 11.5 * mm)
        canvas.line(self.margin, 12 * mm, w - self.margin, 12 * mm)
        canvas.setFont(SANS, 7)
        canvas.drawString(
            self.margin,
            8.5 * mm,
            canvas_text(
                f"{self.t['period']}: {self.period_text()} · {self.t['produced']} "
                f"{format_datetime(self.produced_at, self.req.tz, self.lang)} · Tanggap"
            ),
        )
        canvas.drawRightString(w - self.margin, 8.5 * mm, self.t["page"].format(n=number, total=total))
        canvas.restoreState()

    def story(self) -> list[Flowable]:
        story: list[Flowable] = []
        story += self.title_block()
        story += self.tiles()
        story += self.stages()
        story += self.charts()
        story += self.per_channel()
        story += self.per_officer()
        story += self.backlog()
        story += self.citizen()
        story += [Spacer(1, 2 * mm), Paragraph(self.t["defs"], self.st["small"])]
        story += self.breaches()
        return story

    def build(self) -> bytes:
        buffer = io.BytesIO()
        w, h = self.page
        top, bottom = 16 * mm, 16 * mm
        frame = Frame(self.margin, bottom, self.width, h - top - bottom, 0, 0, 0, 0)
        doc = BaseDocTemplate(
            buffer,
            pagesize=self.page,
            title=self.req.title,
            author="Tanggap",
            creator="Tanggap",
            subject=f"{self.scope_text()} · {self.period_text()}",
            lang=self.lang,
        )
        doc.addPageTemplates([PageTemplate(id="summary", frames=[frame])])
        doc.build(self.story(), canvasmaker=numbered_canvas(self.decorate))
        return buffer.getvalue()


def _style_axes(chart: VerticalBarChart | HorizontalBarChart, categories: int) -> None:
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = SANS
        axis.labels.fontSize = 6.5
        axis.labels.fillColor = INK
        axis.strokeColor = RULE
    chart.valueAxis.valueMin = 0
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e3e8ee")
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.forceZero = True
    if isinstance(chart, VerticalBarChart) and categories > 8:
        chart.categoryAxis.labels.angle = 45
        chart.categoryAxis.labels.boxAnchor = "ne"
