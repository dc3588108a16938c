"""The FastAPI application: ``create_app(database_url)`` serves /api/v1 as PROTOCOL.md specifies."""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated, Any, Literal

import orjson
from fastapi import APIRouter, Depends, FastAPI, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import Field
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from desktop.domain import MAX_FILE_BYTES, SHA256_HEX, Role
from server import jobs, security
from server.attachments import (
    DEFAULT_UPLOAD_QUOTA_BYTES,
    FILE_TOO_LARGE,
    AttachmentRefused,
    UploadQuotaExceeded,
    content_disposition,
    load_for,
    put_blob,
    touch_blob,
)
from server.db import (
    STORAGE_RETRY_SECONDS,
    StorageProblem,
    check_writable,
    make_engine,
    read_session,
    storage_problem,
)
from server.delivery import whatsapp_webhook
from server.delivery.service import DeliveryService, imap_interval_from_env, interval_from_env
from server.directory import directory
from server.intake import intake
from server.public import PUBLIC_PREFIX
from server.public import install as install_public
from server.schemas import (
    BlobOut,
    DirectoryOut,
    ErrorBody,
    HistoryOut,
    IntakeIn,
    LoginIn,
    LoginOut,
    PullOut,
    PushIn,
    PushOut,
    TicketOut,
)
from server.scope import Caller
from server.sla_service import SlaDirectoryCache
from server.sync import (
    DEFAULT_PULL_LIMIT,
    MAX_PULL_LIMIT,
    MAX_PUSH_OPS,
    BadCursor,
    CursorExpired,
    history,
    pull,
    push,
)
from server.tickets import OpRejected
from server.views import load_by_id, load_by_tracking_no

log = logging.getLogger("tanggap.server")

API_PREFIX = "/api/v1"
MAX_BODY_BYTES = 5 * 1024 * 1024
# Intake carries up to 5 attachments of 5 MB each as base64 (4/3 larger) besides a 1 MB complaint.
MAX_INTAKE_BODY_BYTES = 40 * 1024 * 1024
INTAKE_PATH = "/api/v1/intake"
BLOBS_PATH = "/api/v1/blobs/"
# Bodies up to this size are read and discarded before a 413, so the client sees the answer
# instead of a reset connection; larger ones just get the answer and a closed connection.
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024


class LoginBody(LoginIn):
    device_key: str | None = Field(
        default=None,
        max_length=200,
        description="The known-device key this desk got at its last login: with the right password "
        "it passes a lock that failed attempts from elsewhere caused (docs/security.md)",
    )


class LoginAnswer(LoginOut):
    device_key: str = Field(description="Present it at this desk's next login (keep it like a token)")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.headers = status, code, message, headers or {}


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    return Response(
        orjson.dumps({"error": {"code": code, "message": message}}),
        status_code=status,
        media_type="application/json",
        headers=headers,
    )


def json_response(data: Any, status: int = 200) -> Response:
    return Response(orjson.dumps(data), status_code=status, media_type="application/json")


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ErrorBody, "description": text}
    for code, text in {
        400: "Malformed request (bad JSON, bad cursor)",
        401: "No or bad token",
        403: "Not allowed",
        404: "Unknown or outside the caller's scope",
        413: "Body over 5 MB (intake: 40 MB), more than 500 ops, or an attachment over 5 MB",
        422: "Invalid field",
        429: "Slow down (see Retry-After)",
    }.items()
}


@dataclass(frozen=True)
class BodyLimit:
    max_bytes: int
    code: str
    message: str


# A body without a token can only be a login (or Meta's signed webhook, with its own limit).
TOKENLESS_MAX_BYTES = 64 * 1024
LOGIN_PATH = "/api/v1/auth/login"
WHATSAPP_WEBHOOK_PATH = API_PREFIX + whatsapp_webhook.WEBHOOK_PATH
_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
CALLER_STATE = "tanggap_caller"  # scope["state"] key: the caller the guard authenticated
INTAKE_TOKEN_STATE = "tanggap_intake_token"


