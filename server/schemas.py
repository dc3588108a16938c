"""Request and response bodies of /api/v1 as pydantic models: they make the served OpenAPI schema."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from desktop.domain import Channel, Confidentiality, MessageKind, Role, Status

ResultName = Literal["applied", "duplicate", "conflict", "rejected", "blocked"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- errors ---------------------------------------------------------------------------------


class ErrorDetail(BaseModel):
    code: str = Field(description="snake_case machine code")
    message: str = Field(description="human sentence")


class ErrorBody(BaseModel):
    error: ErrorDetail


# -- auth -----------------------------------------------------------------------------------


class LoginIn(Strict):
    username: str = Field(min_length=1, max_length=200)
    password: str = Field(min_length=1, max_length=1000)
    device_name: str = Field(min_length=1, max_length=120)


class OfficerOut(BaseModel):
    username: str
    name: str
    role: Role
    opd_code: str


class DeskOut(BaseModel):
    id: str
    code: str = Field(description="3 letters/digits, unique on the server; part of walk-in tracking numbers")


class LoginOut(BaseModel):
    token: str
    expires_at: datetime
    officer: OfficerOut
    desk: DeskOut


# -- tickets --------------------------------------------------------------------------------


class ReporterIO(Strict):
    name: str = Field(default="", max_length=200)
    contact: str = Field(default="", max_length=200)


class DeadlinesOut(BaseModel):
    verification: datetime | None
    first_response: datetime | None
    follow_up: datetime | None
    resolution: datetime | None


class DeliveryOut(BaseModel):
    state: Literal["queued", "sent", "delivered", "read", "failed", "manual"]
    channel: str = Field(description="email or whatsapp; for a manual delivery the ticket's own channel")
    detail: str = Field(description="why it failed, what to do for a manual one, or who marked it done")
    updated_at: datetime


class MessageOut(BaseModel):
    id: str
    kind: MessageKind
    author: str
    body: str
    created_at: datetime
    conflict: str | None = Field(description="null, or why the server flagged it (ticket_closed, ...)")
    delivery: DeliveryOut | None = Field(
        default=None, description="a public reply's (or acknowledgement's) way to the citizen; else null"
    )


class AttachmentOut(BaseModel):
    id: str
    filename: str
    mime: str
    size: int
    sha256: str
    url: str


class FeedbackOut(BaseModel):
    selesai: bool = Field(description="the citizen's latest answer to 'is your problem solved?'")
    nilai: int | None = Field(description="the ticket's one rating, 1-5 (SKM); null: none given")
    at: datetime = Field(description="when the latest answer came")
    komentar: str = Field(default="", description="the latest answer's comment")
    tidak: int = Field(
        default=0, description="how many answers said 'not solved' (rebuttals, counted or not)"
    )


class IncidentOut(BaseModel):
    id: str
    title: str
    location: str
    lead_ticket_id: str = Field(
        description="the ticket the incident was made from (it may be unlinked since)"
    )


class TicketOut(BaseModel):
    id: str
    tracking_no: str
    channel: Channel
    external_ref: str
    confidentiality: Confidentiality
    reporter: ReporterIO | None = Field(description="null where the caller may not see the identity")
    title: str
    body: str
    category_code: str | None
    location: str
    opd_code: str
    assignee: str | None
    status: Status
    received_at: datetime
    verified_at: datetime | None
    first_response_at: datetime | None
    assigned_at: datetime | None
    followed_up_at: datetime | None = Field(description="extension: when the follow-up stage was met")
    resolved_at: datetime | None
    closed_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int
    deadlines: DeadlinesOut
    version: int
    messages: list[MessageOut] = Field(description="all messages of the ticket, oldest first")
    attachments: list[AttachmentOut]
    public_key: str | None = Field(
        default=None, description="the citizen's page key: {public_url}/lacak/{tracking_no}?k={public_key}"
    )
    feedback: FeedbackOut | None = Field(
        default=None, description="the citizen's latest answer after selesai, with the ticket's one rating"
    )
    incident: IncidentOut | None = Field(
        default=None,
        description="extension: the incident (one problem, many complaints) the ticket is linked to",
    )


class AttachmentIn(Strict):
    filename: str = Field(max_length=4096, description="shown to officers after cleaning (no paths, <= 200)")
    mime: str = Field(default="application/octet-stream", max_length=255)
    content_base64: str = Field(description="the file, base64; at most 5 MB decoded (else 413)")


class BlobOut(BaseModel):
    sha256: str = Field(description="the content's SHA-256, 64 lowercase hex digits")
    size: int = Field(description="bytes")


class IntakeIn(Strict):
    channel: Channel
    external_ref: str = Field(min_length=1, max_length=500)
    reporter: ReporterIO | None = None
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    title: str = Field(min_length=1, max_length=500)
    body: str = Field(min_length=1, max_length=1_048_576)
    category_code: str | None = Field(default=None, max_length=60)
    opd_code: str | None = Field(default=None, max_length=40)
    location: str = Field(default="", max_length=500)
    received_at: AwareDatetime | None = None
    attachments: list[AttachmentIn] = Field(
        default_factory=list, description="photos, screenshots, PDFs: at most 5 (else 413)"
    )


# -- directory ------------------------------------------------------------------------------


class OpdOut(BaseModel):
    code: str
    name: str
    region: str
    tz: str
    address: str
    status_url: str
    office_hours: dict[str, list[str]] | None = Field(
        description='weekday (0 = Monday) -> ["HH:MM", "HH:MM"] local; null: Monday-Friday 08:00-16:00'
    )


class CategoryOut(BaseModel):
    code: str
    name: str
    tier: str
    opd_codes: list[str]


class CalendarDayOut(BaseModel):
    date: str
    opd_code: str | None = Field(description="null: the whole province")
    name: str
    working: bool = Field(description="false: a day off; true: an extra working day")


class CannedResponseOut(BaseModel):
    id: str
    opd_code: str
    title: str
    body: str


class DirectoryOut(BaseModel):
    opds: list[OpdOut]
    officers: list[OfficerOut]
    categories: list[CategoryOut]
    sla_policies: list[dict[str, Any]] = Field(description="desktop.sla PolicyRule.to_json() objects")
    non_working_days: list[CalendarDayOut]
    canned_responses: list[CannedResponseOut]
    desk_retention_days: int = Field(
        90, description="days after closing that a desk keeps a ticket's personal data (the row stays)"
    )
    public_url: str = Field(
        default="", description="the citizen's page base (TANGGAP_PUBLIC_URL); empty: not served"
    )
    synonyms: list[list[str]] = Field(default=[], description="word groups meaning one problem (incidents)")


# -- sync -----------------------------------------------------------------------------------


class ChangeOut(BaseModel):
    op: Literal["upsert", "revoke"]
    ticket: TicketOut | None = None
    ticket_id: str | None = None


class PullOut(BaseModel):
    from_cursor: str | None
    next_cursor: str
    has_more: bool
    changes: list[ChangeOut]
    phase: Literal["open"] | None = Field(
        default=None, description="snapshot=open_first: this page holds open tickets only"
    )
    history_cursor: str | None = Field(
        default=None, description="last open page: where GET /sync/history starts (closed tickets)"
    )
    history_total: int | None = Field(
        default=None, description="last open page: how many closed tickets the caller's history holds"
    )


class HistoryOut(BaseModel):
    from_cursor: str
    next_cursor: str | None = Field(description="null: the history is complete")
    through: AwareDatetime | None = Field(
        description="every closed ticket in scope whose work ended after this time has been delivered"
    )
    tickets: list[TicketOut]


class OpIn(Strict):
    op_id: UUID
    seq: int = Field(ge=0, le=2**62)
    type: str = Field(
        max_length=40,
        description="reply, note, set_status, assign, transfer, create_ticket, attach; others are rejected",
    )
    ticket_id: UUID
    base_version: int | None = Field(default=None, ge=0, le=2**62)
    created_at: AwareDatetime
    payload: dict[str, Any] = Field(description="checked per op type by desktop.ops (docs/ops.md)")


class PushIn(Strict):
    ops: list[OpIn]


class TicketStateOut(BaseModel):
    """A ticket in a push result: what the desk needs to show the op's outcome, not its thread."""

    id: str
    tracking_no: str
    confidentiality: Confidentiality
    opd_code: str
    assignee: str | None
    status: Status
    received_at: datetime
    verified_at: datetime | None
    first_response_at: datetime | None
    assigned_at: datetime | None
    followed_up_at: datetime | None
    resolved_at: datetime | None
    closed_at: datetime | None
    paused_since: datetime | None
    paused_seconds: int
    deadlines: DeadlinesOut
    version: int


class OpResultOut(BaseModel):
    op_id: str
    result: ResultName
    ticket: TicketStateOut | None = Field(
        description="the ticket after the batch (version, status, stage timestamps, deadlines), "
        "null if the caller can no longer see it; its thread comes with the next pull"
    )
    reason: ErrorDetail | None
    first_result: ResultName | None = Field(
        default=None, description="extension: for a duplicate, the result the op got the first time"
    )


class PushOut(BaseModel):
    results: list[OpResultOut]
    server_time: datetime | None = Field(
        default=None,
        description="extension: when the server recorded this desk's latest op; later ops of the desk "
        "are never dated before it (docs/api.md, stage timestamps)",
    )
