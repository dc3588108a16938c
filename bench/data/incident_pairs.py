"""The labelled set for bench/bench_similar.py, generated deterministically (fixed seed).

Each *incident* is one problem at one place, written three times the way citizens write on
X, Instagram, WhatsApp and LAPOR!: a query, a **rewording** (another template, another way of
writing the place - "Jl. Kedung Cowek Gg. 3" / "jln kedung cowek gang III" - slang, typos), and a
**hard negative**: the same kind of problem at a different place, written with the *query's*
template (the other gang of the same street, the next house number, the neighbouring RT, another
school of the same kind). Labels follow from construction: the rewording is the one right answer.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

STREETS = (
    "Kedung Cowek",
    "Tambak Wedi",
    "Kenjeran",
    "Wonokusumo",
    "Sidotopo Wetan",
    "Bulak Banteng",
    "Karang Empat",
    "Pogot",
    "Tanah Merah",
    "Kalijudan",
    "Mulyorejo",
    "Keputih",
    "Gebang Putih",
    "Semolowaru",
    "Klampis Ngasem",
    "Menur Pumpungan",
    "Ngagel Jaya",
    "Dinoyo",
    "Kupang Jaya",
    "Banyu Urip",
    "Simo Katrungan",
    "Tembok Dukuh",
    "Demak",
    "Asem Rowo",
    "Margomulyo",
    "Ahmad Yani",
    "Gajah Mada",
    "Brawijaya",
    "Adi Sucipto",
    "Satsuit Tubun",
    "Jaksa Agung Suprapto",
    "Letkol Istiqlah",
    "Kepiting",
    "Sritanjung",
    "Ikan Paus",
    "Kapten Piere Tendean",
    "Basuki Rahmat",
    "Pattimura",
    "Sayuwiwit",
    "Hasanudin",
    "Raya Rogojampi",
    "Raya Genteng",
    "Raya Srono",
    "Kalilo",
    "Kebalenan",
    "Singonegaran",
    "Penataban",
    "Sobo",
    "Tukang Kayu",
    "Temenggungan",
)
KELURAHAN = (
    "Tambak Wedi",
    "Sidotopo",
    "Bulak",
    "Kedung Cowek",
    "Mulyorejo",
    "Kalisari",
    "Keputih",
    "Kertajaya",
    "Pakis",
    "Tembok Dukuh",
    "Tamanbaru",
    "Kepatihan",
    "Penganjuran",
    "Sobo",
    "Pakis",
    "Karangrejo",
    "Kampung Mandar",
    "Lateng",
    "Singotrunan",
    "Kebalenan",
)
SCHOOL_KINDS = ("SDN", "SMPN", "SMAN")
TOWNS = ("Genteng", "Rogojampi", "Srono", "Kenjeran", "Bulak", "Glagah", "Kabat", "Giri")

# Problem kinds; each has several templates: {place} is where, {dur} how long.
KINDS: dict[str, tuple[str, ...]] = {
    "pju": (
        "PJU mati di {place} udh {dur}, malem gelap bgt rawan begal",
        "lampu jalan padam {place} sdh {dur} tlg diperbaiki min",
        "Mohon perbaikan lampu penerangan jalan di {place}, sudah {dur} tidak menyala",
        "{place} gelaaap total, lampunya mati {dur} 😡😡",
        "min lampu jln di {place} ga nyala2 {dur} ini, kapan dibenerin??",
    ),
    "banjir": (
        "banjir lagi di {place} air masuk rumah warga, got mampet {dur}",
        "{place} tergenang air setinggi lutut tiap hujan, saluran buntu sejak {dur}",
        "Mohon ditangani genangan di {place}, drainase tersumbat sampah sudah {dur}",
        "tlg min {place} kebanjiran trs, selokan ga jalan {dur} 🙏",
        "air ga surut2 di {place}, gorong2 mampet {dur} warga susah lewat",
    ),
    "sampah": (
        "sampah numpuk di {place} sdh {dur} bau bgt ga diangkut",
        "Tumpukan sampah di {place} belum diangkut petugas selama {dur}, baunya menyengat",
        "min tolong {place} sampahnya menggunung {dur} ga ada truk lewat",
        "{place} jadi tempat buang sampah liar, bau busuk {dur} 🤮",
        "TPS di {place} penuh sampah berserakan {dur} mohon diangkut",
    ),
    "jalan": (
        "jalan berlubang di {place} dalem bgt udh {dur}, bahaya buat motor",
        "Aspal rusak parah di {place}, lubang besar sejak {dur} belum ditambal",
        "{place} jalannya bolong2 {dur} kmrn ada yg jatuh",
        "tlg ditambal lobang di {place} min, {dur} dibiarin aja",
        "Mohon perbaikan jalan rusak di {place}, banyak lubang sudah {dur}",
    ),
    "pdam": (
        "air pdam ga ngalir di {place} {dur}, warga beli air galon",
        "PDAM mati di {place} sudah {dur} tidak ada pemberitahuan",
        "Mohon dicek distribusi air PDAM di {place}, tidak mengalir sejak {dur}",
        "min air pdam {place} mampet {dur} ga keluar sama sekali",
        "kran pdam di {place} kering {dur} blm ada air",
    ),
    "pohon": (
        "pohon tumbang di {place} nutup jalan sejak {dur}",
        "Ada pohon besar roboh di {place} {dur} lalu, belum dipotong",
        "{place} ada pohon ambruk kena kabel listrik {dur} bahaya min",
        "tlg pohon miring di {place} udh mau jatuh {dur} ini",
        "dahan pohon patah di {place} {dur} nutupin jalan warga",
    ),
    "sekolah": (
        "pungli di {place} minta uang seragam {dur}",
        "Orang tua murid {place} diminta iuran tanpa dasar sejak {dur}",
        "{place} narik duit sumbangan wajib ke wali murid {dur}, katanya sekolah gratis??",
        "min ada pungutan liar di {place}, ortu disuruh bayar {dur} ini",
        "Mohon ditindak pungutan di {place} yang membebani wali murid sejak {dur}",
    ),
    "sekolah_atap": (
        "atap kelas {place} bocor {dur} murid belajar kehujanan",
        "plafon ruang kelas {place} ambrol, bocor tiap hujan sejak {dur}",
        "min genteng {place} bocor {dur} anak2 kehujanan di kelas",
        "Mohon perbaikan atap {place} yang bocor sudah {dur}",
        "kelas di {place} bocor parah {dur} buku murid basah",
    ),
}
DURATIONS = ("3 hari", "seminggu", "2 minggu", "sebulan", "5 hari", "berhari hari", "dr kemarin", "2 hari")


@dataclass(frozen=True)
class Place:
    street: str
    gang: int | None = None
    number: int | None = None
    rt: int | None = None
    rw: int | None = None
    kelurahan: str | None = None
    school: str | None = None


def _roman(n: int) -> str:
    return ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")[n - 1]


def write_place(rng: random.Random, p: Place) -> str:
    """One of the many ways a citizen writes a place."""
    if p.school:
        kind, num, town = p.school.split(" ")
        return rng.choice(
            (
                f"{kind} {num} {town}",
                f"{kind} {int(num):02d} {town}",
                f"{kind.lower()}{num} {town.lower()}",
                f"{kind} Negeri {num} {town}".replace("SDN Negeri", "SD Negeri")
                .replace("SMPN Negeri", "SMP Negeri")
                .replace("SMAN Negeri", "SMA Negeri"),
            )
        )
    street = rng.choice(
        (
            f"Jl. {p.street}",
            f"jln {p.street.lower()}",
            f"Jalan {p.street}",
            f"jl {p.street.lower()}",
            f"JL. {p.street.upper()}",
        )
    )
    parts = [street]
    if p.gang is not None:
        parts.append(
            rng.choice((f"Gg. {p.gang}", f"gg {p.gang}", f"Gang {_roman(p.gang)}", f"gang {p.gang}"))
        )
    if p.number is not None:
        parts.append(rng.choice((f"No. {p.number}", f"no {p.number}", f"nomer {p.number}", f"No.{p.number}")))
    if p.rt is not None:
        rw = p.rw or 1
        parts.append(
            rng.choice(
                (f"RT 0{p.rt}/RW 0{rw}", f"rt {p.rt} rw {rw}", f"RT.0{p.rt} RW.0{rw}", f"rt0{p.rt}/0{rw}")
            )
        )
    if p.kelurahan and rng.random() < 0.6:
        parts.append(
            rng.choice(
                (f"Kel. {p.kelurahan}", f"kelurahan {p.kelurahan.lower()}", f"kel {p.kelurahan.lower()}")
            )
        )
    return " ".join(parts)


def _typo(rng: random.Random, text: str) -> str:
    """One or two keyboard slips in longer words (never in numbers)."""
    words = text.split(" ")
    for _ in range(rng.choice((0, 1, 2))):
        i = rng.randrange(len(words))
        w = words[i]
        if len(w) > 5 and w.isalpha():
            j = rng.randrange(1, len(w) - 1)
            words[i] = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    return " ".join(words)


def _variant(rng: random.Random, p: Place) -> tuple[Place, str]:
    """A different place of the same sort: the hard negative's place and what changed."""
    if p.school:
        kind, num, town = p.school.split(" ")
        other = int(num) + rng.choice((1, 2, -1 if int(num) > 1 else 3))
        return Place(street="", school=f"{kind} {other} {town}"), "sekolah lain"
    if p.gang is not None:
        return Place(p.street, gang=p.gang + rng.choice((1, 2)), kelurahan=p.kelurahan), "gang lain"
    if p.number is not None:
        return Place(p.street, number=p.number + 2, kelurahan=p.kelurahan), "nomor rumah sebelah"
    if p.rt is not None:
        return Place(p.street, rt=p.rt + 1, rw=p.rw, kelurahan=p.kelurahan), "RT lain"
    street = rng.choice([s for s in STREETS if s != p.street])
    return Place(street, kelurahan=p.kelurahan), "jalan lain"


