"""CSV and XLSX export of the queue view and of every summary table, with the masking of print.

What a sheet never holds, as on paper: an ``anonim``/``rahasia`` reporter's identity (the
column says "Dirahasiakan"), a ``rahasia`` report's title ("(laporan rahasia)"), a contact, an
internal note. A public reporter's name is shown, as on the receipt and the screen.

Formats:
- XLSX (openpyxl): one sheet per table, real numbers and dates (local time of the OPD, the zone
  in the column heading, since a spreadsheet cell has no zone), a bold frozen heading row.
- CSV: UTF-8 with a byte-order mark (so Excel on Windows reads the Indonesian letters), comma
  separated, numbers with a decimal point, times ``YYYY-MM-DD HH:MM`` in the OPD's zone. A
  summary is several tables: one CSV file each, in a folder.
Text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` first) is written as
text: a complaint titled ``=HYPERLINK(...)`` stays words in both formats.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from desktop import domain as d
from desktop.labels import channel_label, confidentiality_label, stage_label, status_label
from desktop.queue import QueueFilter, QueueRow, fetch_page
from desktop.reports.metrics import GroupFigures, SummaryFigures, sync_is_stale
from desktop.store import LocalStore
from desktop.wording import zone_abbreviation

Format = Literal["csv", "xlsx"]
FORMATS: tuple[Format, ...] = ("csv", "xlsx")
Cell = str | int | float | datetime | date | None

CONFIDENTIAL_TITLE = {"id": "(laporan rahasia)", "en": "(confidential report)"}
HIDDEN_REPORTER = {"id": "Dirahasiakan", "en": "Withheld"}


class ExportError(Exception):
    """A request a person can correct (unknown format, unwritable path); one line."""


@dataclass(frozen=True, slots=True)
class Table:
    """One sheet: a name (also the CSV file's stem), a heading row and the rows."""

    name: str
    head: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]


def title_for(title: str, confidentiality: d.Confidentiality, lang: str = "id") -> str:
    return CONFIDENTIAL_TITLE[_lang(lang)] if confidentiality is d.Confidentiality.RAHASIA else title


def reporter_for(name: str | None, confidentiality: d.Confidentiality, lang: str = "id") -> str:
    if confidentiality is not d.Confidentiality.PUBLIC:
        return HIDDEN_REPORTER[_lang(lang)]  # as on paper: never an anonim or rahasia reporter
    return name or ""


def _lang(lang: str) -> str:
    return "en" if lang == "en" else "id"


def _local(value: datetime | None, zone: ZoneInfo) -> datetime | None:
    """A naive local time for a spreadsheet cell (the heading names the zone)."""
    if value is None or value.year >= 9000:  # the store's "no deadline" sentinel
        return None
    return value.astimezone(zone).replace(tzinfo=None)


# -- the queue ----------------------------------------------------------------------------------

_QUEUE_HEAD = {
    "id": (
        "Nomor tiket",
        "Status",
        "Kanal",
        "Judul",
        "Pelapor",
        "Kerahasiaan",
        "OPD",
        "Petugas",
        "Diterima ({zone})",
        "Tenggat berikut ({zone})",
        "Tahap",
        "Lewat tenggat",
    ),
    "en": (
        "Tracking no.",
        "Status",
        "Channel",
        "Title",
        "Reporter",
        "Confidentiality",
        "Agency",
        "Officer",
        "Received ({zone})",
        "Next deadline ({zone})",
        "Stage",
        "Overdue",
    ),
}


def queue_rows(store: LocalStore, flt: QueueFilter, *, batch: int = 500) -> Iterator[QueueRow]:
    """Every row of the view, in the workstation's order (keyset pages, as the window loads them)."""
    after: tuple[object, ...] | None = None
    while True:
        page = fetch_page(store, flt, after, batch)
        yield from page
        if len(page) < batch:
            return
        after = page[-1].key


