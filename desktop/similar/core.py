"""The pure part of finding the same problem: reading the normalised text back, comparing places,
scoring and ranking (no database). The desk's search (``desktop.similar.search``, FTS5) and the
server's intake flag (``server/intake.py``) score candidates with the same functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from desktop.similar.normalize import Normalized

# How much each kind of place counts when both tickets name one.
PLACE_WEIGHTS: dict[str, float] = {
    "jalan": 1.0,
    "gang": 0.9,
    "nomor": 0.9,
    "instansi": 1.2,
    "rt": 0.6,
    "rw": 0.3,
    "kelurahan": 0.5,
    "desa": 0.5,
    "dusun": 0.5,
    "perumahan": 0.6,
}
_LABELS = {
    "jalan": "Jl.",
    "gang": "Gg.",
    "nomor": "No.",
    "rt": "RT",
    "rw": "RW",
    "kelurahan": "Kel.",
    "desa": "Desa",
    "dusun": "Dsn.",
    "perumahan": "Perum",
    "instansi": "",
}


@dataclass(frozen=True)
class Candidate:
    tracking_no: str
    score: float  # 0..1
    why: str


@dataclass(frozen=True)
class Indexed:
    terms: tuple[str, ...]
    places: Mapping[str, frozenset[str]]


def ticket_text(title: str, body: str, location: str) -> str:
    return f"{title}. {body}. {location}"


def parse_index_text(norm: str) -> Indexed:
    terms: list[str] = []
    places: dict[str, set[str]] = {}
    for tok in norm.split():
        kind, sep, value = tok.partition("_")
        if sep and kind in PLACE_WEIGHTS:
            places.setdefault(kind, set()).add(value.replace("_", " "))
        else:
            terms.append(tok)
    return Indexed(tuple(terms), {k: frozenset(v) for k, v in places.items()})


NAMED = frozenset({"jalan", "kelurahan", "desa", "dusun", "perumahan"})
# A difference in these is another place, whatever else agrees.
FINE = frozenset({"jalan", "gang", "nomor", "rt", "instansi", "kelurahan", "desa"})


def _same_name(x: str, y: str) -> bool:
    """Two names of one place: one starts with the other ("kenjeran" / "kenjeran total"), give or
    take a typo ("kedung cowek" / "kedung cowel"); "raya" alone names no street."""
    xs, ys = x.split(), y.split()
    k = min(len(xs), len(ys))
    if k == 1 and xs[0] == "raya" or ys[0] == "raya" and k == 1:
        k = 2
    head_x, head_y = " ".join(xs[:k]), " ".join(ys[:k])
    if head_x == head_y:
        return True
    # one slip per five letters, a swap of two letters counting as one ("glagah" / "glagha")
    return DamerauLevenshtein.distance(head_x, head_y) <= min(len(head_x), len(head_y)) // 5


def _same(kind: str, a: frozenset[str], b: frozenset[str]) -> bool:
    if a & b:
        return True
    if kind in NAMED:
        return any(_same_name(x, y) for x in a for y in b)
    if kind == "instansi":
        # "sdn 3" is "sdn 3 kabat" (no town given), but never "sdn 3 bulak" nor "sdn 4 kabat"
        return any(_same_institution(x, y) for x in a for y in b)
    return False


def _same_institution(x: str, y: str) -> bool:
    xs, ys = x.split(" ", 2), y.split(" ", 2)
    if xs[:2] != ys[:2]:
        return False
    if len(xs) < 3 or len(ys) < 3:
        return True
    return _same_name(xs[2], ys[2])


UNKNOWN_PLACE = 0.35


def place_agreement(
    q: Mapping[str, frozenset[str]], c: Mapping[str, frozenset[str]]
) -> tuple[float, list[str]]:
    """0 (another place) .. 1 (every place both name agrees); ``UNKNOWN_PLACE`` when they share none.

    A different gang, house number, RT or school caps it at 0.2 even on the same street.
    """
    total = agree = named = 0.0
    finer_differs = False
    shared: list[str] = []
    for kind, weight in PLACE_WEIGHTS.items():
        named += weight if kind in q or kind in c else 0.0
        if kind in q and kind in c:
            total += weight
            if _same(kind, q[kind], c[kind]):
                agree += weight
                shared.append(_label(kind, sorted(q[kind] & c[kind] or q[kind])[0]))
            else:
                finer_differs |= kind in FINE
    if not total:
        return UNKNOWN_PLACE, shared
    # Mostly: do the places both name agree; a little: does one name places the other does not.
    agreement = 0.75 * agree / total + 0.25 * agree / named
    return (min(agreement, 0.2) if finer_differs else agreement), shared


def _label(kind: str, value: str) -> str:
    """How an officer writes the place: "Jl. Kedung Cowek", "Gg. 3", "RT 3", "SDN 3 Kabat"."""
    if kind == "instansi":
        head, _, rest = value.partition(" ")
        return f"{head.upper()} {rest.title()}".strip()
    return f"{_LABELS[kind]} {value.title()}".strip()


def _implied(mine: Normalized | Indexed, other: Normalized | Indexed) -> Mapping[str, frozenset[str]]:
    """My places, plus the other ticket's named places (street, kelurahan...) that I name without
    their marker: "kedung cowek gang 3 banjir" has no "Jl." but does name Kedung Cowek."""
    words = set(mine.terms)
    added = {
        kind: frozenset(v for v in values if set(v.split()) <= words)
        for kind, values in other.places.items()
        if kind in NAMED and kind not in mine.places
    }
    added = {k: v for k, v in added.items() if v}
    return {**mine.places, **added} if added else mine.places


def score(
    query: Normalized | Indexed, cand: Indexed, idf: Mapping[str, float] | None = None
) -> tuple[float, str]:
    q_terms, c_terms = set(query.terms), set(cand.terms)
    if not q_terms or not c_terms:
        words = 0.0
    else:
        weight = idf or {}
        common = q_terms & c_terms
        wsum = sum(weight.get(t, 1.0) for t in q_terms | c_terms)
        overlap = sum(weight.get(t, 1.0) for t in common) / wsum if wsum else 0.0
        ratio = fuzz.token_set_ratio(" ".join(sorted(q_terms)), " ".join(sorted(c_terms))) / 100
        words = 0.6 * overlap + 0.4 * ratio
    agreement, shared = place_agreement(_implied(query, cand), _implied(cand, query))
    value = 0.45 * words + 0.55 * agreement
    keywords = [t for t in dict.fromkeys(query.terms) if t in c_terms][:4]
    parts = []
    if shared:
        parts.append("lokasi sama: " + ", ".join(shared))
    if keywords:
        parts.append("kata kunci: " + " ".join(keywords))
    return max(0.0, min(1.0, value)), "; ".join(parts) or "kata mirip"


def rank(
    query: Normalized | Indexed,
    pool: Iterable[tuple[str, Indexed]],
    *,
    limit: int = 10,
    idf: Mapping[str, float] | None = None,
) -> list[Candidate]:
    scored = []
    for key, cand in pool:
        value, why = score(query, cand, idf)
        scored.append(Candidate(key, round(value, 4), why))
    scored.sort(key=lambda c: (-c.score, c.tracking_no))
    return scored[:limit]


def document_idf(docs: Sequence[Indexed]) -> dict[str, float]:
    counts: dict[str, int] = {}
    for doc in docs:
        for term in set(doc.terms):
            counts[term] = counts.get(term, 0) + 1
    n = len(docs) or 1
    return {t: math.log(1 + n / c) for t, c in counts.items()}
