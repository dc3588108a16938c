"""Complaint texts and officer replies in the registers Banyuwangi people actually write in."""

from __future__ import annotations

import random
import re

from desktop.domain import Channel, Confidentiality
from server.seeddata.dice import between, pick, some
from server.seeddata.topics import TOPICS, Topic

Slots = dict[str, str]

FORMAL, SOCIAL, CHAT, SPOKEN = "formal", "social", "chat", "spoken"
REGISTER_OF_CHANNEL: dict[Channel, str] = {
    Channel.TWITTER: SOCIAL,
    Channel.INSTAGRAM: SOCIAL,
    Channel.FACEBOOK: SOCIAL,
    Channel.WHATSAPP: CHAT,
    Channel.LAPOR: FORMAL,
    Channel.EMAIL: FORMAL,
    Channel.WEB: FORMAL,
    Channel.PHONE: SPOKEN,
    Channel.WALK_IN: SPOKEN,
}
CHANNEL_LABEL: dict[Channel, str] = {
    Channel.TWITTER: "X (Twitter)",
    Channel.INSTAGRAM: "Instagram",
    Channel.FACEBOOK: "Facebook",
    Channel.WHATSAPP: "WhatsApp",
    Channel.LAPOR: "SP4N-LAPOR!",
    Channel.EMAIL: "surel",
    Channel.WEB: "laman pengaduan",
    Channel.PHONE: "telepon",
    Channel.WALK_IN: "loket pengaduan",
}

DURATIONS = (
    "3 hari",
    "seminggu",
    "2 minggu",
    "sebulan",
    "2 bulan",
    "5 hari",
    "berbulan-bulan",
    "10 hari",
    "3 minggu",
)
DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
HOURS = ("7 malam", "9 malam", "11 malam", "12 malam", "5 pagi", "2 siang")

_FORMAL_OPENINGS = (
    "Yth. Bapak/Ibu Admin Pengaduan {opd},",
    "Dengan hormat,",
    "Assalamualaikum wr. wb.",
    "Selamat pagi Bapak/Ibu.",
    "Kepada Yth. {opd}",
    "",
    "",
)
_FORMAL_INTROS = (
    "Saya {nama}, warga {desa_label}, Kecamatan {kec}, ingin menyampaikan pengaduan sebagai berikut.",
    "Perkenalkan, saya {nama} dari Dusun {dusun}, {desa_label}.",
    "Melalui kanal ini saya ingin melaporkan permasalahan di lingkungan kami.",
    "",
)
_FORMAL_ANON_INTROS = (
    "Saya warga {desa_label}, Kecamatan {kec}, ingin melaporkan hal berikut.",
    "Mohon identitas saya dirahasiakan.",
    "",
)
_FORMAL_PLEAS = (
    "Mohon kepada instansi terkait untuk segera menindaklanjuti laporan ini.",
    "Besar harapan kami agar permasalahan ini segera mendapat perhatian.",
    "Kami mohon ada tindakan nyata, bukan sekadar dicatat.",
    "Atas perhatian dan tindak lanjutnya saya ucapkan terima kasih.",
    "Demikian laporan ini saya sampaikan dengan sebenar-benarnya.",
)
_FORMAL_CLOSINGS = ("Hormat saya,\n{nama}", "Terima kasih.", "Wassalamualaikum wr. wb.", "Salam,\n{nama}", "")

