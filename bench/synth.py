"""A fast synthetic local store: N realistic ticket rows written straight into a migrated store.

    .venv/bin/python bench/synth.py DATA_DIR --tickets 1000000 [--messages 0.5] [--seed 7]

Generating the store is setup for the queue benchmark, not a measured figure, so it goes
through ``sqlite3.executemany`` in one transaction (about a minute for a million rows) rather than
through the sync engine. The rows look like a province's year: 40 OPDs, 400 officers, nine
channels, one in eight tickets open, texts in the Indonesian registers complaints come in, so
the queue index, the filters and FTS5 see realistic selectivity.
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import log

STORE_FILE = "tanggap.sqlite3"
NO_DEADLINE = "9999-12-31T00:00:00.000000Z"
CHANNELS = ("twitter", "instagram", "facebook", "whatsapp", "lapor", "email", "phone", "walk_in", "web")
CHANNEL_WEIGHTS = (14, 12, 10, 22, 20, 6, 6, 5, 5)
SOCIAL = {"twitter", "instagram", "facebook", "whatsapp"}
OPEN = ("baru", "terverifikasi", "didisposisi", "ditindaklanjuti", "menunggu_pelapor")
OPEN_WEIGHTS = (20, 20, 25, 30, 5)
CLOSED = ("selesai", "ditutup", "ditolak", "bukan_wewenang")
CLOSED_WEIGHTS = (10, 80, 5, 5)
TIERS = {"ringan": 2, "normatif": 5, "non_pengawasan": 14, "pengawasan": 60}
OPD_KINDS = ("DINKES", "DISDIK", "DPUPR", "DISHUB", "DLH", "DINSOS", "DISPENDUK", "SATPOL", "RSUD", "PDAM")
REGIONS = ("BWI", "JBR", "SBY", "MLG")
TOPICS = (
    ("jalan-rusak", "normatif", "Jalan rusak", ("jalan", "berlubang", "aspal", "kecelakaan", "genangan")),
    ("lampu-jalan", "ringan", "Lampu penerangan jalan mati", ("lampu", "PJU", "gelap", "malam", "tiang")),
    ("sampah", "ringan", "Sampah menumpuk", ("sampah", "TPS", "bau", "lalat", "truk")),
    ("air-pdam", "normatif", "Air PDAM tidak mengalir", ("air", "PDAM", "keruh", "tagihan", "meteran")),
    (
        "puskesmas",
        "non_pengawasan",
        "Pelayanan puskesmas",
        ("puskesmas", "antrean", "dokter", "obat", "BPJS"),
    ),
    ("sekolah", "normatif", "Pungutan di sekolah", ("sekolah", "pungutan", "seragam", "PPDB", "guru")),
    ("adminduk", "ringan", "KTP elektronik belum jadi", ("KTP", "KK", "blangko", "Dukcapil", "antre")),
    (
        "banjir",
        "non_pengawasan",
        "Saluran tersumbat dan banjir",
        ("banjir", "drainase", "got", "hujan", "meluap"),
    ),
    ("bansos", "pengawasan", "Bantuan sosial tidak tepat sasaran", ("bansos", "PKH", "BLT", "data", "desa")),
    ("perizinan", "pengawasan", "Bangunan tanpa izin", ("izin", "PBG", "bangunan", "sempadan", "tetangga")),
    ("parkir", "ringan", "Parkir liar", ("parkir", "juru", "liar", "karcis", "trotoar")),
    ("pungli", "pengawasan", "Dugaan pungutan liar", ("pungli", "oknum", "uang", "amplop", "loket")),
)
PLACES = (
    "Genteng",
    "Rogojampi",
    "Srono",
    "Muncar",
    "Kalibaru",
    "Glenmore",
    "Cluring",
    "Tegaldlimo",
    "Purwoharjo",
    "Kabat",
    "Singojuruh",
    "Songgon",
    "Giri",
    "Glagah",
    "Licin",
    "Wongsorejo",
    "Bangorejo",
    "Pesanggaran",
    "Siliragung",
    "Sempu",
    "Tegalsari",
    "Gambiran",
    "Kalipuro",
    "Blimbingsari",
)
FIRST = (
    "Siti",
    "Ahmad",
    "Dewi",
    "Budi",
    "Rina",
    "Agus",
    "Nur",
    "Eko",
    "Wahyu",
    "Sri",
    "Putu",
    "Made",
    "Fitri",
    "Joko",
)
LAST = (
    "Rahmawati",
    "Santoso",
    "Hidayat",
    "Lestari",
    "Saputra",
    "Wulandari",
    "Prasetyo",
    "Kurniawan",
    "Handayani",
)
OPENERS = (
    "Yth. Admin {opd}, saya ingin melaporkan {topic} di {place}.",
    "Min, tolong {topic} di {place} sudah {dur} belum ada tindakan!!",
    "Assalamualaikum, mau lapor pak, {topic} di Desa {place} makin parah.",
    "Dengan hormat, bersama ini kami sampaikan pengaduan terkait {topic} di Kecamatan {place}.",
    "Pak/Bu, {topic} di dekat balai desa {place} sudah {dur}. Mohon dicek.",
)
MIDDLES = (
    "Warga sudah lapor ke RT/RW tapi belum ada kabar. {w0} dan {w1} jadi masalah setiap hari.",
    "Kondisi {w0} sangat mengganggu, apalagi waktu {w2}. Anak-anak sekolah lewat situ tiap pagi.",
    "Sudah {dur} begini, {w3} tidak kunjung diperbaiki. Kami minta kejelasan {w4}.",
    "Kemarin sore sempat ada yang jatuh gara-gara {w0}. Tolong jangan sampai ada korban lagi.",
    "Kami sudah foto dan kirim ke kelurahan. Soal {w1} dan {w4} mohon ditindaklanjuti.",
)
CLOSERS = ("Terima kasih.", "Mohon segera ditindaklanjuti.", "Salam,", "Tolong direspon ya min", "")
DURATIONS = ("3 hari", "seminggu", "2 minggu", "sebulan", "2 bulan", "berbulan-bulan")
REPLIES = (
    "Terima kasih atas laporannya, Bapak/Ibu. Laporan sudah kami teruskan ke bidang terkait.",
    "Mohon maaf atas ketidaknyamanannya. Tim kami akan meninjau lokasi dalam waktu dekat.",
    "Laporan sudah ditindaklanjuti. Mohon konfirmasi apabila masalah masih terjadi.",
)
NOTES = (
    "Sudah koordinasi dengan UPT, jadwal survei Kamis.",
    "Cek ulang data penerima di desa.",
    "Eskalasi ke kabid.",
)
TICKET_COLUMNS = (
    "id, tracking_no, channel, external_ref, confidentiality, reporter_name, reporter_contact, title, body,"
    " category_code, location, opd_code, assignee, status, received_at, verified_at, first_response_at,"
    " assigned_at, followed_up_at, resolved_at, closed_at, paused_since, paused_seconds, dl_verification,"
    " dl_first_response, dl_follow_up, dl_resolution, version, is_open, next_deadline, next_stage, archived,"
    " pending_ops"
)
MESSAGE_COLUMNS = "id, ticket_id, kind, author, body, created_at, conflict, op_id"


_DAY_PREFIX: dict[int, str] = {}
_TIME_OF_DAY = [f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.000000Z" for s in range(86400)]


def ts(epoch: float) -> str:
    """The store's UTC text form of an epoch time (whole seconds), from two lookup tables for speed."""
    day, second = divmod(int(epoch), 86400)
    prefix = _DAY_PREFIX.get(day)
    if prefix is None:
        prefix = _DAY_PREFIX[day] = datetime.fromtimestamp(day * 86400, UTC).strftime("%Y-%m-%dT")
    return prefix + _TIME_OF_DAY[second]