def queue_table(
    store: LocalStore, flt: QueueFilter, *, tz: str, lang: str = "id", now: datetime | None = None
) -> Table:
    """The queue view as one table (what ``tanggap queue`` and the window list, all of it)."""
    lang = _lang(lang)
    zone = ZoneInfo(tz)
    now = now or datetime.now(UTC)
    abbreviation = zone_abbreviation(now.astimezone(zone))
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    rows = []
    for r in queue_rows(store, flt):
        deadline = _local(r.next_deadline, zone)
        overdue = r.next_deadline is not None and deadline is not None and r.next_deadline < now
        rows.append(
            (
                r.tracking_no,
                status_label(r.status, lang),
                channel_label(r.channel, lang),
                title_for(r.title, r.confidentiality, lang),
                reporter_for(r.reporter_name, r.confidentiality, lang),
                confidentiality_label(r.confidentiality, lang),
                r.opd_code,
                r.assignee or "",
                _local(r.received_at, zone),
                deadline,
                stage_label(r.next_stage, lang) if r.next_stage is not None else "",
                yes if overdue else no,
            )
        )
    head = tuple(h.format(zone=abbreviation) for h in _QUEUE_HEAD[lang])
    return Table("antrean" if lang == "id" else "queue", head, tuple(rows))


# -- the summary --------------------------------------------------------------------------------

_S = {
    "id": {
        "headline": "ringkasan",
        "stages": "tahap-sla",
        "per_channel": "per-kanal",
        "per_officer": "per-petugas",
        "backlog": "tunggakan-umur",
        "weekly": "tren-mingguan",
        "breaches": "pelanggaran-tenggat",
        "figure": "Angka",
        "value": "Nilai",
        "covers": "Cakupan",
        "received": "Diterima",
        "resolved": "Diselesaikan",
        "median": "Median tanggapan pertama (jam kerja)",
        "p90": "Persentil ke-90 tanggapan pertama (jam kerja)",
        "backlog_now": "Tunggakan saat ini",
        "cover_received": "masuk {start} s.d. {end}",
        "cover_resolved": "{n} dari {total} yang masuk dalam periode sudah selesai",
        "cover_frt": "atas {n} dari {total} tiket masuk; {waiting} belum ditanggapi dihitung masih menunggu",
        "cover_backlog": "terbuka per {now}; {late} di antaranya lewat tenggat",
        "synced": "Terakhir sinkron",
        "synced_stale": "lebih dari 24 jam sebelum ekspor: angka dapat belum lengkap",
        "never": "belum pernah",
        "stage": "Tahap",
        "met": "Tepat waktu",
        "breached": "Terlambat",
        "pending": "Masih berjalan",
        "share": "% tepat waktu",
        "channel": "Kanal",
        "officer": "Petugas",
        "unassigned": "Belum ditugaskan",
        "all": "Semua kanal",
        "answered": "Ditanggapi",
        "waiting": "Belum ditanggapi",
        "fr_share": "TP tepat waktu (%)",
        "late_tickets": "Tiket terlambat",
        "backlog_short": "Tunggakan",
        "age": "Umur (hari kalender)",
        "tickets": "Tiket",
        "week": "Minggu mulai",
        "tracking": "Nomor tiket",
        "deadline": "Tenggat ({zone})",
        "done": "Dipenuhi ({zone})",
        "title": "Judul",
        "citizen": "tanggapan-pelapor",
        "delivery": "penyampaian-balasan",
        "ikm": "IKM (25-100)",
        "ikm_grade": "Mutu IKM",
        "cover_ikm": "dari {n} penilaian atas {total} tiket yang mencapai selesai",
        "rebuttal": "Sanggahan (%)",
        "confirmed": "Dinyatakan selesai oleh pelapor (%)",
        "cover_reached": "{n} dari {total} tiket yang mencapai selesai; {answered} dijawab pelapor",
        "reached_share": "Balasan sampai ke pelapor (%)",
        "cover_replies": "{n} dari {total} balasan publik dalam periode; {failed} gagal",
        "manual_open": "Balasan perlu diposting manual",
        "cover_manual": "belum ditandai terkirim per {now}",
        "replies": "Balasan",
        "reached": "Sampai",
        "median_delivery": "Median hingga sampai (jam)",
    },
    "en": {
        "headline": "summary",
        "stages": "sla-stages",
        "per_channel": "per-channel",
        "per_officer": "per-officer",
        "backlog": "backlog-age",
        "weekly": "weekly-trend",
        "breaches": "deadline-breaches",
        "figure": "Figure",
        "value": "Value",
        "covers": "Covers",
        "received": "Received",
        "resolved": "Resolved",
        "median": "Median first response (office hours)",
        "p90": "90th percentile first response (office hours)",
        "backlog_now": "Current backlog",
        "cover_received": "received {start} to {end}",
        "cover_resolved": "{n} of the {total} received in the period are resolved",
        "cover_frt": "over {n} of {total} tickets received; {waiting} unanswered counted as still waiting",
        "cover_backlog": "open on {now}; {late} of them past a deadline",
        "synced": "Last synced",
        "synced_stale": "more than 24 hours before the export: figures may be incomplete",
        "never": "never",
        "stage": "Stage",
        "met": "On time",
        "breached": "Late",
        "pending": "Running",
        "share": "% on time",
        "channel": "Channel",
        "officer": "Officer",
        "unassigned": "Unassigned",
        "all": "All channels",
        "answered": "Answered",
        "waiting": "Unanswered",
        "fr_share": "FR on time (%)",
        "late_tickets": "Late tickets",
        "backlog_short": "Backlog",
        "age": "Age (calendar days)",
        "tickets": "Tickets",
        "week": "Week of",
        "tracking": "Tracking no.",
        "deadline": "Deadline ({zone})",
        "done": "Met ({zone})",
        "title": "Title",
        "citizen": "citizen-answers",
        "delivery": "reply-delivery",
        "ikm": "IKM (25-100)",
        "ikm_grade": "IKM grade",
        "cover_ikm": "from {n} ratings over {total} tickets that reached resolved",
        "rebuttal": "Rebuttals (%)",
        "confirmed": "Confirmed solved by the citizen (%)",
        "cover_reached": "{n} of {total} tickets that reached resolved; {answered} answered by the citizen",
        "reached_share": "Replies that reached the citizen (%)",
        "cover_replies": "{n} of {total} public replies in the period; {failed} failed",
        "manual_open": "Replies to post by hand",
        "cover_manual": "not yet marked posted on {now}",
        "replies": "Replies",
        "reached": "Reached",
        "median_delivery": "Median until reached (hours)",
    },
}


