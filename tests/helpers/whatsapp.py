"""A local stand-in for the WhatsApp Cloud API, following Meta's documented shapes:

- ``POST /{version}/{phone-number-id}/messages`` with a Bearer token: a text or template message
  -> ``{"messaging_product": "whatsapp", "contacts": [{"input", "wa_id"}], "messages": [{"id": "wamid..."}]}``;
  a bad token -> 401 ``{"error": {"message", "type": "OAuthException", "code": 190, "fbtrace_id"}}``;
  a template name it does not know -> 404-style error code 132001.
- webhook bodies (``messages`` and ``statuses`` changes) and their ``X-Hub-Signature-256``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_VERSION = "v21.0"
PHONE_NUMBER_ID = "106540352242922"
WABA_ID = "102290129340398"
TOKEN = "EAAG-uji-token"
APP_SECRET = "rahasia-aplikasi-meta"


@dataclass
class CloudApi:
    port: int
    requests: list[dict[str, Any]] = field(default_factory=list)
    templates: set[str] = field(default_factory=lambda: {"tanggap_balasan"})
    fail_next: int = 0  # answer the next N sends with 500 (a passing failure)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{API_VERSION}"


def _error(code: int, message: str, kind: str = "OAuthException") -> dict[str, Any]:
    return {
        "error": {
            "message": message,
            "type": kind,
            "code": code,
            "error_data": {"messaging_product": "whatsapp", "details": message},
            "fbtrace_id": "AbCdEf" + uuid.uuid4().hex[:10],
        }
    }


def _handler(api: CloudApi) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            payload = json.loads(self.rfile.read(length) or b"{}")
            if self.path != f"/{API_VERSION}/{PHONE_NUMBER_ID}/messages":
                self._answer(404, _error(100, "Unsupported post request.", "GraphMethodException"))
                return
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self._answer(401, _error(190, "Invalid OAuth access token - Cannot parse access token"))
                return
            if api.fail_next > 0:
                api.fail_next -= 1
                self._answer(500, _error(131000, "Something went wrong", "OAuthException"))
                return
            if payload.get("messaging_product") != "whatsapp" or payload.get("type") not in (
                "text",
                "template",
            ):
                self._answer(400, _error(100, "Invalid parameter"))
                return
            if payload["type"] == "template" and payload["template"]["name"] not in api.templates:
                self._answer(404, _error(132001, "Template name does not exist in the translation"))
                return
            wamid = "wamid.HBgN" + uuid.uuid4().hex.upper()
            api.requests.append({**payload, "_wamid": wamid})
            self._answer(
                200,
                {
                    "messaging_product": "whatsapp",
                    "contacts": [{"input": payload["to"], "wa_id": payload["to"]}],
                    "messages": [{"id": wamid}],
                },
            )

    return Handler


@contextmanager
def cloud_api() -> Iterator[CloudApi]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    api = CloudApi(server.server_address[1])
    server.RequestHandlerClass = _handler(api)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield api
    finally:
        server.shutdown()
        server.server_close()


def _envelope(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": WABA_ID,
                "changes": [
                    {
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "6281130001234",
                                "phone_number_id": PHONE_NUMBER_ID,
                            },
                            **value,
                        },
                        "field": "messages",
                    }
                ],
            }
        ],
    }


def inbound_text(number: str, name: str, text: str, wamid: str | None = None) -> dict[str, Any]:
    return _envelope(
        {
            "contacts": [{"profile": {"name": name}, "wa_id": number}],
            "messages": [
                {
                    "from": number,
                    "id": wamid or "wamid.HBgN" + uuid.uuid4().hex.upper(),
                    "timestamp": str(int(time.time())),
                    "type": "text",
                    "text": {"body": text},
                }
            ],
        }
    )


def status_update(
    wamid: str, status: str, number: str, callback: str | None = None, error_code: int | None = None
) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "id": wamid,
        "status": status,
        "timestamp": str(int(time.time())),
        "recipient_id": number,
    }
    if callback:
        entry["biz_opaque_callback_data"] = callback
    if error_code is not None:
        entry["errors"] = [
            {
                "code": error_code,
                "title": "Message undeliverable",
                "message": "Message undeliverable",
                "error_data": {"details": "Message Undeliverable."},
            }
        ]
    return _envelope({"statuses": [entry]})


def signed(payload: dict[str, Any], secret: str = APP_SECRET) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(payload).encode()
    signature = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return body, {"X-Hub-Signature-256": signature, "Content-Type": "application/json"}
