"""A stream of complaints as a Banyuwangi month really brings them in, each with its history."""

from __future__ import annotations

import math
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

from desktop.domain import Channel, Confidentiality, MessageKind, Role, Status, Tier
from server.seeddata import texts
from server.seeddata.dice import between, pick, weighted
from server.seeddata.directory import KECAMATAN_OFFICES
from server.seeddata.places import (
    DUSUN,
    EMAIL_DOMAINS,
    FIRST_NAMES,
    HANDLE_WORDS,
    KECAMATAN,
    KECAMATAN_WEIGHTS,
    KELURAHAN,
    LANDMARKS,
    LAST_NAMES,
    OPD_HANDLES,
    PHONE_PREFIXES,
    STREETS,
)
from server.seeddata.records import SeedComplaint, SeedDirectory, SeedMessage

WINDOW_DAYS = 90
# A ticket may sit forgotten at a stage (never verified, never followed up, never resolved) only
# while it is younger than this; older ones were picked up late and went on. Without it, three
# months of forgotten tickets made most of the demo's open queue red.
STALL_DAYS = 6
SUPERVISOR_SHARE = 0.25  # of dispositions, to the OPD's supervisor (their "Antrean saya")
WAIT_SHARE = 0.15  # of tickets in progress, a question to the citizen that pauses the clock
WIB = timedelta(hours=7)  # every seeded OPD is in Asia/Jakarta, which keeps no daylight saving
WIB_SECONDS = 7 * 3600
HOUR = 3600.0
DAY = 86400.0

# Social media and WhatsApp together ~57%; walk-in and phone only on working days.
_CHANNEL_WEIGHTS: dict[Channel, float] = {
    Channel.TWITTER: 17,
    Channel.INSTAGRAM: 15,
    Channel.FACEBOOK: 12,
    Channel.WHATSAPP: 13,
    Channel.LAPOR: 15,
    Channel.EMAIL: 6,
    Channel.WEB: 7,
    Channel.PHONE: 7,
    Channel.WALK_IN: 8,
}
_OFFICE_CHANNELS = (Channel.PHONE, Channel.WALK_IN)
# People post from dawn to past midnight; evenings after work are busiest.
_ONLINE_HOUR_WEIGHTS = (1, 0.5, 0.3, 0.3, 0.6, 1.5, 3, 5, 7, 8, 8, 7, 6, 6, 6, 6, 6, 5, 5, 7, 8, 8, 5, 3)
_OFFICE_HOUR_WEIGHTS = (0, 0, 0, 0, 0, 0, 0, 0, 6, 9, 9, 7, 4, 6, 5, 3, 0, 0, 0, 0, 0, 0, 0, 0)
_WEEKDAY_FACTOR = (1.2, 1.1, 1.05, 1.0, 0.9, 0.75, 0.7)

_TOPIC_WEIGHTS: dict[str, float] = {
    "JALAN-RUSAK": 14,
    "PJU-MATI": 8,
    "SAMPAH": 9,
    "PENCEMARAN": 3,
    "BANJIR-DRAINASE": 5,
    "POHON-LONGSOR": 2,
    "LAYANAN-PUSKESMAS": 6,
    "ANTREAN-RSUD": 6,
    "BPJS-KIS": 4,
    "ADMINDUK": 9,
    "BANSOS": 6,
    "PUNGLI": 2,
    "PENYALAHGUNAAN": 1.5,
    "IZIN-USAHA": 2.5,
    "AIR-PDAM": 6,
    "PARKIR-LIAR": 4,
    "KETERTIBAN-UMUM": 4,
    "PENDIDIKAN": 3,
    "PAJAK-DAERAH": 2,
    "KETENAGAKERJAAN": 1.5,
    "PUPUK-PERTANIAN": 2,
    "RTLH": 1.5,
    "WISATA": 2,
    "APLIKASI-LAYANAN": 2,
    "LAYANAN-KECAMATAN": 3,
}
# Written reports (LAPOR!, e-mail, web) carry more of the serious and paperwork matters.
_FORMAL_BOOST = {
    "PUNGLI": 2.5,
    "PENYALAHGUNAAN": 2.5,
    "IZIN-USAHA": 2,
    "BANSOS": 1.5,
    "ADMINDUK": 1.3,
    "KETENAGAKERJAAN": 2,
    "PAJAK-DAERAH": 1.5,
}
_WATCHDOG_TOPICS = frozenset({"PUNGLI", "PENYALAHGUNAAN"})
_TIER_CALENDAR_DAYS = {Tier.RINGAN: 2.8, Tier.NORMATIF: 7.0, Tier.NON_PENGAWASAN: 19.6, Tier.PENGAWASAN: 84.0}
_B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_TWITTER_EPOCH_MS = 1288834974657