_SOCIAL_PREFIXES = (
    "",
    "",
    "min ",
    "permisi min, ",
    "lur, ",
    "numpang tanya lur ",
    "rek, ",
    "halo admin, ",
    "Assalamualaikum min, ",
)
_SOCIAL_PLEAS = (
    "tolong dong min 🙏",
    "gimana nih min??",
    "parah bgt sih",
    "udah lapor berkali2 ga ada respon 😡",
    "mohon ditindaklanjuti 🙏🙏",
    "ojo mung janji tok rek",
    "isun wis lapor ping telu, sing ono tanggapan",
    "sampeyan kapan turun ke lapangan?",
    "masa nunggu viral dulu",
    "semoga cepet ditangani 🙏",
    "",
    "pripun niki pak?",
    "kadung sing dibenahi, warga arep swadaya dewek",
    "😤😤",
    "help min",
)
_CHAT_GREETINGS = (
    "Assalamualaikum",
    "Pagi min",
    "Siang pak",
    "Malam min, maaf ganggu",
    "Permisi",
    "P",
    "Halo",
)
_CHAT_PLEAS = (
    "Mohon dibantu nggih 🙏",
    "Tolong dibantu pak",
    "Matur nuwun 🙏",
    "Ditunggu kabarnya min",
    "makasih",
)
_SPOKEN_OPENERS = {
    Channel.PHONE: (
        "Pelapor menelepon layanan pengaduan dan menyampaikan: ",
        "Via telepon, pelapor mengeluhkan: ",
    ),
    Channel.WALK_IN: (
        "Pelapor datang langsung ke loket pengaduan dan menyampaikan: ",
        "Pelapor hadir di kantor dan melaporkan: ",
    ),
}
_SPOKEN_CLOSINGS = (
    "Pelapor meminta agar segera ditindaklanjuti.",
    "Pelapor bersedia dihubungi kembali untuk keterangan tambahan.",
    "Pelapor menyerahkan fotokopi KTP dan foto lokasi.",
    "Pelapor tampak kecewa karena sudah pernah melapor sebelumnya.",
    "",
)
_LONG_FILLERS = (
    "Pada awalnya saya tidak ingin melapor karena mengira masalah ini akan selesai dengan sendirinya, namun ternyata semakin hari semakin parah.",
    "Saya sudah menyampaikan hal ini kepada Pak RT {rt}, kemudian ke kantor Desa {desa}, dan disarankan untuk langsung melapor ke kabupaten.",
    "Perlu saya sampaikan juga bahwa warga di sekitar {tempat} sebagian besar bekerja sebagai petani dan buruh, sehingga tidak punya banyak waktu untuk bolak-balik mengurus hal seperti ini.",
    "Tanggal {n} bulan lalu saya datang lagi, petugas yang sama mengatakan bahwa berkas atau laporan kami sudah diteruskan, tetapi tidak ada kabar sampai sekarang.",
    "Saya juga sudah mencoba menghubungi nomor layanan yang tertera di papan pengumuman, tetapi nomornya tidak aktif atau tidak diangkat.",
    "Beberapa tetangga kami, di antaranya Bu {nama_lain} dan Pak {nama_lain2}, juga mengalami hal yang sama dan siap memberikan keterangan.",
    "Kami sebagai warga tentu mendukung program Bapak Bupati, tetapi kami berharap pelayanan di lapangan juga sesuai dengan yang disampaikan di media.",
    "Saya lampirkan foto-foto yang saya ambil pada pagi dan malam hari agar terlihat kondisi sebenarnya.",
    "Mohon maaf apabila tulisan saya panjang, karena saya ingin menceritakan dengan lengkap supaya tidak terjadi salah paham.",
    "Kalau memang ada prosedur yang harus kami tempuh, mohon dijelaskan dengan bahasa yang mudah dipahami oleh orang awam seperti kami.",
    "Sejak {lama} yang lalu kondisi ini sudah kami rasakan dan sampai hari ini belum ada perubahan berarti.",
    "Waktu itu hujan deras sejak sore, dan sekitar pukul {jam} listrik di kampung kami juga padam sehingga situasinya semakin sulit.",
)

# Common words and how people shorten them when they type on a phone.
_SLANG: dict[str, tuple[str, ...]] = {
    "yang": ("yg",),
    "tidak": ("gak", "ga", "nggak", "tdk"),
    "sudah": ("udah", "udh", "sdh"),
    "banget": ("bgt",),
    "tolong": ("tlg", "tolong"),
    "dengan": ("dgn",),
    "untuk": ("utk", "buat"),
    "karena": ("krn", "soalnya"),
    "bagaimana": ("gimana", "gmn"),
    "sampai": ("sampe",),
    "saja": ("aja",),
    "belum": ("blm", "belom"),
    "kalau": ("kalo", "klo"),
    "jalan": ("jln", "jalan"),
    "sekali": ("bgt",),
    "terus": ("trs",),
    "juga": ("jg",),
    "saya": ("aku", "sy", "aq"),
    "bisa": ("bs",),
    "lagi": ("lg",),
    "tapi": ("tp",),
    "orang": ("org",),
}
_WORD_RE = re.compile(r"[a-z]{5,}")


def _slangify(text: str, rng: random.Random) -> str:
    words = text.split(" ")
    for i, word in enumerate(words):
        options = _SLANG.get(word)
        if options is not None and rng.random() < 0.6:
            words[i] = pick(rng, options)
    return " ".join(words)