def directory() -> tuple[list[str], dict[str, list[str]]]:
    opds = [f"{kind}-{region}" for region in REGIONS for kind in OPD_KINDS]
    officers_by_opd = {opd: [f"petugas{i}.{opd.lower()}" for i in range(10)] for opd in opds}
    return opds, officers_by_opd


def weighted(values: tuple[str, ...], weights: tuple[int, ...]) -> list[str]:
    """A list to index with a uniform random number: cheaper than random.choices per row."""
    return [v for v, w in zip(values, weights, strict=True) for _ in range(w)]


def text_pool(rng: random.Random, size: int) -> list[tuple[str, str, str, str]]:
    """(topic code, tier, title, body) combinations; rows pick from these plus unique details."""
    pool = []
    for _ in range(size):
        topic_code, tier, topic, words = rng.choice(TOPICS)
        place = rng.choice(PLACES)
        slots = {
            "opd": "{opd}",
            "topic": topic.lower(),
            "place": place,
            "dur": rng.choice(DURATIONS),
            **{f"w{k}": word for k, word in enumerate(words)},
        }
        body = " ".join(
            (
                rng.choice(OPENERS).format(**slots),
                rng.choice(MIDDLES).format(**slots),
                rng.choice(MIDDLES).format(**slots),
                rng.choice(CLOSERS),
            )
        ).strip()
        pool.append((topic_code, tier, f"{topic} di {place}", body))
    return pool