class _Directory:
    """Lookup tables built once per run, so each complaint costs only a few dictionary hits."""

    def __init__(self, directory: SeedDirectory) -> None:
        self.opd_name = {o.code: o.name for o in directory.opds}
        self.supervisor: dict[str, str] = {}
        self.officers: dict[str, list[str]] = {}
        for officer in directory.officers:
            if officer.role is Role.SUPERVISOR:
                self.supervisor.setdefault(officer.opd_code, officer.username)
            elif officer.role is Role.OFFICER:
                self.officers.setdefault(officer.opd_code, []).append(officer.username)
        for code in self.opd_name:
            if code not in self.supervisor or code not in self.officers:
                raise ValueError(
                    f"OPD {code} needs a supervisor and at least one officer to receive complaints"
                )
        self.categories = {c.code: c for c in directory.categories}
        known = [code for code in _TOPIC_WEIGHTS if code in self.categories]
        if not known:
            raise ValueError("the directory has none of the seeded complaint categories")
        self.topics = tuple(known)
        self.topic_cum = _cumulative([_TOPIC_WEIGHTS[c] for c in known])
        self.topic_cum_formal = _cumulative([_TOPIC_WEIGHTS[c] * _FORMAL_BOOST.get(c, 1.0) for c in known])
        office_of_kec = {kec: code for code, kec in KECAMATAN_OFFICES.items() if code in self.opd_name}
        self.office_of_kec = office_of_kec
        self.agencies = {
            cat.code: tuple(code for code in cat.opd_codes if code not in KECAMATAN_OFFICES)
            for cat in directory.categories
        }
        # Categories only kecamatan offices handle: the complaint must come from one of theirs.
        self.office_kecamatan: dict[str, tuple[str, ...]] = {}
        for cat in directory.categories:
            if cat.opd_codes and all(code in KECAMATAN_OFFICES for code in cat.opd_codes):
                self.office_kecamatan[cat.code] = tuple(KECAMATAN_OFFICES[code] for code in cat.opd_codes)


def _cumulative(weights: list[float]) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def _spread(n: int, weights: list[float]) -> list[int]:
    """n split over the weights, largest remainder first, so the counts always add up to n."""
    total = sum(weights)
    exact = [n * w / total for w in weights]
    counts = [int(x) for x in exact]
    by_remainder = sorted(range(len(weights)), key=lambda i: (counts[i] - exact[i], i))
    for i in by_remainder[: n - sum(counts)]:
        counts[i] += 1
    return counts


def _office_time(t: int, rng: random.Random) -> int:
    """The first moment an officer at the desk would do it: working hours, Monday to Friday.

    Times in the timeline are whole UTC epoch seconds: integer arithmetic is what keeps a
    million tickets fast, and whole seconds keep received_at + offset exact.
    """
    local = t + WIB_SECONDS
    day, second = divmod(local, 86400)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday
    if weekday < 5 and 8 * 3600 <= second < 16 * 3600:
        return t
    if not (weekday < 5 and second < 8 * 3600):
        day += 1
        weekday = (weekday + 1) % 7
    if weekday >= 5:
        day += 7 - weekday
    return day * 86400 - WIB_SECONDS + 8 * 3600 + int(rng.random() * 3 * 3600)


