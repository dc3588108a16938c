"""The delivery settings, read from the environment (docs/channels.md lists them)."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

DEFAULT_WHATSAPP_API_URL = "https://graph.facebook.com/v21.0"


@dataclass(frozen=True)
class DeliverySettings:
    smtp_url: str = ""  # smtp://user:pass@host:587 (STARTTLS), smtps://...:465, smtp+plain:// (tests)
    mail_from: str = ""  # "Dinas Kesehatan <pengaduan@dinkes.example.go.id>"
    imap_url: str = ""  # imaps://user:pass@host:993/INBOX, imap:// (STARTTLS), imap+plain:// (tests)
    imap_opd: str = ""  # the OPD a new complaint by e-mail goes to
    # Bytes of mail attachments the server keeps per 24 hours, all mailboxes together.
    mail_quota_bytes: int = 1024 * 1024 * 1024
    public_url: str = ""  # the citizen's tracking page root, e.g. https://lapor.example.go.id
    whatsapp_token: str = ""
    whatsapp_phone_number_id: str = ""
    whatsapp_app_secret: str = ""
    whatsapp_verify_token: str = ""
    whatsapp_api_url: str = DEFAULT_WHATSAPP_API_URL
    whatsapp_template: str = ""
    whatsapp_template_language: str = "id"
    whatsapp_opd: str = ""  # the OPD a new complaint by WhatsApp goes to
    max_attempts: int = 8
    backoff_seconds: float = 30.0  # the first retry's wait; doubled each time, capped, with jitter
    backoff_cap_seconds: float = 3600.0
    lease_seconds: float = 300.0  # longer than any sender's timeout (SMTP and HTTP: 60 s)

    @property
    def email_enabled(self) -> bool:
        return bool(self.smtp_url and self.mail_from)

    @property
    def whatsapp_enabled(self) -> bool:
        return bool(self.whatsapp_token and self.whatsapp_phone_number_id)

    def tracking_link(self, tracking_no: str, public_key: str | None = None) -> str:
        """The citizen's page (docs/lacak.md): with the ticket's key it shows the whole thread."""
        root = self.public_url.rstrip("/")
        if not root:
            return ""
        return f"{root}/lacak/{tracking_no}" + (f"?k={public_key}" if public_key else "")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DeliverySettings:
        e = os.environ if env is None else env

        def get(name: str, default: str = "") -> str:
            return e.get(f"TANGGAP_{name}", default).strip()

        return cls(
            smtp_url=get("SMTP_URL"),
            mail_from=get("MAIL_FROM"),
            imap_url=get("IMAP_URL"),
            imap_opd=get("IMAP_OPD"),
            mail_quota_bytes=int(float(get("MAIL_QUOTA_MB", "1024") or 1024) * 1024 * 1024),
            public_url=get("PUBLIC_URL"),
            whatsapp_token=get("WHATSAPP_TOKEN"),
            whatsapp_phone_number_id=get("WHATSAPP_PHONE_NUMBER_ID"),
            whatsapp_app_secret=get("WHATSAPP_APP_SECRET"),
            whatsapp_verify_token=get("WHATSAPP_VERIFY_TOKEN"),
            whatsapp_api_url=get("WHATSAPP_API_URL") or DEFAULT_WHATSAPP_API_URL,
            whatsapp_template=get("WHATSAPP_TEMPLATE"),
            whatsapp_template_language=get("WHATSAPP_TEMPLATE_LANGUAGE", "id") or "id",
            whatsapp_opd=get("WHATSAPP_OPD"),
            max_attempts=int(get("DELIVERY_MAX_ATTEMPTS", "8") or 8),
            backoff_seconds=float(get("DELIVERY_BACKOFF_SECONDS", "30") or 30),
        )
