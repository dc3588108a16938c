"""Routes and rendering of the citizen's page (``/lacak``): what each page shows, and to whom.

Without the key a page shows the stage only; with it, the timeline, the OPD's public replies and
the feedback form. Unknown numbers and wrong keys get the same 404 page. Never shown: the
reporter's identity (and it is masked in replies), internal notes, attachments, officers' names.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlencode

import sqlalchemy as sa
from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy.engine import Engine

from desktop.domain import Channel, Confidentiality, MessageKind, Status
from desktop.sla.policy import rebuttal_ends
from desktop.wording import format_datetime
from server.db import read_session, utcnow
from server.models import FeedbackRow, MessageRow, OpdRow, TicketRow
from server.public.feedback import Answer, Effect, NotAccepted, NotFound, key_matches, record_answer
from server.sla_service import SlaDirectoryCache

PUBLIC_PREFIX = "/lacak"
DEFAULT_PER_MINUTE = 30
# A form left open on a phone over a day is still good; an older one asks to reload the page.
CSRF_MAX_AGE = 24 * 3600
MASK = "[disamarkan]"

_TEMPLATES = Environment(
    loader=FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
_STATUS_CHANGE = re.compile(r"Status: (\w+) → (\w+)")

STAGES = {
    "id": {
        Status.BARU: "Diterima, menunggu verifikasi",
        Status.TERVERIFIKASI: "Diverifikasi, menunggu diteruskan ke petugas",
        Status.DIDISPOSISI: "Diteruskan ke petugas yang menangani",
        Status.DITINDAKLANJUTI: "Sedang ditindaklanjuti",
        Status.MENUNGGU_PELAPOR: "Menunggu keterangan dari Anda",
        Status.SELESAI: "Selesai ditangani, menunggu tanggapan Anda",
        Status.DITUTUP: "Ditutup",
        Status.BUKAN_WEWENANG: "Bukan wewenang instansi ini",
        Status.DITOLAK: "Ditolak",
    },
    "en": {
        Status.BARU: "Received, awaiting verification",
        Status.TERVERIFIKASI: "Verified, awaiting assignment",
        Status.DIDISPOSISI: "Assigned to the officer in charge",
        Status.DITINDAKLANJUTI: "Being acted on",
        Status.MENUNGGU_PELAPOR: "Waiting for information from you",
        Status.SELESAI: "Resolved, awaiting your answer",
        Status.DITUTUP: "Closed",
        Status.BUKAN_WEWENANG: "Outside this office's authority",
        Status.DITOLAK: "Rejected",
    },
}

# In the history a stage is something that happened, not what is awaited now.
PAST_STAGES = {
    "id": {Status.SELESAI: "Dinyatakan selesai oleh instansi", Status.BARU: "Diterima"},
    "en": {Status.SELESAI: "Marked resolved by the office", Status.BARU: "Received"},
}

TEXT: dict[str, dict[str, str]] = {
    "id": {
        "title": "Lacak pengaduan",
        "intro": "Masukkan nomor tiket yang tertera pada tanda terima pengaduan Anda.",
        "number": "Nomor tiket",
        "number_hint": "Contoh: DINKES-BWI-2603-00042",
        "key": "Kode rahasia (jika ada)",
        "key_hint": "Tertera pada tautan di tanda terima atau pesan balasan. Tanpa kode, hanya tahap penanganan yang tampil.",
        "search": "Lacak",
        "not_found": "Tidak ditemukan",
        "not_found_text": "Pengaduan dengan nomor dan kode tersebut tidak ditemukan. Periksa kembali nomor tiket dan tautan pada tanda terima Anda.",
        "back": "Lacak nomor lain",
        "tracking_no": "Nomor tiket",
        "received": "Diterima",
        "stage": "Tahap saat ini",
        "opd": "Ditangani oleh",
        "deadline": "Batas waktu tahap ini",
        "rebuttal": "Masa tanggapan",
        "deadline_future": "paling lambat {date}",
        "deadline_passed": "Batas waktu tahap ini ({date}) sudah lewat. Pengaduan Anda tetap diproses.",
        "paused": "Waktu penanganan berhenti sementara sampai keterangan Anda diterima.",
        "rebuttal_until": "Anda dapat menanggapi penyelesaian ini sampai {date}.",
        "rebuttal_passed": "Masa tanggapan berakhir {date}.",
        "keyless": "Untuk melihat riwayat dan balasan, buka tautan lengkap (dengan kode) dari tanda terima atau pesan balasan Anda.",
        "timeline": "Riwayat penanganan",
        "replies": "Balasan dari {opd}",
        "no_replies": "Belum ada balasan.",
        "feedback": "Tanggapan Anda",
        "question": "Apakah masalah Anda sudah selesai?",
        "yes": "Ya, sudah selesai",
        "no": "Belum selesai",
        "rating": "Penilaian layanan (1 = sangat buruk, 5 = sangat baik)",
        "rating_hint": "Wajib jika masalah sudah selesai.",
        "comment": "Komentar",
        "comment_hint": "Jika belum selesai, jelaskan apa yang masih menjadi masalah.",
        "send": "Kirim tanggapan",
        "answers": "Tanggapan yang sudah Anda kirim",
        "answer_yes": "Sudah selesai",
        "answer_no": "Belum selesai",
        "stars": "nilai {n} dari 5",
        "thanks_closed": "Terima kasih. Pengaduan Anda kami tutup sebagai selesai.",
        "thanks_reopened": "Terima kasih. Pengaduan Anda dibuka kembali dan akan ditindaklanjuti.",
        "thanks_recorded": "Terima kasih. Tanggapan Anda kami catat.",
        "bad_form": "Tanggapan belum terkirim",
        "need_choice": "Pilih apakah masalah Anda sudah selesai.",
        "need_rating": "Beri nilai 1 sampai 5 jika masalah sudah selesai.",
        "stale_form": "Formulir sudah kedaluwarsa. Muat ulang halaman lalu kirim lagi.",
        "not_accepted": "Pengaduan ini tidak dapat diberi tanggapan.",
        "too_many": "Terlalu banyak permintaan",
        "too_many_text": "Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam satu menit.",
        "other_lang": "English",
        "lang_name": "Bahasa Indonesia",
        "you": "Anda",
        "event_received": "Pengaduan diterima",
        "footer": "Halaman ini tidak menampilkan identitas pelapor.",
    },
    "en": {
        "title": "Track a complaint",
        "intro": "Enter the ticket number printed on your complaint receipt.",
        "number": "Ticket number",
        "number_hint": "Example: DINKES-BWI-2603-00042",
        "key": "Secret code (if you have one)",
        "key_hint": "It is in the link on your receipt or reply message. Without it, only the stage is shown.",
        "search": "Track",
        "not_found": "Not found",
        "not_found_text": "No complaint with that number and code was found. Check the ticket number and the link on your receipt.",
        "back": "Track another number",
        "tracking_no": "Ticket number",
        "received": "Received",
        "stage": "Current stage",
        "opd": "Handled by",
        "deadline": "Deadline of this stage",
        "rebuttal": "Time to answer",
        "deadline_future": "by {date}",
        "deadline_passed": "The deadline of this stage ({date}) has passed. Your complaint is still being handled.",
        "paused": "The handling clock is paused until your information arrives.",
        "rebuttal_until": "You can answer this resolution until {date}.",
        "rebuttal_passed": "The time to answer ended {date}.",
        "keyless": "To see the history and replies, open the full link (with the code) from your receipt or reply message.",
        "timeline": "History",
        "replies": "Replies from {opd}",
        "no_replies": "No replies yet.",
        "feedback": "Your answer",
        "question": "Is your problem solved?",
        "yes": "Yes, it is solved",
        "no": "Not solved",
        "rating": "Rate the service (1 = very poor, 5 = very good)",
        "rating_hint": "Required if the problem is solved.",
        "comment": "Comment",
        "comment_hint": "If it is not solved, say what is still wrong.",
        "send": "Send answer",
        "answers": "Answers you sent",
        "answer_yes": "Solved",
        "answer_no": "Not solved",
        "stars": "rated {n} of 5",
        "thanks_closed": "Thank you. Your complaint is closed as solved.",
        "thanks_reopened": "Thank you. Your complaint is reopened and will be acted on.",
        "thanks_recorded": "Thank you. Your answer is recorded.",
        "bad_form": "Your answer was not sent",
        "need_choice": "Choose whether your problem is solved.",
        "need_rating": "Give a rating from 1 to 5 if the problem is solved.",
        "stale_form": "The form has expired. Reload the page and send again.",
        "not_accepted": "This complaint cannot take an answer.",
        "too_many": "Too many requests",
        "too_many_text": "Too many requests from your address. Try again in a minute.",
        "other_lang": "Bahasa Indonesia",
        "lang_name": "English",
        "you": "You",
        "event_received": "Complaint received",
        "footer": "This page never shows who filed the complaint.",
    },
}

_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


@dataclass
class RateLimiter:
    """At most ``per_minute`` requests per address in each clock minute (in this process)."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    _counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def allow(self, address: str) -> bool:
        minute = int(self.clock() // 60)
        with self._lock:
            if len(self._counts) > 50_000:
                self._counts = {a: c for a, c in self._counts.items() if c[0] == minute}
            seen_minute, count = self._counts.get(address, (minute, 0))
            if seen_minute != minute:
                count = 0
            count += 1
            self._counts[address] = (minute, count)
            return count <= self.per_minute

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


@dataclass
class PublicState:
    engine: Engine
    sla: SlaDirectoryCache
    limiter: RateLimiter
    secret: bytes


def install(app: FastAPI, engine: Engine, sla: SlaDirectoryCache) -> None:
    """Serve /lacak from ``app``; its state is ``app.state.lacak`` (the limiter tests adjust)."""
    secret_text = os.environ.get("TANGGAP_PUBLIC_SECRET", "")
    state = PublicState(
        engine,
        sla,
        RateLimiter(int(os.environ.get("TANGGAP_PUBLIC_RATE_PER_MINUTE", str(DEFAULT_PER_MINUTE)))),
        secret_text.encode() if secret_text else secrets.token_bytes(32),
    )
    app.state.lacak = state
    app.include_router(_router(state))


def _lang(request: Request) -> str:
    return "en" if request.query_params.get("lang") == "en" else "id"


def _form_fields(body: bytes) -> dict[str, str]:
    """An urlencoded form's fields (the first of each name); no multipart, no extra dependency."""
    try:
        fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True, max_num_fields=20)
    except ValueError:  # more fields than the form has: answered as a form without them
        return {}
    return {name: values[0] for name, values in fields.items() if values}


