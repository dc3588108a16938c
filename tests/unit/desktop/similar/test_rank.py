"""Ranking: a rewording of the same complaint above the same kind of problem at another place."""

from __future__ import annotations

from desktop.similar.core import parse_index_text, rank
from desktop.similar.normalize import normalize

QUERY = "PJU mati di Jl. Kedung Cowek Gg. 3 udh seminggu, gelap bgt"


def order(query: str, texts: dict[str, str]) -> list[str]:
    pool = [(key, parse_index_text(normalize(t).index_text)) for key, t in texts.items()]
    return [c.tracking_no for c in rank(normalize(query), pool)]


def test_same_street_other_gang_ranks_below_a_rewording() -> None:
    ranked = order(
        QUERY,
        {
            "other-gang": "PJU mati di Jl. Kedung Cowek Gg. 5 udh seminggu, gelap bgt",
            "rewording": "lampu jalan padam jln kedung cowek gang III sdh 7 hari",
            "other-problem": "sampah numpuk di jl kedung cowek gg 3",
        },
    )
    assert ranked[0] == "rewording"
    assert ranked.index("other-gang") > 0


def test_next_house_number_and_other_school_are_other_places() -> None:
    assert (
        order(
            "pohon tumbang di jl mawar no 12",
            {
                "next": "pohon tumbang di jl mawar no 14",
                "same": "ada pohon roboh depan rumah jalan mawar nomor 12",
            },
        )[0]
        == "same"
    )
    assert (
        order(
            "atap kelas SDN 3 Kabat bocor",
            {
                "other": "atap kelas SDN 4 Kabat bocor",
                "town": "atap kelas SDN 3 Bulak bocor",
                "same": "plafon sd negeri 03 kabat bocor tiap hujan",
            },
        )[0]
        == "same"
    )


def test_why_names_the_shared_place_and_keywords() -> None:
    pool = [("x", parse_index_text(normalize("lampu jalan padam jln kedung cowek gang III").index_text))]
    (found,) = rank(normalize(QUERY), pool)
    assert found.why == "lokasi sama: Jl. Kedung Cowek, Gg. 3; kata kunci: lampu mati"
    assert 0.0 <= found.score <= 1.0


def test_typo_in_the_street_name_is_the_same_street() -> None:
    ranked = order(
        "banjir di jl kedung cowek",
        {"typo": "jln kedung cowke kebanjiran", "other": "banjir di jl kenjeran"},
    )
    assert ranked[0] == "typo"


def test_a_street_named_without_its_marker_still_counts() -> None:
    ranked = order(
        "banjir lg di jl kedung cowek gg 3, air masuk rumah",
        {
            "no-marker": "kedung cowek gang 3 banjir lagi, got buntu sdh seminggu",
            "other-problem": "Lampu jalan di Jl. Kedung Cowek Gg. 3 mati sejak seminggu",
        },
    )
    assert ranked == ["no-marker", "other-problem"]
