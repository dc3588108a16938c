"""Incident candidates: quality against a labelled set, and speed on a 100,000-ticket desk.

    .venv/bin/python bench/bench_similar.py [--background N] [--speed-tickets N] [--queries N]

Quality: bench/data/incident_pairs.py writes 120 incidents (a query, a rewording of it, and a
hard negative: the same kind of problem at a different place), hidden among ``--background``
complaints of the server's seed data. Both methods rank every other complaint for each query:
``tanggap`` (desktop.similar: FTS5 bm25 over the normalised text, reranked) and the baseline
(TF-IDF over character 3-5 grams, cosine, scikit-learn). Figures: recall@5 (the rewording is in
the top five) and wrong_place_first (the first candidate is a labelled complaint of the same
kind at a different place). Speed: p95 of ``candidates`` for random tickets on a synthetic
store of ``--speed-tickets`` (bench/synth.py), after the one-off index fill (timed separately).
Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent / "data"))

from incident_pairs import Incident, incidents
from sqlalchemy import create_engine, text

from desktop.similar import search

NOW = datetime(2026, 11, 20, 3, 0, tzinfo=UTC)


def labelled_corpus(background: int) -> tuple[list[Incident], list[tuple[str, str]]]:
    """(incidents, [(key, text)]): keys q/r/h + index for labelled texts, bg + index for the rest."""
    from server.seeddata import build_directory, generate_complaints

    labelled = incidents()
    docs: list[tuple[str, str]] = []
    for i, inc in enumerate(labelled):
        docs += [(f"q{i}", inc.query), (f"r{i}", inc.rewording), (f"h{i}", inc.hard_negative)]
    for j, c in enumerate(generate_complaints(build_directory(), background, 7, NOW)):
        docs.append((f"bg{j}", f"{c.title}. {c.body}. {c.location}"))
    return labelled, docs


def _metrics(labelled: list[Incident], rankings: dict[int, list[str]]) -> dict[str, float]:
    hits = wrong_first = 0
    for i, inc in enumerate(labelled):
        ranked = rankings[i]
        hits += f"r{i}" in ranked[:5]
        top = ranked[0] if ranked else ""
        if top and top != f"r{i}" and top[0] in "qrh" and top[1:].isdigit():
            wrong_first += labelled[int(top[1:])].kind == inc.kind
    n = len(labelled)
    return {"recall_at_5": round(hits / n, 3), "wrong_place_first": round(wrong_first / n, 3)}


def rank_tanggap(labelled: list[Incident], docs: list[tuple[str, str]]) -> dict[int, list[str]]:
    engine = create_engine("sqlite://")
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE tickets (tracking_no TEXT UNIQUE, title TEXT, body TEXT, location TEXT,"
                " archived INTEGER DEFAULT 0, is_open INTEGER DEFAULT 1, received_at TEXT)"
            )
        )
        conn.execute(
            text(
                "CREATE VIRTUAL TABLE ticket_similar USING fts5(norm, tokenize=\"unicode61 remove_diacritics 2 tokenchars '_'\")"
            )
        )
        conn.execute(text("CREATE VIRTUAL TABLE ticket_similar_vocab USING fts5vocab(ticket_similar, row)"))
        conn.execute(text("CREATE TABLE ticket_similar_todo (ticket_rowid INTEGER PRIMARY KEY)"))
        conn.execute(
            text(
                "INSERT INTO tickets (tracking_no, title, body, location, received_at) VALUES (:k, '', :b, '', :t)"
            ),
            [{"k": k, "b": body, "t": "2026-11-19T00:00:00.000000Z"} for k, body in docs],
        )
        search.refresh(conn)
        rankings = {}
        for i in range(len(labelled)):
            found = search.candidates(conn, f"q{i}", limit=10, now=NOW, do_refresh=False)
            rankings[i] = [c.tracking_no for c in found]
    return rankings


def rank_tfidf(labelled: list[Incident], docs: list[tuple[str, str]]) -> dict[int, list[str]]:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import linear_kernel

    keys = [k for k, _ in docs]
    matrix = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), lowercase=True).fit_transform(
        [body for _, body in docs]
    )
    rankings = {}
    for i in range(len(labelled)):
        row = keys.index(f"q{i}")
        sims = linear_kernel(matrix[row], matrix).ravel()
        sims[row] = -1.0
        order = sims.argsort()[::-1][:10]
        rankings[i] = [keys[j] for j in order]
    return rankings


def speed(tickets: int, queries: int) -> dict[str, float]:
    import random
    import sqlite3

    from bench.synth import fill_store

    with tempfile.TemporaryDirectory() as tmp:
        path = fill_store(Path(tmp), tickets)
        engine = create_engine(f"sqlite:///{path}")
        with engine.begin() as conn:
            started = time.perf_counter()
            search.refresh(conn)
            fill_s = time.perf_counter() - started
        raw = sqlite3.connect(path)
        keys = [
            r[0]
            for r in raw.execute(
                "SELECT tracking_no FROM tickets WHERE is_open = 1 OR received_at >= ?",
                ((NOW - timedelta(days=30)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),),
            )
        ]
        raw.close()
        rng = random.Random(18)
        times = []
        with engine.connect() as conn:
            for key in rng.sample(keys, min(queries, len(keys))):
                started = time.perf_counter()
                search.candidates(conn, key, limit=10, now=NOW)
                times.append((time.perf_counter() - started) * 1000)
        engine.dispose()
    times.sort()
    return {
        "tickets": tickets,
        "queries": len(times),
        "index_fill_s": round(fill_s, 2),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1),
        "max_ms": round(times[-1], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--background", type=int, default=3000)
    parser.add_argument("--speed-tickets", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    labelled, docs = labelled_corpus(args.background)
    result: dict[str, object] = {
        "benchmark": "similar",
        "incidents": len(labelled),
        "background": args.background,
        "tanggap": _metrics(labelled, rank_tanggap(labelled, docs)),
        "tfidf_char_3_5": _metrics(labelled, rank_tfidf(labelled, docs)),
    }
    if args.speed_tickets:
        result["speed"] = speed(args.speed_tickets, args.queries)
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
