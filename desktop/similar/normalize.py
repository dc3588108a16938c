"""Indonesian complaint text as citizens write it, turned into comparable tokens and places.

Pure functions, no I/O. ``normalize`` lowercases, drops emoji and punctuation, expands the
abbreviations and slang of chat messages (yg, jln, gg, pju, gak, ...), folds synonyms (an
administrator extends them through the directory) and reads the place markers a complaint
carries: the street ("Jl."/"Jln"/"Jalan"), the gang, RT/RW, the house number, the kelurahan
or desa and numbered institutions ("SDN 3"). Raw tokens are kept as they are: "kelurahan" is
never cut down to "lurah" (no stemmer is applied; see docs/incidents.md for the measurement).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

# Chat abbreviations and slang -> the word an officer would write (one or more tokens).
ABBREVIATIONS: dict[str, str] = {
    "yg": "yang",
    "jln": "jalan",
    "jl": "jalan",
    "jalan2": "jalan",
    "gg": "gang",
    "kel": "kelurahan",
    "kec": "kecamatan",
    "kab": "kabupaten",
    "ds": "desa",
    "dsn": "dusun",
    "pju": "lampu jalan",
    "lpju": "lampu jalan",
    "pdam": "air pdam",
    "tdk": "tidak",
    "gak": "tidak",
    "ga": "tidak",
    "gk": "tidak",
    "g": "tidak",
    "nggak": "tidak",
    "ngga": "tidak",
    "enggak": "tidak",
    "kagak": "tidak",
    "ndak": "tidak",
    "nda": "tidak",
    "tak": "tidak",
    "sdh": "sudah",
    "udh": "sudah",
    "udah": "sudah",
    "dah": "sudah",
    "blm": "belum",
    "blom": "belum",
    "dgn": "dengan",
    "dg": "dengan",
    "sm": "sama",
    "dr": "dari",
    "dri": "dari",
    "utk": "untuk",
    "tuk": "untuk",
    "krn": "karena",
    "karna": "karena",
    "bgt": "banget",
    "bngt": "banget",
    "skrg": "sekarang",
    "skr": "sekarang",
    "sy": "saya",
    "aq": "saya",
    "aku": "saya",
    "kmrn": "kemarin",
    "kmarin": "kemarin",
    "hr": "hari",
    "hri": "hari",
    "mgg": "minggu",
    "bln": "bulan",
    "tlg": "tolong",
    "tolongin": "tolong",
    "mhn": "mohon",
    "pak": "",
    "bu": "",
    "min": "",
    "mimin": "",
    "admin": "",
    "sampe": "sampai",
    "ampe": "sampai",
    "dpn": "depan",
    "blkg": "belakang",
    "dket": "dekat",
    "dkt": "dekat",
    "deket": "dekat",
    "sblh": "sebelah",
    "sbelah": "sebelah",
    "bnyk": "banyak",
    "byk": "banyak",
    "trs": "terus",
    "trus": "terus",
    "jg": "juga",
    "lg": "lagi",
    "lgi": "lagi",
    "kl": "kalau",
    "klo": "kalau",
    "kalo": "kalau",
    "mati2": "mati",
    "rmh": "rumah",
    "rumahe": "rumah",
    "sklh": "sekolah",
    "pemkot": "pemerintah kota",
    "pemkab": "pemerintah kabupaten",
    "no": "nomor",
    "nmr": "nomor",
    "nomer": "nomor",
    "perum": "perumahan",
    "dlm": "dalam",
    "ato": "atau",
    "atw": "atau",
    "tp": "tapi",
    "tpi": "tapi",
    "smp2": "",
}

# Words that mean the same problem; the key is folded into the value. Extendable per directory.
DEFAULT_SYNONYMS: dict[str, str] = {
    "banjir": "banjir",
    "kebanjiran": "banjir",
    "tergenang": "banjir",
    "genangan": "banjir",
    "genang": "banjir",
    "kegenang": "banjir",
    "kelelep": "banjir",
    "terendam": "banjir",
    "surut": "banjir",  # "air ga surut": only flood water recedes
    "rendam": "banjir",
    "mampet": "tersumbat",
    "buntu": "tersumbat",
    "sumbat": "tersumbat",
    "mampat": "tersumbat",
    "got": "saluran",
    "selokan": "saluran",
    "drainase": "saluran",
    "gorong": "saluran",
    "padam": "mati",
    "mati": "mati",
    "nyala": "menyala",
    "lampu": "lampu",
    "rusak": "rusak",
    "bolong": "berlubang",
    "lubang": "berlubang",
    "lobang": "berlubang",
    "berlobang": "berlubang",
    "sampah": "sampah",
    "numpuk": "menumpuk",
    "tumpukan": "menumpuk",
    "bertumpuk": "menumpuk",
    "bau": "bau",
    "busuk": "bau",
    "macet": "macet",
    "keruh": "keruh",
    "kotor": "keruh",
    "mengalir": "mengalir",
    "ngalir": "mengalir",
    "keluar": "mengalir",
    "bocor": "bocor",
    "pecah": "bocor",
    "tumbang": "tumbang",
    "roboh": "tumbang",
    "ambruk": "tumbang",
    "pohon": "pohon",
    "gelap": "mati",
    "gulita": "mati",
    "pungli": "pungutan",
    "pungutan": "pungutan",
    "liar": "liar",
    "berisik": "bising",
    "bising": "bising",
}

# Words that carry no meaning for "is this the same problem" (after expansion).
STOPWORDS: frozenset[str] = frozenset(
    """yang dan di ke dari ini itu ada tidak sudah belum dengan untuk karena sama saya kami kita
    mohon tolong pak bu ya nya lah kok sih dong deh nih tuh juga lagi terus banget sekali sangat
    kalau atau tapi akan sedang masih bisa agar supaya segera harap hari minggu bulan kemarin
    sekarang sampai sejak pada oleh para dalam luar depan belakang dekat sebelah banyak warga
    mas mbak kak min gan mohon bapak ibu terima kasih makasih tq thx selamat pagi siang sore malam
    assalamualaikum wr wb laporan lapor melaporkan mengadu pengaduan keluhan komplain info
    tersebut sebagai jadi buat biar udah aja saja apa kenapa mengapa gimana bagaimana kapan
    sudah pun pula hal tahun jam kali setiap tiap sering selalu tlp hubungi tindak lanjut
    the rt rw nomor jalan gang kelurahan kecamatan desa dusun kabupaten kota perumahan blok
    lingkungan wilayah area daerah kawasan tempat lokasi sekitar seminggu sebulan setahun berhari
    lalu sejak selama min""".split()
)

# Words that stop a place name ("Jl. Kedung Cowek sudah 3 hari" -> "kedung cowek").
_PLACE_STOP: frozenset[str] = STOPWORDS | frozenset(
    """lampu mati banjir saluran sampah rusak berlubang air pdam pohon tumbang bau macet keruh
    bocor menumpuk tersumbat menyala dekat depan samping ujung arah mulai tiap penuh keluar gelap
    coklat lubang ada kena nutup mampet padam genangan tergenang kebanjiran ga""".split()
)

_EMOJI_AND_SYMBOLS = re.compile(r"[^\w\s/.,:-]", re.UNICODE)
_RT_RW = re.compile(r"\b(rt|rw)\s*[.:]?\s*0*(\d{1,3})(?:\s*/\s*(?:rw\s*)?0*(\d{1,3}))?")
_NUMBERED = re.compile(
    r"\b(sdn|sd|smpn|smp|sman|sma|smkn|smk|mi|mts|tk|puskesmas|pasar)\s*(?:negeri\s*)?0*(\d{1,3})\b"
    r"(?:\s+([a-z]{3,}))?"  # the town that tells "SDN 3 Kabat" from "SDN 3 Bulak"
)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}
_ROMAN_GANG = re.compile(r"\b(gg|gang)\.?\s*(viii|vii|vi|iv|ix|iii|ii|i|v|x)\b")
_WORD = re.compile(r"[a-z0-9]+")
_REPEATS = re.compile(r"([a-z])\1{2,}")
_LETTER_DIGIT = re.compile(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])")

PLACE_KINDS = ("jalan", "gang", "rt", "rw", "nomor", "kelurahan", "desa", "dusun", "instansi", "perumahan")


@dataclass(frozen=True)
class Normalized:
    """What a complaint says (``terms``: meaningful words) and where (``places``: kind -> values)."""

    tokens: tuple[str, ...]
    terms: tuple[str, ...]
    places: Mapping[str, frozenset[str]] = field(default_factory=dict)
    place_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def index_text(self) -> str:
        """The text the full-text index holds: the terms, then each place as one joined token."""
        place_tokens = [
            f"{kind}_{value.replace(' ', '_')}" for kind, values in self.places.items() for value in values
        ]
        return " ".join((*self.terms, *place_tokens))


def synonym_table(extra: Iterable[Sequence[str]] | None = None) -> dict[str, str]:
    """The default synonyms plus groups an administrator added: each group folds onto its first word."""
    table = dict(DEFAULT_SYNONYMS)
    for group in extra or ():
        words = [w for w in (_plain(str(x)) for x in group) if w]
        if not words:
            continue
        head = table.get(words[0], words[0])
        for word in words:
            table[word] = head
    return table


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_ish = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(_WORD.findall(ascii_ish.lower()))


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _EMOJI_AND_SYMBOLS.sub(" ", text)
    text = _ROMAN_GANG.sub(lambda m: f"{m.group(1)} {_ROMAN[m.group(2)]}", text)  # "Gg. III" -> "gg 3"
    text = _REPEATS.sub(r"\1", text)  # "gelaaap" -> "gelap"
    return text


def _expand(words: Iterable[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word.endswith("2") and word[:-1].isalpha() and len(word) > 3:
            word = word[:-1]  # "anak2", "bolong2": reduplication written with a 2
        if word.isdigit():
            out.append(str(int(word)))
            continue
        expanded = ABBREVIATIONS.get(word)
        if expanded is None:
            # "jl3" or "gg5": letters glued to a number
            parts = _LETTER_DIGIT.split(word)
            if len(parts) > 1 and parts[0] in ABBREVIATIONS:
                out.extend(ABBREVIATIONS[parts[0]].split())
                out.extend(str(int(p)) if p.isdigit() else p for p in parts[1:])
                continue
            out.append(word)
        elif expanded:
            out.extend(expanded.split())
    return out


def _take_name(tokens: Sequence[str], start: int, limit: int = 3) -> list[str]:
    name: list[str] = []
    for tok in tokens[start : start + limit]:
        if tok in _PLACE_STOP or tok in PLACE_KINDS or tok.isdigit() or tok in DEFAULT_SYNONYMS:
            break
        name.append(tok)
    return name


def normalize(text: str, synonyms: Mapping[str, str] | None = None) -> Normalized:
    table = DEFAULT_SYNONYMS if synonyms is None else synonyms
    cleaned = _clean(text)
    places: dict[str, set[str]] = {}
    labels: dict[str, str] = {}

    def add(kind: str, value: str, label: str) -> None:
        if value:
            places.setdefault(kind, set()).add(value)
            labels.setdefault(kind, label)

    for m in _RT_RW.finditer(cleaned):
        first, second = m.group(2), m.group(3)
        add(m.group(1), str(int(first)), f"{m.group(1).upper()} {int(first)}")
        if second is not None and m.group(1) == "rt":
            add("rw", str(int(second)), f"RW {int(second)}")
    for m in _NUMBERED.finditer(cleaned):
        kind = {"sd": "sdn", "smp": "smpn", "sma": "sman", "smk": "smkn"}.get(m.group(1), m.group(1))
        town = m.group(3) if m.group(3) and m.group(3) not in _PLACE_STOP else ""
        value = f"{kind} {int(m.group(2))} {town}".strip()
        add("instansi", value, f"{kind.upper()} {int(m.group(2))} {town.title()}".strip())
    cleaned = _RT_RW.sub(" ", cleaned)
    tokens = _expand(_WORD.findall(cleaned.replace("/", " ")))

    for i, tok in enumerate(tokens):
        if tok == "jalan" and i > 0 and tokens[i - 1] == "lampu":
            continue  # "lampu jalan" (PJU) names no street
        if tok in ("jalan", "gang", "kelurahan", "desa", "dusun", "perumahan"):
            numbered = tok == "gang" and i + 1 < len(tokens) and tokens[i + 1].isdigit()
            name = [tokens[i + 1]] if numbered else _take_name(tokens, i + 1)
            if tok == "jalan" and name and name[0] in ("raya",):
                name = name[:3]
            if name:
                value = " ".join(name)
                label = {
                    "jalan": "Jl.",
                    "gang": "Gg.",
                    "kelurahan": "Kel.",
                    "desa": "Desa",
                    "dusun": "Dsn.",
                    "perumahan": "Perum",
                }[tok]
                add(tok, value, f"{label} {value.title()}")
        elif tok == "nomor" and i + 1 < len(tokens) and tokens[i + 1].isdigit():
            add("nomor", tokens[i + 1], f"No. {tokens[i + 1]}")

    place_words = {w for values in places.values() for v in values for w in v.split()}
    terms: list[str] = []
    for tok in tokens:
        if tok in STOPWORDS or tok.isdigit() or len(tok) < 2:
            continue
        if tok.endswith("nya") and len(tok) > 6:
            tok = tok[:-3]  # "lampunya", "baunya": the possessive says nothing about the problem
        folded = table.get(tok, tok)
        if tok in place_words and folded == tok:
            continue
        terms.append(folded)
    return Normalized(
        tokens=tuple(tokens),
        terms=tuple(terms),
        places={k: frozenset(v) for k, v in places.items()},
        place_labels=labels,
    )