def _delay(rng: random.Random, median_hours: float, late_share: float, late_factor: float) -> int:
    """Seconds until someone gets to it: log-normal around the median, with a late tail."""
    hours = median_hours * math.exp(0.8 * rng.gauss())
    if rng.random() < late_share:
        hours *= late_factor
    return int(hours * 3600)


class _Refs:
    """External references; LAPOR! numbers come from a counter so they never repeat."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.lapor = rng.randrange(1_000_000, 2_000_000)
        self.web = rng.randrange(10_000, 50_000)

    def _b64(self, length: int) -> str:
        bits = self.rng.getrandbits(6 * length)
        return "".join(_B64[(bits >> (6 * i)) & 63] for i in range(length))

    def make(self, channel: Channel, received: datetime, handle: str, phone: str) -> str:
        rng = self.rng
        if channel is Channel.TWITTER:
            ms = int(received.timestamp() * 1000) - _TWITTER_EPOCH_MS
            return f"https://x.com/{handle}/status/{(ms << 22) | rng.getrandbits(22)}"
        if channel is Channel.INSTAGRAM:
            return f"https://www.instagram.com/p/{self._b64(11)}/"
        if channel is Channel.FACEBOOK:
            page = pick(rng, ("groups/infobanyuwangi", "groups/wargabanyuwangi", handle.replace("_", ".")))
            return f"https://www.facebook.com/{page}/posts/{rng.randrange(10**15, 10**16)}"
        if channel is Channel.WHATSAPP:
            return f"https://wa.me/62{phone[1:]}#3EB0{rng.getrandbits(64):016X}"
        if channel is Channel.LAPOR:
            self.lapor += between(rng, 1, 3)
            return f"LAPOR-{received:%y%m}-{self.lapor}"
        if channel is Channel.EMAIL:
            return f"<CA{self._b64(30)}@mail.gmail.com>"
        if channel is Channel.WEB:
            self.web += between(rng, 1, 2)
            return f"https://pengaduan.banyuwangikab.go.id/aduan/{self.web}"
        return ""


def _arrivals(rng: random.Random, n: int, now: datetime) -> Iterator[tuple[int, Channel]]:
    """(received_at, channel) in time order over the 90 days before now."""
    start = now - timedelta(days=WINDOW_DAYS)
    first_local_day = (start + WIB).date()
    last_local_day = (now + WIB).date()
    days: list[date] = []
    weights: list[float] = []
    day = first_local_day
    while day <= last_local_day:
        midnight = datetime.combine(day, time(0), tzinfo=UTC) - WIB
        covered = (min(now, midnight + timedelta(days=1)) - max(start, midnight)).total_seconds() / DAY
        trend = 1.0 + 0.1 * len(days) / WINDOW_DAYS
        days.append(day)
        weights.append(max(covered, 0.0) * _WEEKDAY_FACTOR[day.weekday()] * trend)
        day += timedelta(days=1)
    channels = list(_CHANNEL_WEIGHTS)
    workday_cum = _cumulative(
        [w * (7 / 5 if c in _OFFICE_CHANNELS else 1) for c, w in _CHANNEL_WEIGHTS.items()]
    )
    weekend_cum = _cumulative([0 if c in _OFFICE_CHANNELS else w for c, w in _CHANNEL_WEIGHTS.items()])
    hours = range(24)
    online_cum = _cumulative(list(_ONLINE_HOUR_WEIGHTS))
    office_cum = _cumulative(list(_OFFICE_HOUR_WEIGHTS))
    for day, count in zip(days, _spread(n, weights), strict=True):
        if not count:
            continue
        midnight = datetime.combine(day, time(0), tzinfo=UTC) - WIB
        lo = max(0.0, (start - midnight).total_seconds())
        hi = min(DAY, (now - midnight).total_seconds())
        cum = workday_cum if day.weekday() < 5 else weekend_cum
        batch: list[tuple[float, Channel]] = []
        for _ in range(count):
            channel = weighted(rng, channels, cum)
            hour_cum = office_cum if channel in _OFFICE_CHANNELS else online_cum
            for _attempt in range(8):
                second = weighted(rng, hours, hour_cum) * HOUR + rng.random() * HOUR
                if lo <= second < hi:
                    break
            else:  # a day cut by the window's edge: any moment inside it will do
                second = lo + rng.random() * (hi - lo)
            batch.append((second, channel))
        batch.sort(key=lambda item: item[0])
        base = int(midnight.timestamp())
        for second, channel in batch:
            yield base + math.ceil(second), channel


def _handle_part(name: str) -> str:
    return "_".join(
        "".join(ch for ch in name.lower() if ch.isascii() and (ch.isalnum() or ch == " ")).split()
    )


_HANDLE_PART = {name: _handle_part(name) for name in (*FIRST_NAMES, *LAST_NAMES)}


def _reporter(rng: random.Random) -> tuple[str, str, str]:
    """(name, social handle, phone)."""
    first = pick(rng, FIRST_NAMES)
    last = pick(rng, LAST_NAMES) if rng.random() < 0.8 or first.endswith(".") else ""
    name = f"{first} {last}" if last else first
    if rng.random() < 0.6:
        handle = _HANDLE_PART[first] + (f"_{_HANDLE_PART[last]}" if last else "")
        handle += str(between(rng, 10, 998)) if rng.random() < 0.6 else ""
    else:
        handle = f"{pick(rng, HANDLE_WORDS)}_{pick(rng, HANDLE_WORDS)}{between(rng, 1, 98)}"
    phone = f"{pick(rng, PHONE_PREFIXES)}{between(rng, 10**7, 10**8 - 1)}"
    return name, handle[:15].strip("_") or "warga_bwi", phone


def _contact(rng: random.Random, channel: Channel, handle: str, phone: str) -> str:
    if channel in (Channel.TWITTER, Channel.INSTAGRAM):
        return f"@{handle}"
    if channel is Channel.FACEBOOK:
        return f"facebook.com/{handle.replace('_', '.')}"
    email = f"{handle.replace('_', '.')}@{pick(rng, EMAIL_DOMAINS)}"
    if channel is Channel.EMAIL or (channel in (Channel.LAPOR, Channel.WEB) and rng.random() < 0.4):
        return email
    if channel is Channel.WALK_IN and rng.random() < 0.2:
        return ""  # came in person and left no number
    return phone


class _History:
    """Messages and stage times of one ticket, with everything after `now` cut away."""

    def __init__(self, received: int, now: int) -> None:
        self.received = received
        self.now = now
        self.messages: list[SeedMessage] = []

    def add(self, at: int, kind: MessageKind, author: str, body: str) -> None:
        if at <= self.now:
            self.messages.append(SeedMessage(kind, author, body, timedelta(seconds=at - self.received)))

    def event(self, at: int, author: str, old: Status, new: Status) -> None:
        self.add(at, MessageKind.EVENT, author, _EVENT_BODIES[old, new])


# Built once: an enum's .value is a descriptor call, too slow to repeat for every event.
_EVENT_BODIES = {(old, new): f"Status: {old.value} → {new.value}" for old in Status for new in Status}


def _utc(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, UTC)


def _maybe_utc(ts: int | None) -> datetime | None:
    return None if ts is None else datetime.fromtimestamp(ts, UTC)


def _complaint(
    d: _Directory, rng: random.Random, refs: _Refs, channel: Channel, received: int, now: int
) -> SeedComplaint:
    formal = texts.REGISTER_OF_CHANNEL[channel] == texts.FORMAL
    topic = weighted(rng, d.topics, d.topic_cum_formal if formal else d.topic_cum)
    category = d.categories[topic]

    only_offices = d.office_kecamatan.get(topic)
    kec = pick(rng, only_offices) if only_offices else weighted(rng, _KEC_NAMES, _KEC_CUM)
    desa = pick(rng, KECAMATAN[kec])
    office = d.office_of_kec.get(kec)
    agencies = d.agencies[topic]
    if office is not None and office in category.opd_codes and (not agencies or rng.random() < 0.45):
        opd = office
    else:  # the usual agency mostly, the others now and then
        opd = agencies[0] if len(agencies) == 1 or rng.random() < 0.7 else pick(rng, agencies[1:])

    r = rng.random()
    if topic in _WATCHDOG_TOPICS:
        confidentiality = (
            Confidentiality.RAHASIA
            if r < 0.6
            else Confidentiality.ANONIM
            if r < 0.85
            else Confidentiality.PUBLIC
        )
    else:
        confidentiality = (
            Confidentiality.RAHASIA
            if r < 0.01
            else Confidentiality.ANONIM
            if r < 0.10
            else Confidentiality.PUBLIC
        )

    name, handle, phone = _reporter(rng)
    desa_label = f"Kelurahan {desa}" if desa in KELURAHAN else f"Desa {desa}"
    slots = {
        "desa": desa,
        "kec": kec,
        "desa_label": desa_label,
        "jalan": pick(rng, STREETS),
        "dusun": pick(rng, DUSUN),
        "rt": f"0{between(rng, 1, 9)}/0{between(rng, 1, 9)}",
        "lama": pick(rng, texts.DURATIONS),
        "n": str(between(rng, 2, 9)),
        "jam": pick(rng, texts.HOURS),
        "hari": pick(rng, texts.DAYS),
        "nama": name,
        "nama_lain": pick(rng, FIRST_NAMES),
        "nama_lain2": pick(rng, FIRST_NAMES),
        "opd": d.opd_name[opd],
        "mention": pick(rng, OPD_HANDLES),
    }
    slots["tempat"] = pick(rng, LANDMARKS).format_map(slots)
    title, body = texts.complaint_text(topic, slots, rng, channel, confidentiality)
    location = f"{desa_label}, Kecamatan {kec}"

    # --- what happened to it, cut at `now` ---------------------------------------------------
    h = _History(received, now)
    social = channel.is_social
    spv = d.supervisor[opd]
    staff = d.officers[opd]
    sal = texts.salutation(channel, confidentiality, name)
    first_reply: int | None = None

    def reply(at: int, author: str, text: str) -> None:
        nonlocal first_reply
        if at <= now:
            h.add(at, MessageKind.REPLY, author, text)
            if first_reply is None or at < first_reply:
                first_reply = at

    responder = spv if rng.random() < 0.4 else pick(rng, staff)
    # A "ringan" matter is due in two working days: the desk moves it along at that pace.
    pace = 0.35 if category.tier is Tier.RINGAN else 1.0
    verify_at = _office_time(received + _delay(rng, (6 if social else 20) * pace, 0.08, 6), rng)
    if rng.random() < 0.85:
        ack = received + (_delay(rng, 1.5, 0.08, 12) if social else _delay(rng, 16, 0.1, 5))
        if not social or rng.random() < 0.3:
            ack = _office_time(ack, rng)
        # The acknowledgement says "being verified": it never comes after the verification.
        reply(min(ack, verify_at), responder, texts.reply_ack(rng, channel, sal, d.opd_name[opd]))

    status = Status.BARU
    verified: int | None = None
    assigned: int | None = None
    followed: int | None = None
    resolved: int | None = None
    closed: int | None = None
    assignee: str | None = None
    paused_since: int | None = None
    paused_seconds = 0
    tier_days = _TIER_CALENDAR_DAYS[category.tier]

    # An OPD at work clears what it forgot sooner or later: a ticket stalls at a stage only while
    # it is recent, so the backlog is this week's work (a few late), not a quarter's leftovers.
    recent = now - received < STALL_DAYS * DAY
    r = rng.random()
    if r < 0.03 and recent:  # stalled: nobody has looked at it yet
        pass
    elif r < 0.06 and verify_at <= now:
        status = Status.DITOLAK
        closed = verify_at
        h.event(verify_at, responder, Status.BARU, Status.DITOLAK)
        reply(verify_at, responder, texts.reply_reject(rng, sal))
    elif r < 0.075 and verify_at <= now:
        status = Status.BUKAN_WEWENANG
        public, note = texts.reply_not_ours(rng, sal)
        h.add(verify_at, MessageKind.NOTE, responder, note)
        h.event(verify_at, responder, Status.BARU, Status.BUKAN_WEWENANG)
        reply(verify_at, responder, public)
    elif verify_at <= now:
        status, verified = Status.TERVERIFIKASI, verify_at
        h.event(verify_at, responder, Status.BARU, Status.TERVERIFIKASI)
        assign_at = _office_time(verify_at + _delay(rng, 5 * pace, 0.08, 8), rng)
        if (rng.random() >= 0.03 or not recent) and assign_at <= now:
            status, assigned = Status.DIDISPOSISI, assign_at
            if rng.random() < SUPERVISOR_SHARE:  # the head of the unit takes some cases personally
                assignee = spv
            else:
                assignee = staff[min(int(rng.random() ** 1.6 * len(staff)), len(staff) - 1)]
            h.add(assign_at, MessageKind.EVENT, spv, f"Disposisi kepada {assignee}")
            h.event(assign_at, spv, Status.TERVERIFIKASI, Status.DIDISPOSISI)
            if rng.random() < 0.5:
                h.add(assign_at, MessageKind.NOTE, spv, texts.note_assign(rng, assignee.split(".")[0]))
            follow_at = _office_time(assign_at + _delay(rng, 20 * pace, 0.06, 5), rng)
            r2 = rng.random()
            if r2 < 0.02 and follow_at <= now:
                status = Status.BUKAN_WEWENANG
                public, note = texts.reply_not_ours(rng, sal)
                h.add(follow_at, MessageKind.NOTE, assignee, note)
                h.event(follow_at, spv, Status.DIDISPOSISI, Status.BUKAN_WEWENANG)
                reply(follow_at, spv, public)
            elif (r2 >= 0.06 or not recent) and follow_at <= now:
                status, followed = Status.DITINDAKLANJUTI, follow_at
                h.event(follow_at, assignee, Status.DIDISPOSISI, Status.DITINDAKLANJUTI)
                if rng.random() < 0.55:
                    reply(follow_at, assignee, texts.reply_follow_up(rng, topic, sal, slots))
                work_from = follow_at
                if rng.random() < WAIT_SHARE:
                    wait_at = _office_time(follow_at + _delay(rng, 24, 0, 1), rng)
                    if wait_at <= now:
                        status, paused_since = Status.MENUNGGU_PELAPOR, wait_at
                        h.event(wait_at, assignee, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR)
                        reply(wait_at, assignee, texts.reply_ask(rng, topic, sal))
                        if rng.random() < 0.2:  # the citizen never answers; the ticket closes
                            close_at = _office_time(wait_at + int(rng.uniform(10, 14) * DAY), rng)
                            if close_at <= now:
                                status, closed, paused_since = Status.DITUTUP, close_at, None
                                paused_seconds = close_at - wait_at
                                h.event(close_at, spv, Status.MENUNGGU_PELAPOR, Status.DITUTUP)
                            work_from = now + 86400
                        else:
                            back_at = _office_time(wait_at + _delay(rng, 60, 0.1, 3), rng)
                            if back_at <= now:
                                status, paused_since = Status.DITINDAKLANJUTI, None
                                paused_seconds = back_at - wait_at
                                h.add(back_at, MessageKind.NOTE, assignee, texts.note_wait_done(rng))
                                h.event(back_at, assignee, Status.MENUNGGU_PELAPOR, Status.DITINDAKLANJUTI)
                            work_from = back_at
                # Officers work to the tier's deadline, counted from receipt (plus any pause):
                # most finish within it, about one in eight overruns it.
                budget = DAY * tier_days * rng.uniform(0.35, 0.9)
                budget *= rng.uniform(1.3, 3) if rng.random() < 0.12 else 1
                resolve_at = _office_time(
                    max(work_from + int(DAY * 0.1), received + paused_seconds + int(budget)), rng
                )
                notes_until = closed if closed is not None else min(resolve_at, now)
                for _ in range(pick(rng, (0, 0, 1, 1, 2))):
                    at = _office_time(follow_at + int((notes_until - follow_at) * rng.random()), rng)
                    if at <= notes_until:
                        h.add(at, MessageKind.NOTE, assignee, texts.note_on_topic(rng, topic, slots))
                if (
                    status is Status.DITINDAKLANJUTI
                    and (rng.random() >= 0.04 or not recent)
                    and resolve_at <= now
                ):
                    status, resolved = Status.SELESAI, resolve_at
                    h.event(resolve_at, assignee, Status.DITINDAKLANJUTI, Status.SELESAI)
                    reply(resolve_at, assignee, texts.reply_done(rng, topic, sal, slots))
                    close_at = resolve_at + 10 * 86400 + int(rng.random() * 86400)
                    if close_at <= now:
                        status, closed = Status.DITUTUP, close_at
                        h.event(close_at, spv, Status.SELESAI, Status.DITUTUP)

    if closed is not None and status is Status.DITUTUP and paused_since is not None:
        paused_since = None
    messages = h.messages
    messages.sort(key=lambda m: m.offset)
    received_at = _utc(received)
    return SeedComplaint(
        channel=channel,
        external_ref=refs.make(channel, received_at, handle, phone),
        confidentiality=confidentiality,
        reporter_name=name,
        reporter_contact=_contact(rng, channel, handle, phone),
        title=title,
        body=body,
        category_code=topic,
        opd_code=opd,
        location=location,
        received_at=received_at,
        status=status,
        assignee=assignee,
        verified_at=_maybe_utc(verified),
        first_response_at=_maybe_utc(first_reply),
        assigned_at=_maybe_utc(assigned),
        followed_up_at=_maybe_utc(followed),
        resolved_at=_maybe_utc(resolved),
        closed_at=_maybe_utc(closed),
        messages=tuple(messages),
        paused_since=_maybe_utc(paused_since),
        paused_seconds=paused_seconds,
    )


_KEC_NAMES = tuple(KECAMATAN_WEIGHTS)
_KEC_CUM = _cumulative([float(KECAMATAN_WEIGHTS[k]) for k in _KEC_NAMES])


def generate_complaints(
    directory: SeedDirectory, n: int, seed: int, now: datetime
) -> Iterator[SeedComplaint]:
    """n complaints received in the 90 days before `now`, oldest first.

    The same (directory, n, seed, now) always yields the same complaints. Every time is UTC.
    """
    if n < 0:
        raise ValueError(f"the number of complaints cannot be negative, got {n}")
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    now = now.astimezone(UTC)
    lookup = _Directory(directory)
    rng = random.Random(f"tanggap-complaints:{seed}")
    refs = _Refs(random.Random(f"tanggap-refs:{seed}"))
    now_ts = int(now.timestamp())  # whole seconds: nothing generated lies after `now`
    for received, channel in _arrivals(rng, n, now):
        yield _complaint(lookup, rng, refs, channel, min(received, now_ts), now_ts)