class RequestGuardMiddleware:
    """What the headers decide, before a body is read; and an answer for every failure.

    - A body-carrying request without a bearer token is answered 401 at once (login excepted);
      a login body may be at most 64 KB.
    - A large or chunked body's token is checked before its first byte is read (401), and the
      caller is kept for the route.
    - Content-Length over the route's limit is 413 at once; chunked bodies are counted as they come.
    - A storage failure is 507/503 with Retry-After (and the pool is renewed); any other crash is
      a 500 JSON answer on a connection that stays usable.
    """

    def __init__(
        self,
        app: ASGIApp,
        state: ServerState,
        max_bytes: int = MAX_BODY_BYTES,
        intake_max_bytes: int = MAX_INTAKE_BODY_BYTES,
    ) -> None:
        self.app = app
        self.state = state
        self.default_limit = _body_limit(max_bytes)
        self.intake_limit = _body_limit(intake_max_bytes)
        self.login_limit = _body_limit(TOKENLESS_MAX_BYTES)
        # A blob's body is the file itself: its limit is the attachment limit, and says so.
        self.blob_limit = BodyLimit(MAX_FILE_BYTES, "attachment_too_large", FILE_TOO_LARGE)
        # Meta's webhook has no bearer token: the route checks its signature before parsing.
        self.webhook_limit = _body_limit(whatsapp_webhook.MAX_BODY_BYTES)

    def limit_for(self, path: str) -> BodyLimit:
        if path == INTAKE_PATH:
            return self.intake_limit
        if path.startswith(BLOBS_PATH):
            return self.blob_limit
        if path == LOGIN_PATH or path.startswith(PUBLIC_PREFIX + "/"):
            return self.login_limit
        if path == WHATSAPP_WEBHOOK_PATH:
            return self.webhook_limit
        return self.default_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self._guarded(scope, receive, watching_send)
        except Exception as exc:
            if started:
                raise
            await _send_failure(send, self.state, exc, scope)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        limit = self.limit_for(path)
        max_bytes = limit.max_bytes
        declared = None
        token = ""
        chunked = False
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                with contextlib.suppress(ValueError):
                    declared = int(value)
            elif name == b"authorization":
                scheme, _, credentials = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer":
                    token = credentials.strip()
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
        # The citizen's page (/lacak) posts forms without a token: its key and CSRF token stand in;
        # Meta's webhook is signed instead (checked by its route before the body is parsed).
        if (
            scope.get("method") in _BODY_METHODS
            and path not in (LOGIN_PATH, WHATSAPP_WEBHOOK_PATH)
            and not path.startswith(PUBLIC_PREFIX + "/")
        ):
            if not token:
                await _send_error(send, 401, "unauthorized", "Login first: no bearer token.", close=True)
                return
            if chunked or declared is None or declared > TOKENLESS_MAX_BYTES:
                if not await self._authenticate(scope, token, path):
                    await _send_error(
                        send, 401, "unauthorized", "The token is unknown, expired or revoked.", close=True
                    )
                    return
        if declared is not None and declared > max_bytes:
            # A desk slightly over (it checks sizes itself) gets a readable answer; anything far
            # over, or without a token, is refused before it is read.
            if token and declared <= min(2 * max_bytes, DRAIN_LIMIT_BYTES):
                await _drain(receive)
            await _send_too_large(send, limit)
            return
        seen = 0
        too_large = False
        # Whether the body's last part was read: draining then would wait for a part never coming.
        body_read = False

        async def limited() -> Message:
            nonlocal seen, too_large, body_read
            message = await receive()
            if message["type"] == "http.request":
                body_read = not message.get("more_body", False)
                seen += len(message.get("body", b""))
                if seen > max_bytes:
                    too_large = True
                    raise _TooLarge()
            return message

        started = False
        replaced = False

        async def tracking_send(message: Message) -> None:
            nonlocal started, replaced
            if too_large:
                # The framework turned the aborted read into its own error: answer 413 instead.
                if not replaced and message["type"] == "http.response.start":
                    replaced = started = True
                    await _send_too_large(send, limit)
                return
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited, tracking_send)
        except Exception:
            if too_large and not started:
                await _send_too_large(send, limit)
            else:
                raise

    async def _authenticate(self, scope: Scope, token: str, path: str) -> bool:
        state = self.state
        if (
            path == INTAKE_PATH
            and state.intake_token
            and hmac.compare_digest(token.encode(), state.intake_token.encode())
        ):
            scope.setdefault("state", {})[INTAKE_TOKEN_STATE] = True
            return True

        def check() -> Caller | None:
            with read_session(state.engine) as session:
                return security.authenticate(session, token)

        caller = await run_in_threadpool(check)
        if caller is None:
            return False
        scope.setdefault("state", {})[CALLER_STATE] = caller
        return True