def _typo(text: str, rng: random.Random) -> str:
    """Swap two letters of one longer word, the way thumbs do."""
    matches = list(_WORD_RE.finditer(text))
    if not matches:
        return text
    m = pick(rng, matches)
    i = m.start() + rng.randrange(1, m.end() - m.start() - 1)
    return text[:i] + text[i + 1] + text[i] + text[i + 2 :]


def _sentence(template: str, slots: Slots) -> str:
    return template.format_map(slots)


def _details(topic: Topic, slots: Slots, rng: random.Random, k: int) -> list[str]:
    pool = topic["detail"]
    return [_sentence(t, slots) for t in some(rng, pool, k)]


def _theme(items: tuple[str, ...], theme: int) -> str:
    return items[theme % len(items)]


def _formal(
    topic: Topic, slots: Slots, rng: random.Random, channel: Channel, hidden: bool, theme: int
) -> str:
    parts: list[str] = []
    opening = pick(rng, _FORMAL_OPENINGS)
    if opening:
        parts.append(_sentence(opening, slots))
    intro = pick(rng, _FORMAL_ANON_INTROS if hidden else _FORMAL_INTROS)
    core = _sentence(_theme(topic["formal"], theme), slots)
    details = _details(topic, slots, rng, pick(rng, (0, 1, 1, 2, 3)))
    body = " ".join(p for p in (_sentence(intro, slots), core) if p)
    if details and rng.random() < 0.5:
        parts.extend((body, " ".join(details)))
    else:
        parts.append(" ".join([body, *details]))
    parts.append(pick(rng, _FORMAL_PLEAS))
    if channel is Channel.EMAIL:
        closing = pick(rng, _FORMAL_CLOSINGS)
        if closing and not (hidden and "{nama}" in closing):
            parts.append(_sentence(closing, slots))
    sep = "\n\n" if channel is not Channel.LAPOR or rng.random() < 0.5 else " "
    return sep.join(parts)


def _social(topic: Topic, slots: Slots, rng: random.Random, channel: Channel, theme: int) -> str:
    text = pick(rng, _SOCIAL_PREFIXES) + _sentence(_theme(topic["casual"], theme), slots)
    if channel is Channel.TWITTER and rng.random() < 0.7:
        text = f"{slots['mention']} {text}"
    limit = 1 if channel is Channel.TWITTER else 3
    details = [
        d.lower() if rng.random() < 0.5 else d for d in _details(topic, slots, rng, between(rng, 0, limit))
    ]
    if details:
        text = f"{text}. {' '.join(details)}"
    plea = pick(rng, _SOCIAL_PLEAS)
    if plea:
        text = f"{text} {plea}" if channel is Channel.TWITTER or rng.random() < 0.6 else f"{text}\n\n{plea}"
    if channel is Channel.INSTAGRAM and rng.random() < 0.5:
        text = f"{text} {slots['mention']}"
    if channel is not Channel.FACEBOOK and topic["tags"] and rng.random() < 0.5:
        text = f"{text} {' '.join(topic['tags'])}"
    text = _slangify(text, rng)
    if rng.random() < 0.3:
        text = _typo(text, rng)
    return text.lower() if rng.random() < 0.25 else text


def _chat(topic: Topic, slots: Slots, rng: random.Random, hidden: bool, theme: int) -> str:
    lines = [pick(rng, _CHAT_GREETINGS)]
    if not hidden and rng.random() < 0.5:
        lines.append(f"Saya {slots['nama']} dari {slots['desa']}")
    lines.append(_sentence(_theme(topic["casual"] if rng.random() < 0.6 else topic["formal"], theme), slots))
    lines.extend(_details(topic, slots, rng, between(rng, 0, 2)))
    lines.append(pick(rng, _CHAT_PLEAS))
    text = _slangify("\n".join(lines), rng)
    return _typo(text, rng) if rng.random() < 0.25 else text


def _spoken(topic: Topic, slots: Slots, rng: random.Random, channel: Channel, theme: int) -> str:
    core = _sentence(_theme(topic["formal"], theme), slots)
    details = " ".join(_details(topic, slots, rng, between(rng, 0, 2)))
    text = f'{pick(rng, _SPOKEN_OPENERS[channel])}"{core}{" " + details if details else ""}"'
    closing = pick(rng, _SPOKEN_CLOSINGS)
    return f"{text} {closing}" if closing else text


