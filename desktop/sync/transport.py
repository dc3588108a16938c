"""HTTP to the central server over ``requests``: timeouts, typed failures, careful retries.

Only idempotent requests (GET) are retried here, with exponential backoff, jitter and the
server's ``Retry-After``. A push is a POST: the engine decides when to send it again (a resend
is harmless, the server answers ``duplicate``), so its failures come straight back.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from typing import Any

import orjson
import requests

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
CONNECT_TIMEOUT = 5.0
READ_TIMEOUT = 60.0
GET_RETRIES = 3
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
# The longest Retry-After we honour by waiting inside one request; longer ones go to the engine.
MAX_INLINE_WAIT = 10.0


class TransportError(Exception):
    """The request may or may not have reached the server; trying again later is safe.

    ``message`` is plain Indonesian for the status line; ``retry_after`` the server's hint (s).
    """

    def __init__(self, message: str, *, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after
        self.detail = detail


class AuthExpired(Exception):
    """401: the token is missing, expired or revoked; the user must log in again."""

    MESSAGE = "Sesi berakhir: silakan masuk lagi (tanggap login). / Session expired: log in again."

    def __init__(self) -> None:
        super().__init__(self.MESSAGE)


class CursorExpired(Exception):
    """410 cursor_expired: the server pruned its change log past our cursor."""


class RequestRefused(Exception):
    """A definite 4xx answer (not 401/410/429): sending the same request again will not help."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"{status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message


class DownloadTooLarge(Exception):
    """The file is bigger than the caller allowed; nothing more was read."""


@dataclass(frozen=True, slots=True)
class LoginResult:
    token: str
    expires_at: str
    username: str
    name: str
    role: str
    opd_code: str
    desk_id: str
    desk_code: str
    device_key: str = ""  # known-device key for this desk's next login (servers since issue 15)


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


def backoff_delay(attempt: int, *, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Full jitter: a random wait up to base * 2**attempt, never more than ``cap``."""
    return random.uniform(base / 2, min(cap, base * (2**attempt)))


def _error_body(response: requests.Response) -> tuple[str, str]:
    try:
        data = orjson.loads(response.content)
        err = data["error"]
        return str(err["code"]), str(err["message"])
    except (orjson.JSONDecodeError, KeyError, TypeError):
        return f"http_{response.status_code}", f"HTTP {response.status_code}"


class Transport:
    """One server, one token. Thread-agnostic: each call uses its own pooled connection."""

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        connect_timeout: float = CONNECT_TIMEOUT,
        read_timeout: float = READ_TIMEOUT,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.server_url = server_url.rstrip("/")
        self.token = token
        self.timeout = (connect_timeout, read_timeout)
        self._sleep = sleep
        self._http = requests.Session()
        self._http.headers["User-Agent"] = "tanggap-desktop"
        self._http.headers["Accept"] = "application/json"
        # Called with the path once the server has answered (headers in, body not yet read).
        self.after_send: Callable[[str], None] | None = None
        # Server clock minus ours (seconds), from the Date header of the latest answer; None: not yet known.
        self.clock_offset: float | None = None
        # Our clock, as the desk dates its actions with it (the sync engine sets its own).
        self.local_clock: Callable[[], float] = time.time
        # From the latest push: when the server recorded this desk's ops (the anti-backdating bound).
        self.push_floor: str | None = None

    def close(self) -> None:
        self._http.close()

    # -- plumbing ---------------------------------------------------------------------------

    def _url(self, path: str) -> str:
        return f"{self.server_url}{API_PREFIX}{path}"

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _send_once(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        raw: bytes | None = None,
    ) -> Any:
        headers = self._headers()
        data = raw
        if raw is not None:
            headers["Content-Type"] = "application/octet-stream"
        elif body is not None:
            data = orjson.dumps(body)
            headers["Content-Type"] = "application/json"
        try:
            response = self._http.request(
                method,
                self._url(path),
                params=params,
                data=data,
                headers=headers,
                timeout=self.timeout,
                stream=True,
            )
            if self.after_send is not None:
                self.after_send(path)
            self._measure_clock(response)
            content = response.content  # read fully here so a cut body is a transport failure
        except requests.Timeout as exc:
            raise TransportError("Server tidak menjawab tepat waktu", detail=type(exc).__name__) from None
        except requests.ConnectionError as exc:
            raise TransportError("Server tidak dapat dihubungi", detail=type(exc).__name__) from None
        except (requests.RequestException, OSError) as exc:
            raise TransportError("Koneksi ke server gagal", detail=type(exc).__name__) from None
        status = response.status_code
        if status == 401:
            raise AuthExpired()
        if status == 410:
            raise CursorExpired()
        if status == 429:
            raise TransportError(
                "Server sedang sibuk (terlalu banyak permintaan)", retry_after=_retry_after(response)
            )
        if status >= 500:
            raise TransportError(
                f"Server sedang bermasalah (HTTP {status})", retry_after=_retry_after(response)
            )
        if 400 <= status < 500:
            code, message = _error_body(response)
            raise RequestRefused(status, code, message)
        if status == 204 or (not content and method == "POST" and path.endswith("/logout")):
            return None
        if "json" not in response.headers.get("Content-Type", ""):
            raise TransportError("Jawaban server tidak dapat dibaca", detail=f"content-type {status}")
        try:
            return orjson.loads(content)
        except orjson.JSONDecodeError:
            raise TransportError("Jawaban server tidak dapat dibaca", detail="bad json") from None

    def _measure_clock(self, response: requests.Response) -> None:
        """Every answer carries the server's time: the desk dates its work by it (docs/api.md)."""
        value = response.headers.get("Date")
        if not value:
            return
        try:
            server = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return
        if server.tzinfo is None:
            return
        # The header has whole seconds: the true offset is up to 1 s more than this.
        self.clock_offset = server.timestamp() - self.local_clock()

    def _get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET with retries: safe to repeat, so short outages are ridden out here."""
        attempt = 0
        while True:
            try:
                return self._send_once("GET", path, params=params)
            except TransportError as exc:
                if attempt >= GET_RETRIES:
                    raise
                delay = exc.retry_after if exc.retry_after is not None else backoff_delay(attempt)
                if delay > MAX_INLINE_WAIT:
                    raise
                log.info("GET %s failed (%s; %s), retrying in %.1fs", path, exc.message, exc.detail, delay)
                self._sleep(delay)
                attempt += 1

    # -- the API ----------------------------------------------------------------------------

    def login(
        self, username: str, password: str, device_name: str, device_key: str | None = None
    ) -> LoginResult:
        body = {"username": username, "password": password, "device_name": device_name}
        if device_key:  # only a server that gave one out knows the field
            body["device_key"] = device_key
        data = self._send_once("POST", "/auth/login", body=body)
        try:
            officer, desk = data["officer"], data["desk"]
            return LoginResult(
                token=str(data["token"]),
                expires_at=str(data.get("expires_at") or ""),
                username=str(officer["username"]),
                name=str(officer.get("name") or officer["username"]),
                role=str(officer["role"]),
                opd_code=str(officer["opd_code"]),
                desk_id=str(desk["id"]),
                desk_code=str(desk["code"]),
                device_key=str(data.get("device_key") or ""),
            )
        except (KeyError, TypeError):
            raise TransportError("Jawaban server tidak dapat dibaca", detail="login body") from None

    def logout(self) -> None:
        self._send_once("POST", "/auth/logout")

    def directory(self) -> dict[str, Any]:
        data = self._get("/directory")
        if not isinstance(data, dict):
            raise TransportError("Jawaban server tidak dapat dibaca", detail="directory body")
        return data

    def pull(self, cursor: str | None, limit: int, open_first: bool = False) -> dict[str, Any]:
        """A pull page; ``open_first`` (without a cursor): a snapshot of open work first, whose last
        page carries ``history_cursor`` (a server that does not know it sends the whole snapshot)."""
        params: dict[str, Any] = {"limit": limit}
        if cursor:
            params["cursor"] = cursor
        elif open_first:
            params["snapshot"] = "open_first"
        data = self._get("/sync/pull", params)
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("changes"), list)
            or not isinstance(data.get("next_cursor"), str)
        ):
            raise TransportError("Jawaban server tidak dapat dibaca", detail="pull body")
        return data

    def history(self, cursor: str, limit: int) -> dict[str, Any]:
        """A page of closed tickets, the most recently finished first (``GET /sync/history``)."""
        data = self._get("/sync/history", {"cursor": cursor, "limit": limit})
        if (
            not isinstance(data, dict)
            or not isinstance(data.get("tickets"), list)
            or not isinstance(data.get("next_cursor"), str | None)
        ):
            raise TransportError("Jawaban server tidak dapat dibaca", detail="history body")
        return data

    def push(self, ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
        data = self._send_once("POST", "/sync/push", body={"ops": ops})
        results = data.get("results") if isinstance(data, dict) else None
        if not isinstance(results, list) or len(results) != len(ops):
            raise TransportError("Jawaban server tidak dapat dibaca", detail="push body")
        for sent, got in zip(ops, results, strict=True):
            if not isinstance(got, dict) or got.get("op_id") != sent["op_id"]:
                raise TransportError("Jawaban server tidak dapat dibaca", detail="push results out of order")
        floor = data.get("server_time")
        if isinstance(floor, str):
            self.push_floor = floor
        return results

    def blob_size(self, sha256: str) -> int | None:
        """The size of these bytes on the server, or None if it does not have them (or cannot say)."""
        try:
            data = self._get(f"/blobs/{sha256}")
        except RequestRefused:
            return None  # 404, or a server without this endpoint: send the bytes
        size = data.get("size") if isinstance(data, dict) else None
        return size if isinstance(size, int) else None

    def put_blob(self, sha256: str, data: bytes) -> None:
        """Send a file's bytes, named by their sha256 (idempotent: a resend after a crash is harmless)."""
        self._send_once("PUT", f"/blobs/{sha256}", raw=data)

    def download(self, path: str, write: Callable[[bytes], object], *, max_bytes: int) -> int:
        """GET a file below the server root (``/api/v1/attachments/<id>``) into ``write``; its size.

        Sent once (the caller retries on its next sync). Only paths on this server are fetched,
        so a hostile URL can never carry the token elsewhere. More than ``max_bytes`` (declared or
        streamed, after any content decoding) raises ``DownloadTooLarge``.
        """
        if not path.startswith("/") or path.startswith("//") or "\\" in path:
            raise ValueError(f"not a path on this server: {path[:80]!r}")
        headers = {**self._headers(), "Accept": "*/*"}
        total = 0
        try:
            with self._http.get(
                self.server_url + path, headers=headers, timeout=self.timeout, stream=True
            ) as response:
                status = response.status_code
                if status == 401:
                    raise AuthExpired()
                if status == 429 or status >= 500:
                    raise TransportError(
                        f"Server sedang bermasalah (HTTP {status})", retry_after=_retry_after(response)
                    )
                if status != 200:
                    raw = response.raw.read(64 * 1024, decode_content=True) or b""
                    try:
                        err = orjson.loads(raw)["error"]
                        code, message = str(err["code"]), str(err["message"])
                    except (orjson.JSONDecodeError, KeyError, TypeError):
                        code, message = f"http_{status}", f"HTTP {status}"
                    raise RequestRefused(status, code, message)
                declared = response.headers.get("Content-Length")
                if declared and declared.isdigit() and int(declared) > max_bytes:
                    raise DownloadTooLarge(f"{declared} bytes")
                for chunk in response.iter_content(64 * 1024):
                    total += len(chunk)
                    if total > max_bytes:
                        raise DownloadTooLarge(f"over {max_bytes} bytes")
                    write(chunk)
        except requests.Timeout as exc:
            raise TransportError("Server tidak menjawab tepat waktu", detail=type(exc).__name__) from None
        except requests.ConnectionError as exc:
            raise TransportError("Server tidak dapat dihubungi", detail=type(exc).__name__) from None
        except (requests.RequestException, OSError) as exc:
            if isinstance(exc, OSError) and not isinstance(exc, requests.RequestException):
                raise  # the local disk failed, not the network: the caller says so
            raise TransportError("Koneksi ke server gagal", detail=type(exc).__name__) from None
        return total