@dataclass(frozen=True)
class Incident:
    kind: str
    how: str
    query: str
    rewording: str
    hard_negative: str


def incidents(n: int = 120, seed: int = 18) -> list[Incident]:
    rng = random.Random(f"tanggap-incidents:{seed}")
    out: list[Incident] = []
    used: set[Place] = set()
    while len(out) < n:
        kind = rng.choice(tuple(KINDS))
        if kind.startswith("sekolah"):
            place = Place(
                street="", school=f"{rng.choice(SCHOOL_KINDS)} {rng.randint(1, 9)} {rng.choice(TOWNS)}"
            )
        else:
            street = rng.choice(STREETS)
            shape = rng.choice(("gang", "number", "rt", "plain"))
            kel = rng.choice(KELURAHAN)
            place = Place(
                street,
                gang=rng.randint(1, 8) if shape == "gang" else None,
                number=rng.randint(2, 120) if shape == "number" else None,
                rt=rng.randint(1, 8) if shape == "rt" else None,
                rw=rng.randint(1, 9) if shape == "rt" else None,
                kelurahan=kel,
            )
        other, how = _variant(rng, place)
        if place in used or other in used:
            continue
        used |= {place, other}
        templates = list(KINDS[kind])
        t_query, t_reword = rng.sample(templates, 2)
        query = _typo(rng, t_query.format(place=write_place(rng, place), dur=rng.choice(DURATIONS)))
        reword = _typo(rng, t_reword.format(place=write_place(rng, place), dur=rng.choice(DURATIONS)))
        hard = _typo(rng, t_query.format(place=write_place(rng, other), dur=rng.choice(DURATIONS)))
        out.append(Incident(kind, how, query, reword, hard))
    return out