def _other(lang: str) -> str:
    return PUBLIC_PREFIX + ("" if lang == "en" else "?lang=en")


def _address(request: Request) -> str:
    return request.client.host if request.client else ""


def page(template: str, lang: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = _TEMPLATES.get_template(template).render(t=TEXT[lang], lang=lang, **context)
    return HTMLResponse(html, status_code=status, headers=_HEADERS)


def _link(tracking_no: str, key: str, lang: str, **extra: str) -> str:
    params = {k: v for k, v in {"k": key, "lang": "en" if lang == "en" else "", **extra}.items() if v}
    query = urlencode(params)
    return f"{PUBLIC_PREFIX}/{quote(tracking_no, safe='')}" + (f"?{query}" if query else "")


def csrf_token(secret: bytes, tracking_no: str, key: str, issued: int) -> str:
    mac = hmac.new(secret, f"{tracking_no}\n{key}\n{issued}".encode(), hashlib.sha256).hexdigest()
    return f"{issued}.{mac}"


def csrf_valid(secret: bytes, tracking_no: str, key: str, token: str, now: int) -> bool:
    issued_text, _, _mac = token.partition(".")
    if not issued_text.isdigit():
        return False
    issued = int(issued_text)
    if not (now - CSRF_MAX_AGE <= issued <= now + 60):
        return False
    return hmac.compare_digest(csrf_token(secret, tracking_no, key, issued), token)


def mask_identity(text: str, *identities: str | None) -> str:
    """``text`` with every occurrence of the reporter's name and contact replaced by a mask."""
    for identity in identities:
        value = (identity or "").strip()
        if len(value) >= 3:
            text = re.sub(re.escape(value), MASK, text, flags=re.IGNORECASE)
            # "@siti" also appears as "siti" and a phone number without its leading "+".
            bare = value.lstrip("@+")
            if len(bare) >= 3 and bare != value:
                text = re.sub(re.escape(bare), MASK, text, flags=re.IGNORECASE)
    return text


_CONTACTS = re.compile(
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+"  # e-mail
    r"|(?<![\w@])@\w{2,}"  # social media handle
    r"|\+?\d[\d\s().-]{6,}\d"  # phone number
)


def mask_contacts(text: str) -> str:
    """``text`` without e-mail addresses, handles and phone numbers (anonim and rahasia tickets)."""
    return _CONTACTS.sub(MASK, text)


def _next_deadline(ticket: TicketRow) -> datetime | None:
    status = Status(ticket.status)
    if status in (Status.BARU, Status.TERVERIFIKASI):
        order = [ticket.deadline_verification, ticket.deadline_follow_up, ticket.deadline_resolution]
        if status is Status.TERVERIFIKASI:
            order = order[1:]
        return next((d for d in order if d is not None), None)
    if status is Status.DIDISPOSISI:
        return ticket.deadline_follow_up or ticket.deadline_resolution
    if status is Status.DITINDAKLANJUTI:
        return ticket.deadline_resolution
    return None


def status_view(state: PublicState, ticket: TicketRow, opd: OpdRow | None, lang: str) -> dict[str, Any]:
    """What anyone with the number may read: received date, stage, deadline in words, the OPD."""
    tz = opd.tz if opd else "Asia/Jakarta"
    now = utcnow()
    status = Status(ticket.status)
    t = TEXT[lang]
    deadline_text = ""
    deadline = _next_deadline(ticket)
    if status is Status.MENUNGGU_PELAPOR:
        deadline_text = t["paused"]
    elif status is Status.SELESAI and ticket.resolved_at is not None:
        policy = state.sla.get().policy(ticket.opd_code, ticket.category_code, Channel(ticket.channel))
        ends = rebuttal_ends(ticket.resolved_at, policy)
        key = "rebuttal_until" if ends > now else "rebuttal_passed"
        deadline_text = t[key].format(date=format_datetime(ends, tz, lang))
    elif deadline is not None:
        when = format_datetime(deadline, tz, lang)
        deadline_text = (
            t["deadline_future"].format(date=when)
            if deadline > now
            else t["deadline_passed"].format(date=when)
        )
    return {
        "tracking_no": ticket.tracking_no,
        "received": format_datetime(ticket.received_at, tz, lang),
        "stage": STAGES[lang][status],
        "opd": opd.name if opd else ticket.opd_code,
        "deadline": deadline_text,
        "deadline_label": "rebuttal" if status is Status.SELESAI else "deadline",
        "deadline_passed": deadline is not None and deadline <= now and status.is_open,
    }


def keyed_view(
    state: PublicState, session: Any, ticket: TicketRow, opd: OpdRow | None, lang: str, key: str
) -> dict[str, Any]:
    """What the key holder reads besides: stage history, public replies, the answers and the form."""
    tz = opd.tz if opd else "Asia/Jakarta"
    identified = ticket.confidentiality == Confidentiality.PUBLIC.value
    messages = list(
        session.scalars(
            sa.select(MessageRow)
            .where(
                MessageRow.ticket_id == ticket.id,
                MessageRow.kind.in_([MessageKind.EVENT.value, MessageKind.REPLY.value]),
            )
            .order_by(MessageRow.created_at, MessageRow.id)
        )
    )
    timeline = [{"when": format_datetime(ticket.received_at, tz, lang), "what": TEXT[lang]["event_received"]}]
    replies = []
    for m in messages:
        if m.kind == MessageKind.EVENT.value:
            found = _STATUS_CHANGE.search(m.body)
            if found:
                try:
                    target = Status(found.group(2))
                except ValueError:
                    continue
                timeline.append(
                    {"when": format_datetime(m.created_at, tz, lang), "what": STAGES[lang][target]}
                )
        else:
            body = mask_identity(m.body, ticket.reporter_name, ticket.reporter_contact)
            if not identified:
                body = mask_contacts(body)
            replies.append({"when": format_datetime(m.created_at, tz, lang), "body": body})
    answers = []
    answered_now = False  # an answer since the latest resolution: no second form in this round
    for a in session.scalars(
        sa.select(FeedbackRow).where(FeedbackRow.ticket_id == ticket.id).order_by(FeedbackRow.id)
    ):
        if ticket.resolved_at is not None and a.created_at >= ticket.resolved_at:
            answered_now = True
        comment = (
            mask_identity(a.komentar, ticket.reporter_name, ticket.reporter_contact) if identified else ""
        )
        answers.append(
            {
                "when": format_datetime(a.created_at, tz, lang),
                "selesai": a.selesai,
                "nilai": a.nilai,
                "komentar": comment,
            }
        )
    status = Status(ticket.status)
    open_form = False
    if status is Status.SELESAI and ticket.resolved_at is not None:
        policy = state.sla.get().policy(ticket.opd_code, ticket.category_code, Channel(ticket.channel))
        open_form = not answered_now and utcnow() < rebuttal_ends(ticket.resolved_at, policy)
    return {
        "timeline": timeline,
        "replies": replies,
        "answers": answers,
        "form": open_form,
        "csrf": csrf_token(state.secret, ticket.tracking_no, key, int(time.time())),
        "key": key,
    }


def _router(state: PublicState) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    def limited(request: Request) -> HTMLResponse | None:
        if state.limiter.allow(_address(request)):
            return None
        lang = _lang(request)
        response = page(
            "message.html", lang, 429, heading="too_many", text="too_many_text", other_link=_other(lang)
        )
        response.headers["Retry-After"] = "60"
        return response

    def not_found(lang: str) -> HTMLResponse:
        return page(
            "message.html", lang, 404, heading="not_found", text="not_found_text", other_link=_other(lang)
        )

    @router.get(PUBLIC_PREFIX, response_class=HTMLResponse)
    def lookup_form(request: Request) -> Response:
        lang = _lang(request)
        number = request.query_params.get("no", "").strip().upper()
        if number:
            key = request.query_params.get("k", "").strip()
            return RedirectResponse(_link(number, key, lang), status_code=303, headers=_HEADERS)
        return page("form.html", lang, other_link=_other(lang))

    @router.get(PUBLIC_PREFIX + "/{tracking_no}", response_class=HTMLResponse)
    def track(tracking_no: str, request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        lang = _lang(request)
        key = request.query_params.get("k", "")
        with read_session(state.engine) as session:
            ticket = session.scalar(sa.select(TicketRow).where(TicketRow.tracking_no == tracking_no[:80]))
            if ticket is None or (key and not key_matches(ticket.public_key, key)):
                return not_found(lang)
            opd = session.get(OpdRow, ticket.opd_code)
            context = status_view(state, ticket, opd, lang)
            keyed = keyed_view(state, session, ticket, opd, lang, key) if key else None
        thanks = request.query_params.get("terima", "")
        return page(
            "ticket.html",
            lang,
            ticket=context,
            keyed=keyed,
            thanks=TEXT[lang].get(f"thanks_{thanks}", "") if thanks in {e.value for e in Effect} else "",
            action=f"{PUBLIC_PREFIX}/{quote(tracking_no, safe='')}/tanggapan",
            other_link=_link(tracking_no, key, "id" if lang == "en" else "en"),
            error=request.query_params.get("galat", "") if keyed else "",
        )

    @router.post(PUBLIC_PREFIX + "/{tracking_no}/tanggapan", response_class=HTMLResponse)
    async def feedback(tracking_no: str, request: Request) -> Response:
        refused = limited(request)
        if refused is not None:
            return refused
        form = _form_fields(await request.body())
        lang = "en" if form.get("lang") == "en" else "id"
        key = str(form.get("k", ""))
        selesai = str(form.get("selesai", ""))
        nilai_text = str(form.get("nilai", "")).strip()
        komentar = str(form.get("komentar", ""))
        token = str(form.get("csrf", ""))

        def back(error: str, status: int) -> Response:
            # The page again, with the reason: the citizen's comment is kept in the browser's
            # history (back button), and the API client reads the status code.
            with read_session(state.engine) as session:
                ticket = session.scalar(sa.select(TicketRow).where(TicketRow.tracking_no == tracking_no[:80]))
                if ticket is None or not key_matches(ticket.public_key, key):
                    return not_found(lang)
                opd = session.get(OpdRow, ticket.opd_code)
                keyed = keyed_view(state, session, ticket, opd, lang, key)
                keyed["komentar"] = komentar
                return page(
                    "ticket.html",
                    lang,
                    status,
                    ticket=status_view(state, ticket, opd, lang),
                    keyed=keyed,
                    thanks="",
                    action=f"{PUBLIC_PREFIX}/{quote(tracking_no, safe='')}/tanggapan",
                    other_link=_link(tracking_no, key, "id" if lang == "en" else "en"),
                    error=TEXT[lang][error],
                )

        if not csrf_valid(state.secret, tracking_no, key, token, int(time.time())):
            with read_session(state.engine) as session:
                ticket = session.scalar(sa.select(TicketRow).where(TicketRow.tracking_no == tracking_no[:80]))
                if ticket is None or not key_matches(ticket.public_key, key):
                    return not_found(lang)
            return back("stale_form", 403)
        if selesai not in ("ya", "tidak"):
            return back("need_choice", 422)
        nilai: int | None = None
        if nilai_text:
            if nilai_text not in {"1", "2", "3", "4", "5"}:
                return back("need_rating", 422)
            nilai = int(nilai_text)
        if selesai == "ya" and nilai is None:
            return back("need_rating", 422)
        try:
            effect = record_answer(
                state.engine, state.sla, tracking_no[:80], key, Answer(selesai == "ya", nilai, komentar)
            )
        except NotFound:
            return not_found(lang)
        except NotAccepted:
            return back("not_accepted", 409)
        return RedirectResponse(
            _link(tracking_no, key, lang, terima=effect.value),
            status_code=303,
            headers=_HEADERS,
        )

    return router
