"""A loopback proxy that forwards everything but, while ``corrupt`` is set, flips a byte in the
body of every attachment download: a server (or middlebox) handing out the wrong bytes."""

from __future__ import annotations

import socket
from dataclasses import dataclass

from tests.helpers.fault_proxy import FaultProxy

ATTACHMENT_PATH = b" /api/v1/attachments/"


@dataclass
class CorruptingProxy(FaultProxy):
    fault_rate: float = 0.0
    corrupt: bool = True
    corrupted: int = 0

    def _handle(self, conn: socket.socket) -> None:
        try:
            request = self._read_request(conn)
            if request is None:
                return
            response = self._forward(request)
            if self.corrupt and ATTACHMENT_PATH in request.split(b"\r\n", 1)[0]:
                head, _, body = response.partition(b"\r\n\r\n")
                if body and head.startswith(b"HTTP/1.1 200"):
                    body = body[:-1] + bytes([body[-1] ^ 0xFF])  # same length, different content
                    self.corrupted += 1
                response = head + b"\r\n\r\n" + body
            conn.sendall(response)
        except OSError:
            pass
        finally:
            conn.close()