def _long(topic: Topic, slots: Slots, rng: random.Random, target: int, theme: int) -> str:
    """The rare report that tells the whole story, chronologically, over many paragraphs."""
    parts = [
        _sentence(pick(rng, _FORMAL_OPENINGS[:3]), slots),
        _sentence(_FORMAL_INTROS[0], slots),
        _sentence(_theme(topic["formal"], theme), slots),
        "Berikut kronologi lengkapnya:",
    ]
    size = sum(len(p) for p in parts)
    point = 1
    while size < target:
        sentences = [_sentence(pick(rng, _LONG_FILLERS), slots) for _ in range(between(rng, 2, 5))]
        sentences.extend(_details(topic, slots, rng, 1))
        paragraph = f"{point}. " + " ".join(sentences)
        parts.append(paragraph)
        size += len(paragraph) + 2
        point += 1
    parts.append(pick(rng, _FORMAL_PLEAS))
    return "\n\n".join(parts)


# About 1 complaint in 500 tells the whole story; nobody does that in a tweet or on the phone.
_LONG_CHANNELS = frozenset({Channel.EMAIL, Channel.LAPOR, Channel.WEB, Channel.FACEBOOK, Channel.WHATSAPP})
_LONG_SHARE = 0.002 / 0.53  # those channels carry about 53% of all complaints


def complaint_text(
    topic_code: str, slots: Slots, rng: random.Random, channel: Channel, confidentiality: Confidentiality
) -> tuple[str, str]:
    """(title, body) of one complaint."""
    topic = TOPICS[topic_code]
    hidden = confidentiality is not Confidentiality.PUBLIC
    register = REGISTER_OF_CHANNEL[channel]
    theme = int(rng.random() * 6)  # 6: a multiple of every theme count (1, 2 or 3)
    if channel in _LONG_CHANNELS and rng.random() < _LONG_SHARE:
        body = _long(topic, slots, rng, between(rng, 5_000, 19_000), theme)
    elif register == FORMAL:
        body = _formal(topic, slots, rng, channel, hidden, theme)
    elif register == SOCIAL:
        body = _social(topic, slots, rng, channel, theme)
    elif register == CHAT:
        body = _chat(topic, slots, rng, hidden, theme)
    else:
        body = _spoken(topic, slots, rng, channel, theme)
    if register in (SOCIAL, CHAT) and rng.random() < 0.35:
        # Intake's automatic subject: the start of the post.
        first = " ".join(body.split())
        title = first if len(first) <= 70 else first[:67].rstrip() + "…"
    else:
        title = _sentence(_theme(topic["title"], theme), slots)
    return title, body


# --- what officers write -------------------------------------------------------------------

_REJECT_REASONS = (
    "laporan tidak memuat informasi yang cukup mengenai lokasi dan waktu kejadian",
    "laporan merupakan duplikasi dari pengaduan yang sudah kami tangani sebelumnya",
    "isi laporan bukan merupakan pengaduan pelayanan publik",
    "laporan mengandung kata-kata yang tidak pantas",
)
_OTHER_AUTHORITIES = (
    "PLN UP3 Banyuwangi",
    "BPJS Kesehatan Cabang Banyuwangi",
    "Pemerintah Provinsi Jawa Timur (ruas jalan provinsi)",
    "BBPJN Jawa Timur-Bali (ruas jalan nasional)",
    "Polresta Banyuwangi",
    "Kantor Pertanahan Kabupaten Banyuwangi",
    "Balai Besar KSDA Jawa Timur",
    "PT KAI Daop 9 Jember",
)
_GENERIC_NOTES = (
    "pelapor ditelpon ga diangkat, coba lagi besok",
    "cek dulu, kayaknya dobel sama laporan minggu lalu",
    "sudah koordinasi via grup WA bidang",
    "prioritas ya, udah rame di medsos",
    "foto dari pelapor udah diterusin ke lapangan",
    "minta tolong dicek lagi sebelum ditutup",
    "sudah lapor ke kabid, nunggu arahan",
    "lokasinya susah dicari, pelapor mau nganter hari sabtu",
)
_ASSIGN_NOTES = (
    "{first} tolong dipegang ya, langsung cek lapangan",
    "Mas/Mbak {first}, ini wilayahmu. Koordinasi sama UPT.",
    "disposisi ke {first}, target minggu ini kelar",
    "{first} tolong ditindaklanjuti, kalau butuh surat tugas bilang",
)
_WAIT_DONE_NOTES = (
    "pelapor sudah kirim foto & share loc via WA",
    "data dari pelapor sudah lengkap, lanjut",
    "pelapor datang ke kantor bawa berkas",
)