class _TooLarge(Exception):
    pass


async def _drain(receive: Receive) -> None:
    total = 0
    while total <= DRAIN_LIMIT_BYTES:
        message = await receive()
        if message["type"] != "http.request":
            return
        total += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def _body_limit(max_bytes: int) -> BodyLimit:
    size = f"{max_bytes // (1024 * 1024)} MB" if max_bytes >= 1024 * 1024 else f"{max_bytes // 1024} KB"
    return BodyLimit(max_bytes, "payload_too_large", f"Request body is over {size}.")


async def _send_error(
    send: Send,
    status: int,
    code: str,
    message: str,
    *,
    close: bool = False,
    headers: Mapping[str, str] | None = None,
) -> None:
    body = orjson.dumps({"error": {"code": code, "message": message}})
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    if status == 401:
        raw.append((b"www-authenticate", b"Bearer"))
    if close:
        # The body was not read: this connection cannot carry another request.
        raw.append((b"connection", b"close"))
    raw.extend((k.lower().encode(), v.encode()) for k, v in (headers or {}).items())
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


async def _send_too_large(send: Send, limit: BodyLimit) -> None:
    await _send_error(send, 413, limit.code, limit.message, close=True)


def storage_failure(state: ServerState, exc: BaseException) -> StorageProblem | None:
    """A storage failure behind ``exc``: logged with its cause, and the pool renewed for recovery."""
    problem = storage_problem(exc)
    if problem is None:
        return None
    log.error("storage problem (%s): %s", problem.code, problem.cause)
    # Connections that saw the failure may be stuck in it (a read-only session, a half-open
    # transaction): the next request opens fresh ones, so the server recovers without a restart.
    state.engine.dispose()
    return problem


async def _send_failure(send: Send, state: ServerState, exc: Exception, scope: Scope) -> None:
    problem = storage_failure(state, exc)
    if problem is not None:
        await _send_error(
            send,
            problem.status,
            problem.code,
            problem.message,
            headers={"Retry-After": str(STORAGE_RETRY_SECONDS)},
        )
        return
    log.error(
        "unhandled %s on %s %s", type(exc).__name__, scope.get("method"), scope.get("path"), exc_info=exc
    )
    await _send_error(send, 500, "internal_error", "The server failed; the error is in its log.")


@dataclass
class ServerState:
    engine: Engine
    sla: SlaDirectoryCache
    token_ttl: timedelta
    retention_days: int
    intake_token: str | None
    upload_quota: int = DEFAULT_UPLOAD_QUOTA_BYTES


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors()[:3]:
        loc = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{loc}: {err.get('msg', 'invalid')}")
    return "; ".join(parts)


