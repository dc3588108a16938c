"""Candidates: the open and recent tickets of this desk that are probably the same problem.

Two stages. FTS5 with bm25 over the normalised text (``ticket_similar``, migration 0006) picks
the few hundred tickets sharing the most telling words and places; then each is scored in
Python: how alike the words are (rapidfuzz token-set ratio and the share of shared terms) and
whether the places agree. A candidate naming the same street but another gang, house number,
RT or school loses against one naming no place at all, so "the same kind of problem at a
different place" ranks below a true rewording of the same complaint.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, text

from desktop.similar.core import (
    Candidate,
    parse_index_text,
    rank,
    ticket_text,
)
from desktop.similar.normalize import Normalized, normalize

RECENT_DAYS = 30
FTS_POOL = 100


def refresh(
    conn: Connection, synonyms: Mapping[str, str] | None = None, batch: int = 5000, limit: int | None = None
) -> int:
    """Index the tickets added since (rowid above the index's highest) and those re-worded
    (``ticket_similar_todo``, kept by triggers); returns how many. ``limit``: stop after about
    that many (the background step after a sync: short write transactions)."""
    done = 0
    while limit is None or done < limit:
        todo = list(
            conn.execute(
                text("SELECT ticket_rowid FROM ticket_similar_todo ORDER BY ticket_rowid LIMIT :n"),
                {"n": batch},
            ).scalars()
        )
        if todo:
            low, high = todo[0], todo[-1]
            conn.execute(
                text(
                    "DELETE FROM ticket_similar WHERE rowid IN (SELECT ticket_rowid FROM ticket_similar_todo"
                    " WHERE ticket_rowid BETWEEN :lo AND :hi)"
                ),
                {"lo": low, "hi": high},
            )
            rows = conn.execute(
                text(
                    "SELECT t.rowid, t.title, t.body, t.location FROM ticket_similar_todo AS d"
                    " JOIN tickets AS t ON t.rowid = d.ticket_rowid WHERE d.ticket_rowid BETWEEN :lo AND :hi"
                ),
                {"lo": low, "hi": high},
            ).all()
            conn.execute(
                text("DELETE FROM ticket_similar_todo WHERE ticket_rowid BETWEEN :lo AND :hi"),
                {"lo": low, "hi": high},
            )
        else:
            mark = conn.execute(text("SELECT rowid FROM ticket_similar ORDER BY rowid DESC LIMIT 1")).scalar()
            rows = conn.execute(
                text(
                    "SELECT rowid, title, body, location FROM tickets WHERE rowid > :mark ORDER BY rowid LIMIT :n"
                ),
                {"mark": mark or 0, "n": batch},
            ).all()
            if not rows:
                return done
        if rows:
            conn.execute(
                text("INSERT INTO ticket_similar(rowid, norm) VALUES (:rowid, :norm)"),
                [
                    {
                        "rowid": r[0],
                        "norm": normalize(ticket_text(r[1], r[2], r[3] or ""), synonyms).index_text,
                    }
                    for r in rows
                ],
            )
        done += len(rows)
    return done


def reindex_all(conn: Connection) -> None:
    """Normalise every ticket again (the synonyms changed)."""
    conn.execute(text("DELETE FROM ticket_similar"))
    conn.execute(text("DELETE FROM ticket_similar_todo"))


# A word in more than this share of the desk's tickets does not help find the same problem.
COMMON_SHARE = 0.03
MAX_QUERY_WORDS = 10


def _selective(conn: Connection, words: list[str]) -> list[str]:
    """The query's words, rarest first, without those most tickets share (when others remain)."""
    if not words:
        return words
    total = conn.execute(text("SELECT max(rowid) FROM ticket_similar")).scalar() or 0
    params = {f"w{i}": w for i, w in enumerate(words)}
    counts: dict[str, int] = dict(
        conn.execute(
            text(
                f"SELECT term, doc FROM ticket_similar_vocab WHERE term IN ({', '.join(':' + k for k in params)})"
            ),
            params,
        ).all()
    )
    present = sorted((w for w in words if w in counts), key=lambda w: counts[w])
    rare = [w for w in present if counts[w] <= max(50, COMMON_SHARE * total)]
    return (rare or present[:3])[:MAX_QUERY_WORDS]


def _fts_query(conn: Connection, query: Normalized) -> str:
    words = [w for w in dict.fromkeys(query.index_text.split()) if w.replace("_", "").isalnum()]
    return " OR ".join(f'"{w}"' for w in _selective(conn, words))


def candidates(
    conn: Connection,
    tracking_no: str,
    *,
    limit: int = 10,
    now: datetime | None = None,
    synonyms: Mapping[str, str] | None = None,
    do_refresh: bool = True,
) -> list[Candidate]:
    """The probable duplicates of ``tracking_no`` among open tickets and those received in 30 days."""
    if do_refresh:
        refresh(conn, synonyms)
    row = conn.execute(
        text("SELECT rowid, title, body, location FROM tickets WHERE tracking_no = :t"), {"t": tracking_no}
    ).first()
    if row is None:
        raise LookupError(tracking_no)
    query = normalize(ticket_text(row[1], row[2], row[3] or ""), synonyms)
    match = _fts_query(conn, query)
    if not match:
        return []
    since = (now or datetime.now(UTC)) - timedelta(days=RECENT_DAYS)
    hits = conn.execute(
        text(
            "SELECT t.tracking_no, s.norm FROM ("
            "  SELECT rowid, norm, rank FROM ticket_similar WHERE ticket_similar MATCH :m"
            "  ORDER BY rank LIMIT :pool) AS s"
            " JOIN tickets AS t ON t.rowid = s.rowid"
            " WHERE t.rowid != :self AND t.archived = 0 AND (t.is_open = 1 OR t.received_at >= :since)"
            " ORDER BY s.rank"
        ),
        {"m": match, "pool": FTS_POOL, "self": row[0], "since": since.strftime("%Y-%m-%dT%H:%M:%S.%fZ")},
    ).all()
    return rank(query, [(h[0], parse_index_text(h[1])) for h in hits], limit=limit)