def ticket_rows(
    n: int, seed: int, now: datetime, messages_per_ticket: float
) -> Iterator[tuple[tuple[object, ...], list[tuple[object, ...]]]]:
    """(ticket row, message rows) for n tickets received over the year before ``now``."""
    rng = random.Random(seed)
    rand = rng.random
    opds, officers_by_opd = directory()
    texts = text_pool(rng, 4096)
    channels = weighted(CHANNELS, CHANNEL_WEIGHTS)
    open_statuses = weighted(OPEN, OPEN_WEIGHTS)
    closed_statuses = weighted(CLOSED, CLOSED_WEIGHTS)
    names = [f"{a} {b}" for a in FIRST for b in LAST]
    serials: dict[tuple[str, str], int] = {}
    hour, day = 3600.0, 86400.0
    year_s = 365 * day
    start = now.timestamp() - year_s
    for i in range(n):
        received = start + year_s * i / n + rand() * 600
        opd = opds[int(rand() * len(opds))]
        yymm = ts(received)[2:7].replace("-", "")
        serial = serials.get((opd, yymm), 0) + 1
        serials[(opd, yymm)] = serial
        channel = channels[int(rand() * len(channels))]
        social = channel in SOCIAL
        topic_code, tier, title, body = texts[int(rand() * len(texts))]
        # A detail of its own per ticket, so no two bodies are the same text.
        body = f"{body.replace('{opd}', opd)} (RT {int(rand() * 20) + 1:02d}/RW {int(rand() * 9) + 1:02d}, no. {serial})"
        c = rand()
        confidentiality = "public" if c < 0.9 else ("anonim" if c < 0.98 else "rahasia")
        reporter_name = names[int(rand() * len(names))] if confidentiality == "public" else None
        reporter_contact = f"08{int(rand() * 9e9) + 10**9}" if reporter_name else None
        # Recent tickets are the open ones: an OPD's backlog, not a random sprinkle over the year.
        is_open = rand() < (0.6 if i > n * 0.95 else 0.09)
        if is_open:
            status = open_statuses[int(rand() * len(open_statuses))]
            stage_rank = OPEN.index(status)
        else:
            status = closed_statuses[int(rand() * len(closed_statuses))]
            stage_rank = 4
        verified = received + hour * (1 + 49 * rand()) if stage_rank >= 1 else None
        assigned = verified + hour * (1 + 29 * rand()) if verified and stage_rank >= 2 else None
        responded = received + hour * (0.5 + 39 * rand()) if stage_rank >= 1 or rand() < 0.3 else None
        followed = assigned + day * (1 + 5 * rand()) if assigned and stage_rank >= 3 else None
        resolved = received + day * (2 + 28 * rand()) if not is_open else None
        closed = resolved + 10 * day if resolved and status == "ditutup" else None
        paused_since = received + 3 * day if status == "menunggu_pelapor" else None
        team = officers_by_opd[opd]
        assignee = team[int(rand() * len(team))] if assigned else None
        dl_ver = received + 3 * 1.4 * day
        dl_first = received + (1 if social else 3) * 1.4 * day
        dl_follow = assigned + 5 * 1.4 * day if assigned else None
        dl_res = received + TIERS[tier] * 1.4 * day
        next_dl: float | None = None
        next_stage: str | None = None
        if is_open and paused_since is None:
            for dl, stage, met in (
                (dl_ver, "verification", verified),
                (dl_first, "first_response", responded),
                (dl_follow, "follow_up", followed),
                (dl_res, "resolution", resolved),
            ):
                if dl is not None and met is None and (next_dl is None or dl < next_dl):
                    next_dl, next_stage = dl, stage
        ticket_id = _uuid(rng)
        row = (
            ticket_id,
            f"{opd}-{yymm}-{serial:05d}",
            channel,
            f"https://x.com/warga/status/{rng.getrandbits(60)}" if social else "",
            confidentiality,
            reporter_name,
            reporter_contact,
            title,
            body,
            topic_code,
            f"Kec. {title.rsplit(' di ', 1)[-1]}",
            opd,
            assignee,
            status,
            ts(received),
            ts(verified) if verified else None,
            ts(responded) if responded else None,
            ts(assigned) if assigned else None,
            ts(followed) if followed else None,
            ts(resolved) if resolved else None,
            ts(closed) if closed else None,
            ts(paused_since) if paused_since else None,
            0,
            ts(dl_ver),
            ts(dl_first),
            ts(dl_follow) if dl_follow else None,
            ts(dl_res),
            1 + stage_rank * 2,
            1 if is_open else 0,
            ts(next_dl) if next_dl else NO_DEADLINE,
            next_stage,
            0,
            0,
        )
        messages: list[tuple[object, ...]] = []
        count = int(messages_per_ticket) + (1 if rand() < messages_per_ticket % 1 else 0)
        for k in range(count):
            reply = k % 2 == 0
            messages.append(
                (
                    _uuid(rng),
                    ticket_id,
                    "reply" if reply else "note",
                    assignee or team[0],
                    (REPLIES if reply else NOTES)[k % 3],
                    ts(received + hour * (2 + 5 * k)),
                    None,
                    None,
                )
            )
        yield row, messages