def create_app(
    database_url: str,
    *,
    engine: Engine | None = None,
    token_ttl: timedelta | None = None,
    retention_days: int | None = None,
    intake_token: str | None = None,
    maintenance_interval: float | None = -1.0,
    upload_quota: int | None = None,
    delivery_interval: float | None = -1.0,
) -> FastAPI:
    """The app over ``database_url`` (already migrated: ``tanggap-server init-db``).

    Defaults come from TANGGAP_TOKEN_TTL_DAYS (30), TANGGAP_CHANGE_RETENTION_DAYS (30),
    TANGGAP_INTAKE_TOKEN (none), TANGGAP_MAINTENANCE_SECONDS (300) and TANGGAP_UPLOAD_QUOTA_MB
    (200 per officer per day).

    ``maintenance_interval``: seconds between runs of the periodic jobs inside the app; None or 0:
    never (run ``tanggap-server maintenance`` from a timer instead); negative: the environment's.
    ``delivery_interval``: the same for the delivery worker (TANGGAP_DELIVERY_SECONDS, 5; 0: run
    ``tanggap-server deliver`` instead).
    """
    engine = engine or make_engine(database_url)
    if token_ttl is None:
        token_ttl = timedelta(days=float(os.environ.get("TANGGAP_TOKEN_TTL_DAYS", "30")))
    if retention_days is None:
        retention_days = int(
            os.environ.get("TANGGAP_CHANGE_RETENTION_DAYS", str(jobs.DEFAULT_RETENTION_DAYS))
        )
    intake_token = intake_token or os.environ.get("TANGGAP_INTAKE_TOKEN") or None
    if maintenance_interval is not None and maintenance_interval < 0:
        maintenance_interval = float(os.environ.get("TANGGAP_MAINTENANCE_SECONDS", "300"))
    if upload_quota is None:
        upload_quota = int(
            float(os.environ.get("TANGGAP_UPLOAD_QUOTA_MB", str(DEFAULT_UPLOAD_QUOTA_BYTES / 2**20))) * 2**20
        )
    state = ServerState(
        engine, SlaDirectoryCache(engine), token_ttl, retention_days, intake_token, upload_quota
    )
    if delivery_interval is not None and delivery_interval < 0:
        delivery_interval = interval_from_env()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        task = (
            asyncio.create_task(_maintenance_loop(state, maintenance_interval))
            if maintenance_interval
            else None
        )
        deliveries = (
            asyncio.create_task(
                DeliveryService(state.engine, state.sla, imap_interval=imap_interval_from_env()).loop(
                    delivery_interval
                )
            )
            if delivery_interval
            else None
        )
        try:
            yield
        finally:
            for running in (task, deliveries):
                if running is not None:
                    running.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await running

    app = FastAPI(
        title="Tanggap central server",
        version="1",
        description="Reference implementation of the Tanggap central-server API (PROTOCOL.md).",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.tanggap = state
    app.add_middleware(RequestGuardMiddleware, state=state)
    _install_error_handlers(app)
    app.include_router(_router(state), prefix=API_PREFIX)
    install_public(app, engine, state.sla)  # the citizen's page, /lacak (server/public)
    app.include_router(whatsapp_webhook.router(state.engine, state.sla), prefix=API_PREFIX)
    return app


async def _maintenance_loop(state: ServerState, interval: float) -> None:
    while True:
        await asyncio.sleep(interval)
        try:
            report = await asyncio.to_thread(
                jobs.run_maintenance, state.engine, state.sla, state.retention_days
            )
            if report.closed or report.pruned_changes:
                log.info(
                    "maintenance: closed %d tickets, pruned %d changes", report.closed, report.pruned_changes
                )
        except Exception:
            log.exception("maintenance run failed")


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError) -> Response:
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        if any(err.get("type") == "json_invalid" for err in exc.errors()):
            return error_response(400, "malformed_json", "The request body is not valid JSON.")
        return error_response(422, "invalid_field", _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 400 and exc.detail == _BODY_PARSE_FAILED:
            # FastAPI's answer to a body json.loads could not take (invalid UTF-8, nesting too deep).
            return error_response(400, "malformed_json", "The request body is not valid JSON.")
        codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized", 403: "forbidden"}
        return error_response(
            exc.status_code, codes.get(exc.status_code, "http_error"), str(exc.detail), exc.headers
        )

    # No handler for Exception here: Starlette would answer and then re-raise, and the server
    # would drop the keep-alive connection. RequestGuardMiddleware answers crashes instead.


_BODY_PARSE_FAILED = "There was an error parsing the body"


bearer = HTTPBearer(auto_error=False, description="token from /auth/login")
intake_bearer = HTTPBearer(auto_error=False, description="an admin's token or the server's intake token")
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def current_caller(request: Request, credentials: Credentials) -> Caller:
    if credentials is None or not credentials.credentials:
        raise ApiError(401, "unauthorized", "Login first: no bearer token.", {"WWW-Authenticate": "Bearer"})
    checked = request.scope.get("state", {}).get(CALLER_STATE)
    if checked is not None:
        return checked  # type: ignore[no-any-return]
    state: ServerState = request.app.state.tanggap
    with read_session(state.engine) as session:
        caller = security.authenticate(session, credentials.credentials)
    if caller is None:
        raise ApiError(
            401, "unauthorized", "The token is unknown, expired or revoked.", {"WWW-Authenticate": "Bearer"}
        )
    return caller


CallerDep = Annotated[Caller, Depends(current_caller)]


def _router(state: ServerState) -> APIRouter:
    router = APIRouter(responses=ERRORS)

    @router.get(
        "/health",
        tags=["meta"],
        summary="Whether the server can write to its database (extension; no token)",
        responses={
            503: {"model": ErrorBody, "description": "Database read-only or unreachable (Retry-After)"},
            507: {"model": ErrorBody, "description": "Storage full (Retry-After)"},
        },
    )
    def health() -> dict[str, str]:
        # A real write and commit: a read-only or full disk fails here, not only on the next push.
        check_writable(state.engine)
        return {"status": "ok"}

    @router.post("/auth/login", response_model=LoginAnswer, tags=["auth"])
    def login(body: LoginBody, request: Request) -> Response:
        try:
            result = security.login(
                state.engine,
                body.username,
                body.password,
                body.device_name,
                state.token_ttl,
                address=request.client.host if request.client else "",
                device_key=body.device_key,
            )
        except security.LoginThrottled as exc:
            raise ApiError(
                429,
                "too_many_attempts",
                f"Too many failed logins; try again in {exc.retry_after} s.",
                {"Retry-After": str(exc.retry_after)},
            ) from None
        except security.BadCredentials:
            raise ApiError(401, "bad_credentials", "Wrong username or password.") from None
        c = result.caller
        return json_response(
            {
                "token": result.token,
                "expires_at": result.expires_at,
                "officer": {
                    "username": c.username,
                    "name": c.name,
                    "role": c.role.value,
                    "opd_code": c.opd_code,
                },
                "desk": {"id": c.desk_id, "code": c.desk_code},
                "device_key": result.device_key,
            }
        )

    @router.post("/auth/logout", status_code=204, tags=["auth"], response_class=Response)
    def logout(_caller: CallerDep, credentials: Credentials) -> Response:
        assert credentials is not None
        security.logout(state.engine, credentials.credentials)
        return Response(status_code=204)

    @router.get("/directory", response_model=DirectoryOut, tags=["directory"])
    def get_directory(caller: CallerDep) -> Response:
        with read_session(state.engine) as session:
            return json_response(directory(session, caller))

    @router.get("/tickets/{tracking_no}", response_model=TicketOut, tags=["tickets"])
    def get_ticket(tracking_no: str, caller: CallerDep) -> Response:
        with read_session(state.engine) as session:
            ticket = load_by_tracking_no(session, caller, tracking_no)
        if ticket is None:
            raise ApiError(404, "not_found", "No such ticket.")
        return json_response(ticket)

    @router.post(
        "/intake",
        response_model=TicketOut,
        status_code=201,
        tags=["tickets"],
        responses={200: {"model": TicketOut, "description": "This (channel, external_ref) came in before"}},
    )
    def post_intake(
        body: IntakeIn,
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(intake_bearer)],
    ) -> Response:
        token = credentials.credentials if credentials else ""
        if not token:
            raise ApiError(
                401, "unauthorized", "Login first: no bearer token.", {"WWW-Authenticate": "Bearer"}
            )
        caller = request.scope.get("state", {}).get(CALLER_STATE)
        if not (state.intake_token and hmac.compare_digest(token.encode(), state.intake_token.encode())):
            if caller is None:
                with read_session(state.engine) as session:
                    caller = security.authenticate(session, token)
            if caller is None:
                raise ApiError(401, "unauthorized", "The token is unknown, expired or revoked.")
            if caller.role is not Role.ADMIN:
                raise ApiError(
                    403, "forbidden", "Only an admin or the intake token may file complaints here."
                )
        try:
            ticket_id, created = intake(state.engine, state.sla, body)
        except OpRejected as exc:
            raise ApiError(422, exc.code, exc.message) from None
        except AttachmentRefused as exc:
            raise ApiError(exc.status, exc.code, exc.message) from None
        viewer = caller or Caller(0, "intake", "intake", Role.ADMIN, "", "", "")
        with read_session(state.engine) as session:
            return json_response(load_by_id(session, viewer, ticket_id), 201 if created else 200)

    @router.get(
        "/attachments/{attachment_id}",
        tags=["tickets"],
        summary="An attachment's bytes (always a download, never rendered)",
        response_class=Response,
        responses={
            200: {
                "description": "The file: Content-Type is the stored mime type, Content-Disposition "
                "is always attachment, X-Content-Type-Options nosniff",
                "content": {"*/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    def get_attachment(attachment_id: Annotated[str, Path(max_length=36)], caller: CallerDep) -> Response:
        with read_session(state.engine) as session:
            found = load_for(session, caller, attachment_id)
        if found is None:
            raise ApiError(404, "not_found", "No such attachment.")
        return Response(
            found.data,
            media_type=found.mime,
            headers={
                "Content-Disposition": content_disposition(found.filename),
                "X-Content-Type-Options": "nosniff",
                "Content-Security-Policy": "default-src 'none'; sandbox",
                "Cache-Control": "private, max-age=86400",
                "ETag": f'"{found.sha256}"',
            },
        )

    @router.put(
        "/blobs/{sha256}",
        tags=["tickets"],
        summary="Upload a file's bytes before an attach op names them (content-addressed, idempotent)",
        response_model=BlobOut,
        status_code=201,
        responses={
            200: {"model": BlobOut, "description": "These bytes were stored before"},
            201: {"description": "Stored now"},
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": f"The file's raw bytes, at most {MAX_FILE_BYTES} (else 413 "
                "attachment_too_large); their SHA-256 must be the path's (else 422 hash_mismatch).",
                "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
            }
        },
    )
    async def put_blob_bytes(
        sha256: Annotated[
            str, Path(pattern=SHA256_HEX.pattern, description="SHA-256 of the body, 64 lowercase hex digits")
        ],
        request: Request,
        caller: CallerDep,
    ) -> Response:
        data = await request.body()
        try:
            created = await run_in_threadpool(
                put_blob, state.engine, caller, sha256, data, state.upload_quota
            )
        except UploadQuotaExceeded as exc:
            raise ApiError(exc.status, exc.code, exc.message, {"Retry-After": str(exc.retry_after)}) from None
        except AttachmentRefused as exc:
            raise ApiError(exc.status, exc.code, exc.message) from None
        return json_response({"sha256": sha256, "size": len(data)}, 201 if created else 200)

    @router.get(
        "/blobs/{sha256}",
        tags=["tickets"],
        summary="Whether these bytes are already here, so a desk need not send them again",
        response_model=BlobOut,
        responses={404: {"model": ErrorBody, "description": "Not stored: PUT them"}},
    )
    def blob_info(
        sha256: Annotated[
            str, Path(pattern=SHA256_HEX.pattern, description="SHA-256 of the bytes, 64 lowercase hex digits")
        ],
        caller: CallerDep,
    ) -> Response:
        # Asking keeps unattached bytes a week more. Bytes the caller may not know of are "not here":
        # a hash must not confirm that a rahasia document exists.
        size = touch_blob(state.engine, caller, sha256)
        if size is None:
            raise ApiError(404, "not_found", "These bytes are not stored here.")
        return json_response({"sha256": sha256, "size": size})

    @router.get(
        "/sync/pull",
        response_model=PullOut,
        tags=["sync"],
        responses={410: {"model": ErrorBody, "description": "Cursor too old: take a fresh snapshot"}},
    )
    def sync_pull(
        caller: CallerDep,
        cursor: Annotated[str | None, Query(max_length=400)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
        snapshot: Annotated[
            Literal["open_first"] | None,
            Query(
                description="Without a cursor: take the snapshot open tickets first; the closed ones "
                "come from GET /sync/history (docs/api.md, 'Open work first')"
            ),
        ] = None,
    ) -> Response:
        try:
            return json_response(pull(state.engine, caller, cursor, limit, snapshot))
        except BadCursor:
            raise ApiError(400, "bad_cursor", "The cursor is not one this server gave out.") from None
        except CursorExpired:
            raise ApiError(
                410, "cursor_expired", "The cursor is older than the kept history; take a fresh snapshot."
            ) from None

    @router.get("/sync/history", response_model=HistoryOut, tags=["sync"])
    def sync_history(
        caller: CallerDep,
        cursor: Annotated[str, Query(max_length=400)],
        limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = DEFAULT_PULL_LIMIT,
    ) -> Response:
        try:
            return json_response(history(state.engine, caller, cursor, limit))
        except BadCursor:
            raise ApiError(400, "bad_cursor", "The cursor is not one this server gave out.") from None

    @router.post(
        "/sync/push",
        response_model=PushOut,
        tags=["sync"],
    )
    def sync_push(body: PushIn, caller: CallerDep) -> Response:
        if len(body.ops) > MAX_PUSH_OPS:
            raise ApiError(413, "too_many_ops", f"At most {MAX_PUSH_OPS} ops per push.")
        return json_response(push(state.engine, state.sla, caller, body.ops))

    return router
