"""A fault-injecting HTTP proxy on loopback (a real TCP server in a thread).

Each request is read whole, then handled by the next fault of a seeded random schedule:
forwarded untouched, or dropped, answered 500/502/503, 429 with ``Retry-After``, cut short
(JSON truncated), replaced by an HTML error page, or answered too slowly. Some faults forward
first (the server did the work, the answer is lost) - the case exactly-once must survive.
One request per connection (``Connection: close``), so a fault never leaks into the next one.
"""

from __future__ import annotations

import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass, field

FAULTS = (
    "drop_before",  # connection closed before the request reaches the server
    "drop_after",  # forwarded, then the connection is closed without an answer
    "500",
    "502",
    "503",
    "429",
    "truncate",  # forwarded, the answer cut in the middle of its JSON
    "html",  # an HTML error page with status 200 (a captive portal, a broken gateway)
    "slow",  # forwarded, the answer held back past the client's read timeout
)


@dataclass
class FaultProxy:
    upstream_port: int
    fault_rate: float = 0.5
    seed: int = 7
    slow_seconds: float = 1.5
    faults: tuple[str, ...] = FAULTS
    seen: Counter[str] = field(default_factory=Counter)

    def __post_init__(self) -> None:
        self._rng = random.Random(self.seed)
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self._stop = False
        self.enabled = True
        self._thread = threading.Thread(target=self._serve, daemon=True, name="fault-proxy")
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def close(self) -> None:
        self._stop = True
        self._sock.close()

    def _choose(self) -> str:
        with self._lock:
            if not self.enabled or self._rng.random() >= self.fault_rate:
                fault = "pass"
            else:
                fault = self._rng.choice(self.faults)
            self.seen[fault] += 1
            return fault

    def _serve(self) -> None:
        while not self._stop:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    @staticmethod
    def _read_request(conn: socket.socket) -> bytes | None:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            data += chunk
        head, _, body = data.partition(b"\r\n\r\n")
        length = 0
        lines = head.split(b"\r\n")
        kept = [lines[0]]
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value.strip())
            if name.strip().lower() in (b"connection", b"keep-alive"):
                continue
            kept.append(line)
        kept.append(b"Connection: close")
        while len(body) < length:
            chunk = conn.recv(65536)
            if not chunk:
                return None
            body += chunk
        return b"\r\n".join(kept) + b"\r\n\r\n" + body

    def _forward(self, request: bytes) -> bytes:
        with socket.create_connection(("127.0.0.1", self.upstream_port), timeout=60) as up:
            up.sendall(request)
            chunks = []
            while True:
                chunk = up.recv(65536)
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    @staticmethod
    def _answer(status: str, body: bytes, content_type: str = "application/json", extra: str = "") -> bytes:
        return (
            f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n"
            f"{extra}Connection: close\r\n\r\n"
        ).encode() + body

    def _handle(self, conn: socket.socket) -> None:
        try:
            request = self._read_request(conn)
            if request is None:
                return
            fault = self._choose()
            error = b'{"error": {"code": "server_error", "message": "gangguan"}}'
            if fault == "pass":
                conn.sendall(self._forward(request))
            elif fault == "drop_before":
                pass
            elif fault == "drop_after":
                self._forward(request)
            elif fault in ("500", "502", "503"):
                names = {"500": "Internal Server Error", "502": "Bad Gateway", "503": "Service Unavailable"}
                conn.sendall(self._answer(f"{fault} {names[fault]}", error))
            elif fault == "429":
                conn.sendall(self._answer("429 Too Many Requests", error, extra="Retry-After: 0\r\n"))
            elif fault == "truncate":
                response = self._forward(request)
                head, _, body = response.partition(b"\r\n\r\n")
                conn.sendall(head + b"\r\n\r\n" + body[: max(1, len(body) // 2)])
            elif fault == "html":
                page = b"<html><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>"
                conn.sendall(self._answer("200 OK", page, "text/html"))
            elif fault == "slow":
                response = self._forward(request)
                time.sleep(self.slow_seconds)  # the fault itself: an answer later than the client waits
                conn.sendall(response)
        except OSError:
            pass
        finally:
            conn.close()