def _round(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def _group_row(label: str, g: GroupFigures) -> tuple[Cell, ...]:
    share = g.stage(d.Stage.FIRST_RESPONSE).share_met
    return (
        label,
        g.received,
        g.resolved,
        g.first_responses,
        g.first_response_waiting,
        _round(g.first_response_median_hours),
        _round(g.first_response_p90_hours),
        _round(share * 100 if share is not None else None),
        g.breached_tickets,
        g.backlog,
    )


def summary_tables(
    figures: SummaryFigures, *, lang: str = "id", exported_at: datetime | None = None
) -> list[Table]:
    """Every table of the summary PDF, and its headline figures with what each covers."""
    lang = _lang(lang)
    t = _S[lang]
    req, o = figures.request, figures.overall
    zone = ZoneInfo(req.tz)
    exported_at = exported_at or figures.now
    abbreviation = zone_abbreviation(exported_at.astimezone(zone))
    total = o.received
    now_text = f"{figures.now.astimezone(zone):%Y-%m-%d %H:%M} {abbreviation}"
    frt_cover = t["cover_frt"].format(
        n=o.first_response_counted, total=total, waiting=o.first_response_waiting
    )
    if req.last_synced_at is None:
        synced: Cell = t["never"]
        synced_note = t["synced_stale"]
    else:
        synced = _local(req.last_synced_at, zone)
        synced_note = t["synced_stale"] if sync_is_stale(req.last_synced_at, exported_at) else ""
    headline = Table(
        t["headline"],
        (t["figure"], t["value"], t["covers"]),
        (
            (t["received"], o.received, t["cover_received"].format(start=req.start, end=req.end)),
            (t["resolved"], o.resolved, t["cover_resolved"].format(n=o.resolved_of_received, total=total)),
            (t["median"], _round(o.first_response_median_hours), frt_cover),
            (t["p90"], _round(o.first_response_p90_hours), frt_cover),
            (t["backlog_now"], o.backlog, t["cover_backlog"].format(now=now_text, late=o.backlog_breached)),
            *(((f"{t['synced']} ({abbreviation})", synced, synced_note),) if req.sync_known else ()),
        ),
    )
    stages = Table(
        t["stages"],
        (t["stage"], t["met"], t["breached"], t["pending"], t["share"]),
        tuple(
            (
                stage_label(s.stage, lang),
                s.met,
                s.breached,
                s.pending,
                _round(s.share_met * 100 if s.share_met is not None else None),
            )
            for s in o.stages
        ),
    )
    group_head = (
        t["received"],
        t["resolved"],
        t["answered"],
        t["waiting"],
        t["median"],
        t["p90"],
        t["fr_share"],
        t["late_tickets"],
        t["backlog_short"],
    )
    per_channel = Table(
        t["per_channel"],
        (t["channel"], *group_head),
        (
            *(_group_row(channel_label(c, lang), g) for c, g in figures.per_channel),
            _group_row(t["all"], o),
        ),
    )
    tables = [headline, stages, per_channel]
    if req.include_per_officer:
        tables.append(
            Table(
                t["per_officer"],
                (t["officer"], *group_head),
                tuple(
                    _group_row(figures.officer_name(u) or t["unassigned"] if u else t["unassigned"], g)
                    for u, g in figures.per_officer
                ),
            )
        )
    tables += _citizen_tables(figures, t, lang, now_text)
    tables.append(
        Table(
            t["backlog"],
            (t["age"], t["tickets"]),
            tuple(
                (f"{b.min_days}-{b.max_days}" if b.max_days is not None else f">{b.min_days - 1}", b.count)
                for b in figures.backlog
            ),
        )
    )
    tables.append(
        Table(
            t["weekly"],
            (t["week"], t["received"], t["resolved"]),
            tuple((w.start, w.received, w.resolved) for w in figures.weekly),
        )
    )
    tables.append(
        Table(
            t["breaches"],
            (
                t["tracking"],
                t["stage"],
                t["deadline"].format(zone=abbreviation),
                t["done"].format(zone=abbreviation),
                t["channel"],
                t["officer"],
                t["title"],
            ),
            tuple(
                (
                    b.tracking_no,
                    stage_label(b.stage, lang),
                    _local(b.deadline, zone),
                    _local(b.met_at, zone),
                    channel_label(b.channel, lang),
                    (figures.officer_name(b.assignee) or b.assignee) if b.assignee else t["unassigned"],
                    CONFIDENTIAL_TITLE[lang] if b.confidential else b.title,
                )
                for b in figures.breaches  # every one: a sheet has room for what the PDF cuts at 300
            ),
        )
    )
    return tables


def _percent(n: int, total: int) -> float | None:
    return None if not total else round(100 * n / total, 1)


def _citizen_tables(figures: SummaryFigures, t: dict[str, str], lang: str, now_text: str) -> list[Table]:
    """The citizen's answers and the replies' delivery, as the PDF prints them (each with its n of N)."""
    s, dl = figures.satisfaction, figures.delivery
    reached = {"total": s.reached, "answered": s.answered}
    index = s.ikm
    grade = f"{index.grade} ({index.name_id if lang == 'id' else index.name_en})" if index.grade else None
    cover_ikm = t["cover_ikm"].format(n=index.count, total=s.reached)
    citizen = Table(
        t["citizen"],
        (t["figure"], t["value"], t["covers"]),
        (
            (t["ikm"], index.value, cover_ikm),
            (t["ikm_grade"], grade, cover_ikm),
            (
                t["rebuttal"],
                _percent(s.rebutted, s.reached),
                t["cover_reached"].format(n=s.rebutted, **reached),
            ),
            (
                t["confirmed"],
                _percent(s.confirmed, s.reached),
                t["cover_reached"].format(n=s.confirmed, **reached),
            ),
            (
                t["reached_share"],
                _percent(dl.reached, dl.replies),
                t["cover_replies"].format(n=dl.reached, total=dl.replies, failed=dl.failed),
            ),
            (t["manual_open"], dl.manual_open, t["cover_manual"].format(now=now_text)),
        ),
    )
    delivery = Table(
        t["delivery"],
        (t["channel"], t["replies"], t["reached"], t["reached_share"], t["median_delivery"]),
        (
            *(
                (
                    channel_label(c.channel, lang),
                    c.replies,
                    c.reached,
                    _percent(c.reached, c.replies),
                    _round(c.median_hours),
                )
                for c in dl.per_channel
            ),
            (t["all"], dl.replies, dl.reached, _percent(dl.reached, dl.replies), None),
        ),
    )
    return [citizen, delivery]


# -- writing ------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return f"{value:%Y-%m-%d %H:%M}"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        # A leading apostrophe keeps "=cmd|..." from a complaint a text in any spreadsheet.
        return f"'{value}" if value.startswith(_FORMULA_START) else value
    return str(value)


def csv_bytes(table: Table) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(table.head)
    for row in table.rows:
        writer.writerow([_csv_cell(c) for c in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    first = True
    for table in tables:
        sheet = book.active if first else book.create_sheet()
        first = False
        assert sheet is not None
        sheet.title = table.name[:31]  # Excel's limit on a sheet name
        sheet.append(list(table.head))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([None if c is None else c for c in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"  # openpyxl would store it as a formula
                elif isinstance(cell.value, datetime):
                    cell.number_format = "yyyy-mm-dd hh:mm"
                elif isinstance(cell.value, date):
                    cell.number_format = "yyyy-mm-dd"
        sheet.freeze_panes = "A2"
        for index, heading in enumerate(table.head, start=1):
            longest = max([len(heading)] + [len(_csv_cell(r[index - 1])) for r in table.rows[:200]])
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, longest + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_tables(tables: Sequence[Table], fmt: str, out: Path) -> list[Path]:
    """XLSX: one workbook at ``out``. CSV: one table to the file ``out``, or several to the folder
    ``out`` (one ``<name>.csv`` each). Returns the paths written. Writes replace files whole."""
    if fmt not in FORMATS:
        raise ExportError(f"Format tidak dikenal: {fmt!r}; pilih csv atau xlsx. / Unknown format.")
    if fmt == "xlsx":
        if out.is_dir():
            raise ExportError(f"{out} adalah folder; berikan nama berkas .xlsx. / Give an .xlsx file name.")
        _write_atomic(out, xlsx_bytes(tables))
        return [out]
    if len(tables) == 1 and not out.is_dir():
        _write_atomic(out, csv_bytes(tables[0]))
        return [out]
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"Folder {out} tidak dapat dibuat: {exc.strerror or exc}.") from None
    paths = []
    for table in tables:
        path = out / f"{table.name}.csv"
        _write_atomic(path, csv_bytes(table))
        paths.append(path)
    return paths


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(content)
        tmp.replace(path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(
            f"{path} tidak dapat ditulis: {exc.strerror or exc}. / Cannot write the file."
        ) from None


__all__ = [
    "FORMATS",
    "ExportError",
    "Table",
    "csv_bytes",
    "queue_rows",
    "queue_table",
    "reporter_for",
    "summary_tables",
    "title_for",
    "write_tables",
    "xlsx_bytes",
]