# Titles and Balinese birth-order names: "Kak I" or "Kak Hj." is not how anyone is greeted.
_NOT_A_GIVEN_NAME = frozenset(
    {"I", "Ni", "Made", "Luh", "Ketut", "Wayan", "Moh.", "Abd.", "Ach.", "Hj.", "H.", "Mbok", "Kang"}
)


def salutation(channel: Channel, confidentiality: Confidentiality, reporter_name: str) -> str:
    if confidentiality is not Confidentiality.PUBLIC:
        return "Bapak/Ibu Pelapor"
    if channel.is_social:
        given = [w for w in reporter_name.split() if w not in _NOT_A_GIVEN_NAME]
        return f"Kak {given[0] if given else reporter_name}"
    return f"Bapak/Ibu {reporter_name}"


def greet(sal: str) -> str:
    """Officialese opens with "Yth."; a reply under a post greets the way the post was written."""
    return f"Halo {sal}," if sal.startswith("Kak ") else f"Yth. {sal},"


def reply_ack(rng: random.Random, channel: Channel, sal: str, opd_name: str) -> str:
    if channel.is_social and rng.random() < 0.7:
        return pick(
            rng,
            (
                f"Halo {sal}, terima kasih atas laporannya 🙏 Aduan sudah kami terima dan kami teruskan ke {opd_name}. Mohon ditunggu tindak lanjutnya ya.",
                f"Terima kasih infonya {sal}. Laporan sudah kami catat dan segera kami cek. Salam dari Admin {opd_name} 🙏",
            ),
        )
    return (
        f"{greet(sal)}\nterima kasih telah menyampaikan pengaduan melalui {CHANNEL_LABEL[channel]}. "
        f"Pengaduan Saudara telah kami terima dan sedang dalam proses verifikasi.\n\nHormat kami,\nAdmin Pengaduan {opd_name}"
    )


def reply_follow_up(rng: random.Random, topic_code: str, sal: str, slots: Slots) -> str:
    action = _sentence(pick(rng, TOPICS[topic_code]["action"]), slots)
    return f"{greet(sal)}\nkami informasikan bahwa pengaduan Saudara sedang ditindaklanjuti. {action} Terima kasih atas kesabarannya."


def reply_ask(rng: random.Random, topic_code: str, sal: str) -> str:
    ask = pick(rng, TOPICS[topic_code]["ask"])
    return f"{greet(sal)}\nuntuk menindaklanjuti pengaduan Saudara, mohon kesediaannya melengkapi {ask}. Terima kasih."


def reply_done(rng: random.Random, topic_code: str, sal: str, slots: Slots) -> str:
    done = _sentence(pick(rng, TOPICS[topic_code]["done"]), slots)
    return (
        f"{greet(sal)}\nkami sampaikan bahwa {done}. Apabila masih terdapat kendala, silakan menyampaikan "
        "tanggapan paling lambat 10 hari sejak balasan ini. Terima kasih atas partisipasi Saudara."
    )


def reply_reject(rng: random.Random, sal: str) -> str:
    return (
        f"{greet(sal)}\nmohon maaf, pengaduan Saudara belum dapat kami proses karena {pick(rng, _REJECT_REASONS)}. "
        "Saudara dapat menyampaikan kembali pengaduan dengan keterangan yang lebih lengkap."
    )


def reply_not_ours(rng: random.Random, sal: str) -> tuple[str, str]:
    """(public reply, internal note) when the problem belongs to someone else."""
    other = pick(rng, _OTHER_AUTHORITIES)
    reply = (
        f"{greet(sal)}\nsetelah kami telaah, permasalahan tersebut merupakan kewenangan {other}. "
        "Pengaduan Saudara telah kami teruskan kepada instansi tersebut. Mohon maaf atas ketidaknyamanannya."
    )
    return reply, f"ini wewenang {other}, bukan kita. sudah dikirim surat pengantar"


def note_on_topic(rng: random.Random, topic_code: str, slots: Slots) -> str:
    pool = TOPICS[topic_code]["notes"]
    return _sentence(pick(rng, pool), slots) if rng.random() < 0.65 else pick(rng, _GENERIC_NOTES)


def note_assign(rng: random.Random, first: str) -> str:
    return pick(rng, _ASSIGN_NOTES).format(first=first.title())


def note_wait_done(rng: random.Random) -> str:
    return pick(rng, _WAIT_DONE_NOTES)
