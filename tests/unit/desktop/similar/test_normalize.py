"""Normalising complaint text as citizens write it: slang, abbreviations, place markers."""

from __future__ import annotations

import pytest

from desktop.similar.normalize import normalize, synonym_table


def places(text: str) -> dict[str, set[str]]:
    return {k: set(v) for k, v in normalize(text).places.items()}


def test_slang_and_abbreviations_expand_to_the_same_words() -> None:
    chat = normalize("PJU mati udh 3 hr, yg di dpn rmh gak nyala2 😡😡!!!")
    formal = normalize("Lampu penerangan jalan padam sudah tiga hari, tidak menyala")
    assert {"lampu", "mati"} <= set(chat.terms)
    assert {"lampu", "mati"} <= set(formal.terms)
    assert "menyala" in chat.terms  # "nyala2": reduplication written with a 2
    assert not {"yg", "udh", "gak", "yang", "tidak"} & set(chat.terms)
    assert all(t.isalnum() for t in chat.terms)  # no emoji, no punctuation


@pytest.mark.parametrize(
    "text",
    [
        "banjir di Jl. Kedung Cowek Gg. 3",
        "banjir di jln kedung cowek gang III",
        "banjir di JALAN KEDUNG COWEK gg 3",
        "banjir di jl kedung cowek gg3",
        "banjir di Jalan Kedung Cowek Gang 03",
    ],
)
def test_street_and_gang_read_the_same_however_written(text: str) -> None:
    assert places(text) == {"jalan": {"kedung cowek"}, "gang": {"3"}}


@pytest.mark.parametrize("text", ["RT 03/RW 05", "rt 3 rw 5", "RT.03 RW.05", "rt03/05", "Rt 3 / Rw 5"])
def test_rt_rw_become_numbers(text: str) -> None:
    got = places(f"sampah numpuk di {text} kel. Tambak Wedi")
    assert got["rt"] == {"3"} and got["rw"] == {"5"}
    assert got["kelurahan"] == {"tambak wedi"}


def test_kelurahan_is_not_cut_to_lurah() -> None:
    n = normalize("Pak lurah tidak datang ke kantor kelurahan")
    assert "lurah" in n.terms
    assert "kelurahan" not in n.terms  # a place marker, never folded onto "lurah"
    assert "kelurahan" in n.tokens


def test_house_numbers_and_schools_keep_their_number_and_town() -> None:
    assert places("pohon tumbang dpn rmh no 12 jln mawar")["nomor"] == {"12"}
    assert places("atap SD Negeri 03 Kabat bocor")["instansi"] == {"sdn 3 kabat"}
    assert places("atap sdn3 kabat bocor")["instansi"] == {"sdn 3 kabat"}


def test_lampu_jalan_names_no_street() -> None:
    assert "jalan" not in places("lampu jalan padam di depan masjid")


def test_synonyms_fold_and_an_administrator_can_add_more() -> None:
    assert normalize("got mampet").terms == normalize("selokan tersumbat").terms
    assert normalize("sungai meluap").terms != normalize("banjir").terms
    table = synonym_table([["banjir", "meluap", "luber"]])
    assert normalize("sungai meluap", table).terms == ("sungai", "banjir")
    assert normalize("air luber", table).terms == ("air", "banjir")
    # The defaults stay.
    assert normalize("got mampet", table).terms == normalize("selokan tersumbat").terms


def test_index_text_carries_places_as_single_tokens() -> None:
    text = normalize("Banjir Jl. Kedung Cowek Gg. 3 RT 03/RW 05").index_text
    assert text.split() == ["banjir", "rt_3", "rw_5", "jalan_kedung_cowek", "gang_3"]


def test_empty_and_symbol_only_text() -> None:
    assert normalize("").terms == ()
    assert normalize("🙏🙏 !!! ...").index_text == ""
