"""WhatsApp in: the Cloud API's webhook. GET answers Meta's verification challenge; POST carries
the citizen's messages (new conversation -> intake, else the open ticket of that number) and the
status receipts of ours (sent, delivered, read, failed with its code).

Every POST is checked against ``X-Hub-Signature-256`` (HMAC-SHA256 of the raw body with the app
secret) before anything is read; a bad or missing signature is a 401 and changes nothing.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
from datetime import UTC, datetime
from typing import Annotated, Any

import orjson
from fastapi import APIRouter, Query, Request
from fastapi.responses import PlainTextResponse, Response
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool

from desktop.domain import Channel
from server.db import utcnow, write_unit
from server.delivery.inbound import append_citizen_message, open_ticket_for_number, started_ticket
from server.delivery.models import DeliveryState
from server.delivery.outbox import apply_receipt
from server.delivery.settings import DeliverySettings
from server.schemas import ErrorBody
from server.sla_service import SlaDirectoryCache
from server.tickets import OpRejected

log = logging.getLogger("tanggap.delivery.whatsapp")
WEBHOOK_PATH = "/webhooks/whatsapp"
# Meta batches up to 1000 updates in one call; a megabyte leaves room, anything larger is refused.
MAX_BODY_BYTES = 1024 * 1024
_STATES = {
    "sent": DeliveryState.SENT,
    "delivered": DeliveryState.DELIVERED,
    "read": DeliveryState.READ,
    "failed": DeliveryState.FAILED,
}


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256="))


def _when(timestamp: Any) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(timestamp), UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def _text_of(message: dict[str, Any]) -> str:
    kind = message.get("type")
    if kind == "text":
        return str((message.get("text") or {}).get("body", ""))
    if kind in ("image", "video", "document", "audio", "sticker"):
        caption = str((message.get(kind) or {}).get("caption", "") or "")
        return f"[{kind} dari WhatsApp; unduh dari aplikasi WhatsApp Business] {caption}".strip()
    if kind == "location":
        loc = message.get("location") or {}
        return f"[lokasi] {loc.get('name', '')} {loc.get('address', '')} ({loc.get('latitude')}, {loc.get('longitude')})".strip()
    if kind == "button":
        return str((message.get("button") or {}).get("text", ""))
    if kind == "interactive":
        reply = (message.get("interactive") or {}).get("button_reply") or {}
        return str(reply.get("title", ""))
    return f"[pesan WhatsApp jenis {kind}]"


def handle(
    engine: Engine, sla_cache: SlaDirectoryCache, settings: DeliverySettings, payload: Any
) -> dict[str, int]:
    """Apply one webhook delivery; every part is idempotent (Meta retries until it gets a 200)."""
    from server.intake import intake
    from server.schemas import IntakeIn

    counts = {"tickets": 0, "replies": 0, "receipts": 0}
    if not isinstance(payload, dict):
        return counts
    for entry in payload.get("entry") or []:
        for change in (entry or {}).get("changes") or []:
            value = (change or {}).get("value") or {}
            names = {
                str(c.get("wa_id")): str((c.get("profile") or {}).get("name", ""))
                for c in value.get("contacts") or []
                if isinstance(c, dict)
            }
            for message in value.get("messages") or []:
                if not isinstance(message, dict) or not message.get("id") or not message.get("from"):
                    continue
                number, wamid = str(message["from"]), str(message["id"])
                body = _text_of(message)
                at = _when(message.get("timestamp"))
                if started_ticket(engine, Channel.WHATSAPP, wamid):
                    continue  # Meta sent the conversation's first message again
                ticket_id = open_ticket_for_number(engine, number)
                if ticket_id is not None:
                    if append_citizen_message(engine, sla_cache, ticket_id, wamid, body, at):
                        counts["replies"] += 1
                    continue
                data = IntakeIn.model_validate(
                    {
                        "channel": Channel.WHATSAPP.value,
                        "external_ref": wamid,
                        "reporter": {"name": names.get(number, "") or f"+{number}", "contact": f"+{number}"},
                        "title": (" ".join(body.split())[:80] or "Pengaduan lewat WhatsApp"),
                        "body": body or "(pesan kosong)",
                        "opd_code": settings.whatsapp_opd or None,
                        "received_at": at,
                    }
                )
                try:
                    _tid, created = intake(engine, sla_cache, data)
                except OpRejected as exc:
                    # Answered 200 all the same: Meta's retries would not route it either.
                    log.error(
                        "WhatsApp message %s not taken in: %s (set TANGGAP_WHATSAPP_OPD)", wamid, exc.message
                    )
                    continue
                counts["tickets"] += int(created)
            for status in value.get("statuses") or []:
                if not isinstance(status, dict) or status.get("status") not in _STATES:
                    continue
                errors = status.get("errors") or []
                detail = ""
                if errors and isinstance(errors[0], dict):
                    e = errors[0]
                    detail = f"{e.get('title') or e.get('message') or 'gagal'} ({e.get('code')})"
                with write_unit(engine) as unit:
                    if apply_receipt(
                        unit,
                        str(status.get("id", "")),
                        _STATES[str(status["status"])],
                        detail,
                        utcnow(),
                        delivery_id=str(status.get("biz_opaque_callback_data") or ""),
                    ):
                        counts["receipts"] += 1
    return counts


def router(
    engine: Engine, sla_cache: SlaDirectoryCache, settings: DeliverySettings | None = None
) -> APIRouter:
    """The webhook's routes (mounted under /api/v1 by the app). ``settings``: None reads the
    environment at each request, so a changed secret takes effect without a restart."""
    r = APIRouter(tags=["channels"])

    def current() -> DeliverySettings:
        return settings or DeliverySettings.from_env()

    @r.get(
        WEBHOOK_PATH,
        summary="Meta's webhook verification: the challenge back when the verify token matches",
        response_class=Response,
        responses={
            200: {"description": "hub.challenge", "content": {"text/plain": {"schema": {"type": "string"}}}},
            403: {"model": ErrorBody, "description": "Wrong verify token, or WhatsApp not configured"},
            422: {"model": ErrorBody, "description": "A parameter is too long"},
        },
    )
    def verify(
        mode: Annotated[str, Query(alias="hub.mode", max_length=40)] = "",
        verify_token: Annotated[str, Query(alias="hub.verify_token", max_length=500)] = "",
        challenge: Annotated[str, Query(alias="hub.challenge", max_length=500)] = "",
    ) -> Response:
        s = current()
        if (
            mode == "subscribe"
            and s.whatsapp_verify_token
            and hmac.compare_digest(verify_token.encode(), s.whatsapp_verify_token.encode())
        ):
            return PlainTextResponse(challenge)
        return _error(403, "forbidden", "Verify token salah atau WhatsApp belum diatur.")

    @r.post(
        WEBHOOK_PATH,
        summary="WhatsApp Cloud API events (messages and statuses), signed with X-Hub-Signature-256",
        responses={
            200: {"description": '{"tickets": n, "replies": n, "receipts": n}'},
            400: {"model": ErrorBody, "description": "Signed, but not JSON"},
            401: {"model": ErrorBody, "description": "Missing or wrong X-Hub-Signature-256"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"type": "object"}}},
            }
        },
    )
    async def receive(request: Request) -> Response:
        s = current()
        raw = await request.body()
        if not signature_ok(s.whatsapp_app_secret, raw, request.headers.get("X-Hub-Signature-256")):
            return _error(401, "bad_signature", "X-Hub-Signature-256 tidak cocok dengan isi pesan.")
        try:
            payload = orjson.loads(raw)
        except orjson.JSONDecodeError:
            return _error(400, "malformed_json", "The request body is not valid JSON.")
        counts = await run_in_threadpool(handle, engine, sla_cache, s, payload)
        return Response(orjson.dumps(counts), media_type="application/json")

    return r


def _error(status: int, code: str, message: str) -> Response:
    return Response(
        orjson.dumps({"error": {"code": code, "message": message}}),
        status_code=status,
        media_type="application/json",
    )
