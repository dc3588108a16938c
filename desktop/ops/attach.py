"""``attach``: a file added at the desk; its bytes went first (PUT /blobs/{sha256}). No stage."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from desktop.domain import MAX_FILE_BYTES, SHA256_HEX, OpType
from desktop.ops.base import OpInvalid, OpSpec, need_mapping, no_effect, only_keys, short_code, uuid_text


@dataclass(frozen=True, slots=True)
class DeskAttachment:
    id: str
    filename: str  # cleaned by the server before anyone sees it
    mime: str
    size: int
    sha256: str


@dataclass(frozen=True, slots=True)
class Payload:
    attachment: DeskAttachment


def parse(raw: Mapping[str, Any], now: datetime) -> Payload:
    raw = need_mapping(raw, "payload")
    only_keys(raw, {"attachment"})
    a = need_mapping(raw.get("attachment"), "payload.attachment")
    only_keys(a, {"id", "filename", "mime", "size", "sha256"}, "payload.attachment")
    size = a.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 <= size <= MAX_FILE_BYTES:
        raise OpInvalid("invalid_payload", f"payload.attachment.size: 0 sampai {MAX_FILE_BYTES} byte.")
    sha256 = a.get("sha256")
    if not isinstance(sha256, str) or SHA256_HEX.match(sha256) is None:
        raise OpInvalid("invalid_payload", "payload.attachment.sha256: 64 digit heksadesimal kecil.")
    filename = short_code(a.get("filename"), "payload.attachment.filename", 4096)
    mime = short_code(a.get("mime"), "payload.attachment.mime", 255, required=False)
    assert filename is not None
    return Payload(
        DeskAttachment(
            id=uuid_text(a.get("id"), "payload.attachment.id"),
            filename=filename,
            mime=mime or "application/octet-stream",
            size=size,
            sha256=sha256,
        )
    )


SPEC = OpSpec(OpType.ATTACH, parse, no_effect)
