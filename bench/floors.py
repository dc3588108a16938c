"""Floors: what this machine can do at best for the same work, measured in the same run.

``initial_sync_floor`` brings a freshly migrated local store to the state a first snapshot
leaves it in, the fastest way we know without any product code: parse the very JSON pages the
server sent (``orjson``), insert the same ticket and message rows with ``sqlite3.executemany``
in one transaction (the tickets' keys in place; every index the models declare and the
search triggers dropped), then build those indexes and the search index once. No HTTP, no validation,
no upsert logic, one commit. Sync can only be slower than this; the ratio says by how much.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

OPEN = {"baru", "terverifikasi", "didisposisi", "ditindaklanjuti", "menunggu_pelapor"}
NO_DEADLINE = "9999-12-31T00:00:00.000000Z"
TICKET_COLUMNS = (
    "id, tracking_no, channel, external_ref, confidentiality, reporter_name, reporter_contact, title, body,"
    " category_code, location, opd_code, assignee, status, received_at, verified_at, first_response_at,"
    " assigned_at, followed_up_at, resolved_at, closed_at, paused_since, paused_seconds, dl_verification,"
    " dl_first_response, dl_follow_up, dl_resolution, version, is_open, next_deadline, next_stage, archived,"
    " pending_ops"
)


def _utc(value: str | None) -> str | None:
    # The server sends "YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00"; the store keeps fixed-width "...Z".
    if value is None:
        return None
    if len(value) == 32:
        return value[:26] + "Z"
    return value[:19] + ".000000Z"


def _rows(page: dict[str, Any], tickets: list[tuple[Any, ...]], messages: list[tuple[Any, ...]]) -> None:
    for change in page["changes"]:
        if change.get("op") != "upsert":
            continue
        t = change["ticket"]
        reporter = t.get("reporter")
        dl = t.get("deadlines") or {}
        resolved = _utc(t.get("resolved_at"))
        status = t["status"]
        candidates = (
            (_utc(dl.get("verification")), "verification", t.get("verified_at") is None),
            (_utc(dl.get("first_response")), "first_response", t.get("first_response_at") is None),
            (_utc(dl.get("follow_up")), "follow_up", t.get("followed_up_at") is None),
            (_utc(dl.get("resolution")), "resolution", True),
        )
        nxt, stage = NO_DEADLINE, None
        if resolved is None:
            for when, name, unmet in candidates:
                if unmet and when is not None and when < nxt:
                    nxt, stage = when, name
        tickets.append(
            (
                t["id"],
                t["tracking_no"],
                t["channel"],
                t.get("external_ref") or "",
                t["confidentiality"],
                reporter["name"] if reporter else None,
                reporter.get("contact") if reporter else None,
                t["title"],
                t["body"],
                t.get("category_code"),
                t.get("location") or "",
                t["opd_code"],
                t.get("assignee"),
                status,
                _utc(t["received_at"]),
                _utc(t.get("verified_at")),
                _utc(t.get("first_response_at")),
                _utc(t.get("assigned_at")),
                _utc(t.get("followed_up_at")),
                resolved,
                _utc(t.get("closed_at")),
                _utc(t.get("paused_since")),
                t.get("paused_seconds") or 0,
                candidates[0][0],
                candidates[1][0],
                candidates[2][0],
                candidates[3][0],
                t["version"],
                status in OPEN,
                nxt,
                stage,
                0,
                0,
            )
        )
        tid = t["id"]
        for m in t.get("messages") or ():
            messages.append(
                (m["id"], tid, m["kind"], m["author"], m["body"], _utc(m["created_at"]), m.get("conflict"))
            )


def initial_sync_floor(pages: list[bytes], workdir: Path | None = None) -> dict[str, Any]:
    """Seconds to parse ``pages`` and insert their rows into a migrated store in one transaction."""
    import secrets

    from db.engine import connect_encrypted
    from desktop.store import LocalStore

    with tempfile.TemporaryDirectory(dir=workdir) as tmp:
        # The same end state as a desk's: an encrypted store (a throwaway key, no keyring).
        key = secrets.token_bytes(32)
        store = LocalStore.open(Path(tmp), key=key)
        path = store.path
        store.close()
        conn = connect_encrypted(path, key)
        conn.isolation_level = None
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        marks = ", ".join("?" * len(TICKET_COLUMNS.split(",")))
        deferred = conn.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('tickets', 'messages')"
            " AND sql IS NOT NULL AND type IN ('trigger', 'index')"
        ).fetchall()
        for kind, name, _ in deferred:
            conn.execute(f"DROP {kind.upper()} {name}")
        started = time.perf_counter()
        tickets: list[tuple[Any, ...]] = []
        messages: list[tuple[Any, ...]] = []
        conn.execute("BEGIN IMMEDIATE")
        for raw in pages:
            tickets.clear()
            messages.clear()
            _rows(orjson.loads(raw), tickets, messages)
            conn.executemany(f"INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({marks})", tickets)
            conn.executemany(
                "INSERT INTO messages (id, ticket_id, kind, author, body, created_at, conflict)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                messages,
            )
        for _, _, sql in deferred:
            conn.execute(sql)
        conn.execute("INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')")
        conn.execute("COMMIT")
        seconds = time.perf_counter() - started
        count = conn.execute("SELECT count(*) FROM tickets").fetchone()[0]
        conn.close()
    return {"seconds": round(seconds, 3), "tickets": count}


def parse_only_floor(pages: list[bytes]) -> float:
    started = time.perf_counter()
    for raw in pages:
        orjson.loads(raw)
    return time.perf_counter() - started