def _uuid(rng: random.Random) -> str:
    h = f"{rng.getrandbits(128):032x}"
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-a{h[17:20]}-{h[20:]}"


DESK = {
    "server_url": "http://127.0.0.1:9",
    "username": "spv.dinkes-bwi",
    "officer_name": "Sri Handayani",
    "role": "supervisor",
    "opd_code": "DINKES-BWI",
    "desk_id": "00000000-0000-4000-8000-00000000beef",
    "desk_code": "K7Q",
}


def finish_store(conn: sqlite3.Connection) -> None:
    """The directory and a logged-in desk, so the workstation opens on it as on a real one."""
    opds, officers_by_opd = directory()
    conn.executemany(
        "INSERT OR REPLACE INTO opds (code, name, region, tz, address, status_url) VALUES (?, ?, ?, ?, '', '')",
        [(code, f"Dinas {code}", "Jawa Timur", "Asia/Jakarta") for code in opds],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO officers (username, name, role, opd_code) VALUES (?, ?, 'officer', ?)",
        [(u, u.split(".")[0].title(), opd) for opd, team in officers_by_opd.items() for u in team],
    )
    conn.executemany(
        "INSERT OR REPLACE INTO categories (code, name, tier) VALUES (?, ?, ?)",
        [(code, name, tier) for code, tier, name, _ in TOPICS],
    )
    conn.executemany("INSERT OR REPLACE INTO sync_state (key, value) VALUES (?, ?)", list(DESK.items()))


def fill_store(
    data_dir: Path,
    tickets: int,
    *,
    messages_per_ticket: float = 0.5,
    seed: int = 7,
    now: datetime | None = None,
) -> Path:
    """Create (or refill) the migrated local store in ``data_dir`` with ``tickets`` synthetic rows."""
    from desktop.store import LocalStore

    now = now or datetime(2026, 11, 20, 3, 0, tzinfo=UTC)
    started = time.perf_counter()
    from db.engine import connect_encrypted

    store = LocalStore.open(data_dir)  # encrypted, as a desk's: the key goes to the bench keyring
    path, key = store.path, store.key
    store.close()
    assert key is not None
    conn = connect_encrypted(path, key)
    conn.isolation_level = None
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-262144")
    # Indexing every row through the FTS trigger costs about what one rebuild at the end costs,
    # but the rebuild keeps the index compact; the triggers come back exactly as the migration made them.
    triggers = conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name='tickets'"
    ).fetchall()
    for name, _ in triggers:
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("BEGIN")
    conn.execute("DELETE FROM messages")
    conn.execute("DELETE FROM tickets")
    placeholders = ", ".join("?" * len(TICKET_COLUMNS.split(",")))
    batch: list[tuple[object, ...]] = []
    message_batch: list[tuple[object, ...]] = []

    def flush() -> None:
        conn.executemany(f"INSERT INTO tickets ({TICKET_COLUMNS}) VALUES ({placeholders})", batch)
        conn.executemany(
            f"INSERT INTO messages ({MESSAGE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", message_batch
        )
        batch.clear()
        message_batch.clear()

    for done, (row, messages) in enumerate(ticket_rows(tickets, seed, now, messages_per_ticket), 1):
        batch.append(row)
        message_batch.extend(messages)
        if len(batch) >= 20_000:
            flush()
            if done % 200_000 == 0:
                log(f"synthetic store: {done:,} tickets")
    flush()
    conn.execute("INSERT INTO tickets_fts(tickets_fts) VALUES ('rebuild')")
    for _, sql in triggers:
        conn.execute(sql)
    conn.execute(
        "INSERT OR REPLACE INTO sync_state(key, value) VALUES ('synthetic_tickets', ?)", (str(tickets),)
    )
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    log(f"synthetic store of {tickets:,} tickets in {time.perf_counter() - started:.1f} s at {path}")
    return path


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("data_dir", type=Path)
    parser.add_argument("--tickets", type=int, default=1_000_000)
    parser.add_argument("--messages", type=float, default=0.5, help="messages per ticket, on average")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    fill_store(args.data_dir, args.tickets, messages_per_ticket=args.messages, seed=args.seed)


if __name__ == "__main__":
    main()
