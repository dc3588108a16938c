"""Incidents, phase A: finding the tickets of this desk that are probably the same problem.

``normalize`` reads Indonesian complaint text as citizens write it; ``search`` keeps the FTS5
index of the normalised text (migration 0006) and ranks candidates. Synonyms an administrator
adds come with the directory (``synonyms``: groups of words, each folded onto its first word)
and are kept in ``sync_state``; a change of them re-normalises every ticket on the next search.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, text

from desktop.similar.core import Candidate
from desktop.similar.normalize import synonym_table
from desktop.similar.search import candidates, refresh, reindex_all

__all__ = ["SYNONYMS_KEY", "Candidate", "desk_candidates", "desk_synonyms", "index_step", "store_synonyms"]

SYNONYMS_KEY = "similar_synonyms"


def _groups(data: Mapping[str, Any]) -> list[list[str]]:
    groups = []
    for group in data.get("synonyms") or ():
        if isinstance(group, list | tuple):
            words = [str(w) for w in group if isinstance(w, str) and w.strip()]
            if len(words) >= 2:
                groups.append(words)
    return groups


def store_synonyms(conn: Connection, data: Mapping[str, Any]) -> None:
    """Keep the directory's synonym groups; when they changed, the index is normalised again."""
    value = json.dumps(_groups(data), ensure_ascii=False, sort_keys=True)
    old = conn.execute(text("SELECT value FROM sync_state WHERE key = :k"), {"k": SYNONYMS_KEY}).scalar()
    if old == value or (old is None and value == "[]"):
        return
    conn.execute(
        text("INSERT OR REPLACE INTO sync_state (key, value) VALUES (:k, :v)"),
        {"k": SYNONYMS_KEY, "v": value},
    )
    reindex_all(conn)


def desk_synonyms(conn: Connection) -> dict[str, str]:
    stored = conn.execute(text("SELECT value FROM sync_state WHERE key = :k"), {"k": SYNONYMS_KEY}).scalar()
    groups = json.loads(stored) if stored else []
    return synonym_table(groups)


def desk_candidates(
    conn: Connection, tracking_no: str, *, limit: int = 10, now: datetime | None = None
) -> list[Candidate]:
    """Candidates of ``tracking_no`` on this desk (indexing any ticket not yet indexed first).

    Raises ``LookupError`` for a tracking number the desk does not hold.
    """
    return candidates(conn, tracking_no, limit=limit, now=now, synonyms=desk_synonyms(conn))


INDEX_STEP = 2000  # tickets per background step: about 0.7 s of normalising, one short write


def index_step(conn: Connection, limit: int = INDEX_STEP) -> int:
    """Index up to ``limit`` tickets not yet indexed (or re-worded); returns how many. The
    workstation runs it after each sync until it returns 0, one short transaction at a time, so
    the first ``similar`` after a large initial sync answers at once (docs/incidents.md)."""
    return refresh(conn, desk_synonyms(conn), batch=min(limit, 5000), limit=limit)
