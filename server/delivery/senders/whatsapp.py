"""WhatsApp out through the Cloud API: free text within 24 hours of the citizen's last message,
else the approved template (tracking number and link as its two body parameters)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import httpx

from server.delivery.models import DeliveryChannel
from server.delivery.senders.base import Outcome, Outgoing, Refused, Retry, Sent

CUSTOMER_SERVICE_WINDOW = timedelta(hours=24)
TIMEOUT_SECONDS = 60
# Cloud API error codes that a retry cannot fix (the citizen's number, our template, our account).
PERMANENT_CODES = {
    131026: "nomor tidak terdaftar WhatsApp atau tidak dapat menerima pesan",
    131047: "lewat 24 jam sejak pesan terakhir pelapor; perlu templat",
    131051: "jenis pesan tidak didukung",
    132000: "parameter templat tidak cocok",
    132001: "templat tidak ada atau belum disetujui",
    131008: "parameter wajib tidak ada",
    131009: "nilai parameter tidak sah",
    100: "permintaan tidak sah",
    190: "token akses WhatsApp kedaluwarsa atau salah",
}


def text_payload(item: Outgoing) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": item.recipient,
        "type": "text",
        "text": {"preview_url": False, "body": _text(item)},
        "biz_opaque_callback_data": item.delivery_id,
    }


def template_payload(item: Outgoing, template: str, language: str) -> dict[str, Any]:
    return {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": item.recipient,
        "type": "template",
        "template": {
            "name": template,
            "language": {"code": language},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": item.tracking_no},
                        {"type": "text", "text": item.tracking_link or item.tracking_no},
                    ],
                }
            ],
        },
        "biz_opaque_callback_data": item.delivery_id,
    }


def _text(item: Outgoing) -> str:
    body = item.body
    if item.tracking_link and item.tracking_link not in body:
        body += f"\n\nNomor pelacakan {item.tracking_no}: {item.tracking_link}"
    return body[:4096]


class WhatsAppSender:
    channel = DeliveryChannel.WHATSAPP
    # Not safe: the Cloud API has no idempotency key, a second request is a second message.
    # An interrupted attempt waits for the status webhook (which echoes the delivery id).
    resend_safe = False

    def __init__(
        self,
        api_url: str,
        phone_number_id: str,
        token: str,
        template: str,
        language: str = "id",
        client: httpx.Client | None = None,
    ) -> None:
        self.url = f"{api_url.rstrip('/')}/{phone_number_id}/messages"
        self.token = token
        self.template = template
        self.language = language
        self.client = client or httpx.Client(timeout=TIMEOUT_SECONDS)

    def payload(self, item: Outgoing) -> dict[str, Any] | None:
        if item.now - item.last_inbound_at < CUSTOMER_SERVICE_WINDOW:
            return text_payload(item)
        if not self.template:
            return None
        return template_payload(item, self.template, self.language)

    def send(self, item: Outgoing) -> Outcome:
        payload = self.payload(item)
        if payload is None:
            return Refused(
                "lewat 24 jam sejak pesan terakhir pelapor dan templat WhatsApp belum diatur "
                "(TANGGAP_WHATSAPP_TEMPLATE)"
            )
        try:
            r = self.client.post(self.url, json=payload, headers={"Authorization": f"Bearer {self.token}"})
        except httpx.HTTPError as exc:
            return Retry(f"WhatsApp tidak terjangkau: {exc or type(exc).__name__}")
        try:
            body = r.json()
        except ValueError:
            body = {}
        if r.status_code == 200:
            messages = body.get("messages") if isinstance(body, dict) else None
            if messages and isinstance(messages[0], dict) and messages[0].get("id"):
                return Sent(str(messages[0]["id"]))
            return Retry("jawaban WhatsApp tanpa id pesan")
        error = body.get("error", {}) if isinstance(body, dict) else {}
        code = error.get("code") if isinstance(error, dict) else None
        message = str(error.get("message", "")) if isinstance(error, dict) else ""
        if isinstance(code, int) and code in PERMANENT_CODES:
            return Refused(f"{PERMANENT_CODES[code]} ({code})")
        if r.status_code in (400, 401, 403, 404) and code is not None:
            return Refused(f"WhatsApp menolak ({code}): {message}".strip())
        return Retry(f"WhatsApp menjawab {r.status_code}: {message}".strip())
