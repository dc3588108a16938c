"""The demo province the server seeds: a believable Banyuwangi, the same for the same seed."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone

import pytest

from desktop.domain import (
    OPEN_STATUSES,
    Channel,
    Confidentiality,
    MessageKind,
    Role,
    Status,
    Tier,
    can_transition,
)
from server.seeddata import (
    WELL_KNOWN_PASSWORD,
    WINDOW_DAYS,
    SeedComplaint,
    SeedDirectory,
    build_directory,
    demo_logins,
    generate_complaints,
)

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
N = 3000
CODE_RE = re.compile(r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$")
USERNAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")
CONTROL_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
EVENT_RE = re.compile(r"^Status: (\w+) → (\w+)$")
EMOJI = ("🙏", "😡", "🚧", "💡", "😭", "😤")


@pytest.fixture(scope="module")
def directory() -> SeedDirectory:
    return build_directory(7)


@pytest.fixture(scope="module")
def complaints(directory: SeedDirectory) -> list[SeedComplaint]:
    return list(generate_complaints(directory, N, seed=7, now=NOW))


# --- directory -------------------------------------------------------------------------------


def test_about_25_opds_of_banyuwangi_with_valid_unique_codes(directory: SeedDirectory) -> None:
    codes = [o.code for o in directory.opds]
    assert 22 <= len(codes) <= 30
    assert len(set(codes)) == len(codes)
    assert all(CODE_RE.match(c) for c in codes), codes
    for must in (
        "DINKES-BWI",
        "DPUBM-BWI",
        "DISPENDUKCAPIL-BWI",
        "DLH-BWI",
        "DISHUB-BWI",
        "SATPOLPP-BWI",
        "RSUD-BWI",
        "DISKOMINFO-BWI",
        "KEC-GENTENG-BWI",
        "KEC-MUNCAR-BWI",
    ):
        assert must in codes
    assert sum(o.kind == "kecamatan" for o in directory.opds) >= 5
    assert {o.tz for o in directory.opds} == {"Asia/Jakarta"}
    assert all(o.parent_code is None or o.parent_code in codes for o in directory.opds)
    rsud = next(o for o in directory.opds if o.code == "RSUD-BWI")
    assert rsud.name == "RSUD Blambangan"
    assert rsud.office_hours is not None and 5 in rsud.office_hours  # open Saturday morning


def test_every_opd_has_a_supervisor_and_two_to_four_officers(directory: SeedDirectory) -> None:
    usernames = [o.username for o in directory.officers]
    assert len(set(usernames)) == len(usernames)
    assert all(USERNAME_RE.match(u) and u.isascii() for u in usernames), usernames
    codes = {o.code for o in directory.opds}
    assert {o.opd_code for o in directory.officers} <= codes
    for opd in directory.opds:
        staff = [o for o in directory.officers if o.opd_code == opd.code]
        supervisors = [o for o in staff if o.role is Role.SUPERVISOR]
        officers = [o for o in staff if o.role is Role.OFFICER]
        assert [s.username for s in supervisors] == [f"spv.{opd.short}"]
        assert 2 <= len(officers) <= 4
        assert all(o.username.endswith(f".{opd.short}") for o in officers)


def test_well_known_demo_accounts_use_the_documented_password(directory: SeedDirectory) -> None:
    by_name = {o.username: o for o in directory.officers}
    assert by_name["admin"].role is Role.ADMIN
    assert by_name["spv.dinkes"].role is Role.SUPERVISOR and by_name["spv.dinkes"].opd_code == "DINKES-BWI"
    assert (
        by_name["petugas.dinkes"].role is Role.OFFICER and by_name["petugas.dinkes"].opd_code == "DINKES-BWI"
    )
    for username in ("admin", "spv.dinkes", "petugas.dinkes"):
        assert by_name[username].password == WELL_KNOWN_PASSWORD
    others = [
        o.password for o in directory.officers if o.username not in ("admin", "spv.dinkes", "petugas.dinkes")
    ]
    assert all(len(p) >= 12 and p != WELL_KNOWN_PASSWORD for p in others)
    assert len(set(others)) == len(others)


def test_demo_logins_list_every_account_well_known_first(directory: SeedDirectory) -> None:
    logins = demo_logins(directory)
    assert [u for u, _, _ in logins[:3]] == ["admin", "spv.dinkes", "petugas.dinkes"]
    assert sorted(logins) == sorted((o.username, o.password, o.role.value) for o in directory.officers)


def test_directory_is_the_same_for_a_seed_and_passwords_differ_between_seeds() -> None:
    assert build_directory(3) == build_directory(3)
    a, b = build_directory(3), build_directory(4)
    assert [o.code for o in a.opds] == [o.code for o in b.opds]
    spv = lambda d: {o.username: o.password for o in d.officers if o.username.startswith("spv.")}  # noqa: E731
    assert spv(a).keys() == spv(b).keys()
    assert spv(a)["spv.dishub"] != spv(b)["spv.dishub"]


def test_categories_have_tiers_and_route_to_known_opds(directory: SeedDirectory) -> None:
    codes = {o.code for o in directory.opds}
    cats = {c.code: c for c in directory.categories}
    assert 18 <= len(cats) <= 30
    assert all(CODE_RE.match(c) for c in cats)
    for cat in cats.values():
        assert cat.opd_codes and set(cat.opd_codes) <= codes and cat.name
    assert cats["PUNGLI"].tier is Tier.PENGAWASAN
    assert cats["PJU-MATI"].tier is Tier.RINGAN
    assert cats["JALAN-RUSAK"].tier is Tier.NON_PENGAWASAN
    assert {c.tier for c in cats.values()} == set(Tier)
    # Every OPD can receive something, or its queue would stay empty in the demo.
    assert {code for c in cats.values() for code in c.opd_codes} == codes


def test_canned_responses_fill_their_placeholders(directory: SeedDirectory) -> None:
    codes = {o.code for o in directory.opds}
    assert any(c.opd_code is None for c in directory.canned_responses)
    for canned in directory.canned_responses:
        assert canned.opd_code is None or canned.opd_code in codes
        filled = canned.body.format(nama_pelapor="Siti", nomor_tiket="DINKES-BWI-2611-00042", tenggat="1 Des")
        assert "DINKES-BWI-2611-00042" in filled and canned.title


def test_hari_jadi_banyuwangi_is_a_day_off_for_everyone(directory: SeedDirectory) -> None:
    days = {(opd, day.month, day.day) for opd, day, _ in directory.non_working_days}
    assert (None, 12, 18) in days


# --- complaints -----------------------------------------------------------------------------


def test_same_arguments_give_identical_complaints(
    directory: SeedDirectory, complaints: list[SeedComplaint]
) -> None:
    again = list(generate_complaints(build_directory(7), N, seed=7, now=NOW))
    assert again == complaints
    other = list(generate_complaints(directory, 50, seed=8, now=NOW))
    assert [c.body for c in other] != [c.body for c in complaints[:50]]


def test_exactly_n_complaints_within_the_window_oldest_first(complaints: list[SeedComplaint]) -> None:
    assert len(complaints) == N
    received = [c.received_at for c in complaints]
    assert received == sorted(received)
    assert all(r.utcoffset() == timedelta(0) for r in received)
    assert received[0] >= NOW - timedelta(days=WINDOW_DAYS)
    assert received[-1] <= NOW
    # Spread over the whole window, not bunched at one end.
    assert received[0] < NOW - timedelta(days=85) and received[-1] > NOW - timedelta(days=2)


def test_codes_and_people_refer_to_the_directory(
    directory: SeedDirectory, complaints: list[SeedComplaint]
) -> None:
    categories = {c.code: c for c in directory.categories}
    staff = {o.username: o.opd_code for o in directory.officers}
    for c in complaints:
        assert c.opd_code in categories[c.category_code].opd_codes
        if c.assignee is not None:
            assert staff[c.assignee] == c.opd_code
        for m in c.messages:
            assert staff[m.author] == c.opd_code


def test_kecamatan_offices_only_get_complaints_from_their_own_kecamatan(
    directory: SeedDirectory, complaints: list[SeedComplaint]
) -> None:
    offices = {o.code: o.name.removeprefix("Kecamatan ") for o in directory.opds if o.kind == "kecamatan"}
    theirs = [c for c in complaints if c.opd_code in offices]
    assert theirs
    for c in theirs:
        assert c.location.endswith(f"Kecamatan {offices[c.opd_code]}"), (c.opd_code, c.location)


def test_texts_are_plain_and_never_empty(complaints: list[SeedComplaint]) -> None:
    for c in complaints:
        assert c.title.strip() and c.body.strip() and c.location.strip() and c.reporter_name.strip()
        for text in (
            c.title,
            c.body,
            c.location,
            c.reporter_name,
            c.reporter_contact,
            *(m.body for m in c.messages),
        ):
            assert not CONTROL_RE.search(text), text
        assert "\n" not in c.title
        assert "{" not in c.body and "{" not in c.title  # no unfilled slot


def test_timestamps_are_ordered_and_match_the_status(complaints: list[SeedComplaint]) -> None:
    for c in complaints:
        chain = [c.received_at, c.verified_at, c.assigned_at, c.followed_up_at, c.resolved_at, c.closed_at]
        present = [t for t in chain if t is not None]
        assert present == sorted(present), c
        assert all(t <= NOW for t in present)
        if c.first_response_at is not None:
            assert c.received_at <= c.first_response_at <= NOW
        s = c.status
        assert (c.assignee is not None) == (c.assigned_at is not None), c
        if s is Status.BARU:
            assert present == [c.received_at]
        if s is Status.TERVERIFIKASI:
            assert c.verified_at and not c.assigned_at
        if s is Status.DIDISPOSISI:
            assert c.assigned_at and not c.followed_up_at
        if s in (Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR):
            assert c.followed_up_at and not c.resolved_at and not c.closed_at
        assert (c.paused_since is not None) == (s is Status.MENUNGGU_PELAPOR)
        if s is Status.SELESAI:
            assert c.resolved_at and not c.closed_at
        if s is Status.DITUTUP:
            assert c.closed_at and (c.resolved_at or c.paused_seconds > 0)
        if s is Status.DITOLAK:
            assert c.closed_at and not c.assigned_at and not c.verified_at
        if s is Status.BUKAN_WEWENANG:
            assert not c.resolved_at and not c.closed_at
        if s.is_open:
            assert c.closed_at is None and c.resolved_at is None


def test_messages_follow_the_workflow_and_the_clock(complaints: list[SeedComplaint]) -> None:
    for c in complaints:
        offsets = [m.offset for m in c.messages]
        assert offsets == sorted(offsets)
        assert all(o >= timedelta(0) and c.received_at + o <= NOW for o in offsets)
        replies = [c.received_at + m.offset for m in c.messages if m.kind is MessageKind.REPLY]
        assert c.first_response_at == (min(replies) if replies else None)
        current = Status.BARU
        for m in c.messages:
            match = EVENT_RE.match(m.body) if m.kind is MessageKind.EVENT else None
            if match:
                old, new = Status(match[1]), Status(match[2])
                assert old is current and can_transition(old, new), (c, m)
                current = new
        assert current is c.status


def test_status_mix_looks_like_a_real_quarter(complaints: list[SeedComplaint]) -> None:
    statuses = Counter(c.status for c in complaints)
    assert set(statuses) == set(Status)
    old = [c for c in complaints if c.received_at < NOW - timedelta(days=45)]
    fresh = [c for c in complaints if c.received_at > NOW - timedelta(days=2)]
    done = (Status.SELESAI, Status.DITUTUP)
    assert sum(c.status in done for c in old) / len(old) > 0.75
    assert sum(c.status in OPEN_STATUSES for c in fresh) / len(fresh) > 0.7
    assert 0.005 < statuses[Status.DITOLAK] / N < 0.06
    assert 0.005 < statuses[Status.BUKAN_WEWENANG] / N < 0.06
    # Some are late, so the demo queue shows breached deadlines.
    assert (
        sum(
            c.verified_at is not None and c.verified_at - c.received_at > timedelta(days=5)
            for c in complaints
        )
        > 10
    )
    stale_open = [c for c in old if c.status in OPEN_STATUSES]
    assert stale_open


def test_channels_lean_on_social_media_and_confidentiality_is_mixed(complaints: list[SeedComplaint]) -> None:
    channels = Counter(c.channel for c in complaints)
    assert set(channels) == set(Channel)
    social = sum(
        channels[ch] for ch in (Channel.TWITTER, Channel.INSTAGRAM, Channel.FACEBOOK, Channel.WHATSAPP)
    )
    assert 0.48 < social / N < 0.65
    assert 0.10 < channels[Channel.LAPOR] / N < 0.20
    conf = Counter(c.confidentiality for c in complaints)
    assert 0.06 < conf[Confidentiality.ANONIM] / N < 0.15
    assert 0.015 < conf[Confidentiality.RAHASIA] / N < 0.06
    watchdog = [c for c in complaints if c.category_code in ("PUNGLI", "PENYALAHGUNAAN")]
    assert sum(c.confidentiality is Confidentiality.RAHASIA for c in watchdog) / len(watchdog) > 0.4


def test_walk_ins_and_calls_arrive_during_office_hours(complaints: list[SeedComplaint]) -> None:
    wib = timezone(timedelta(hours=7))
    for c in complaints:
        if c.channel in (Channel.WALK_IN, Channel.PHONE):
            local = c.received_at.astimezone(wib)
            assert local.weekday() < 5 and 8 <= local.hour < 16, c
    night = [c for c in complaints if c.received_at.astimezone(wib).hour in (22, 23, 0, 1)]
    assert night  # people complain at night too


def test_references_and_contacts_fit_the_channel(complaints: list[SeedComplaint]) -> None:
    patterns = {
        Channel.TWITTER: (r"^https://x\.com/\w+/status/\d{18,20}$", r"^@\w+$"),
        Channel.INSTAGRAM: (r"^https://www\.instagram\.com/p/[\w-]{11}/$", r"^@\w+$"),
        Channel.FACEBOOK: (r"^https://www\.facebook\.com/[\w./]+/posts/\d+$", r"^facebook\.com/[\w.]+$"),
        Channel.WHATSAPP: (r"^https://wa\.me/628\d{9,11}#\w+$", r"^08\d{9,11}$"),
        Channel.LAPOR: (r"^LAPOR-\d{4}-\d{7}$", r"^(08\d{9,11}|[\w.]+@[\w.]+)$"),
        Channel.EMAIL: (r"^<[\w-]+@mail\.gmail\.com>$", r"^[\w.]+@[\w.]+$"),
        Channel.WEB: (r"^https://\S+$", r"^(08\d{9,11}|[\w.]+@[\w.]+)$"),
        Channel.PHONE: (r"^$", r"^08\d{9,11}$"),
        Channel.WALK_IN: (r"^$", r"^(08\d{9,11})?$"),
    }
    for c in complaints:
        ref, contact = patterns[c.channel]
        assert re.match(ref, c.external_ref), c.external_ref
        assert re.match(contact, c.reporter_contact), (c.channel, c.reporter_contact)
    refs = [(c.channel, c.external_ref) for c in complaints if c.external_ref]
    assert len(set(refs)) == len(refs)  # intake would fold duplicates into one ticket


def test_complaints_read_like_indonesian_people_wrote_them(complaints: list[SeedComplaint]) -> None:
    bodies = [c.body for c in complaints]
    lengths = sorted(len(b) for b in bodies)
    assert lengths[0] < 80 and lengths[len(lengths) // 2] < 600
    assert any("\n\n" in b for b in bodies)
    assert sum(any(e in b for e in EMOJI) for b in bodies) > N * 0.1
    slang = ("min", "gimana", "tolong", "udah", "bgt", "lur", "rek", "sampeyan")
    assert sum(any(re.search(rf"\b{w}\b", b.lower()) for w in slang) for b in bodies) > N * 0.3
    assert any("#" in c.body for c in complaints if c.channel in (Channel.TWITTER, Channel.INSTAGRAM))
    assert any("'" in c.reporter_name for c in complaints)
    formal = [c.body for c in complaints if c.channel is Channel.LAPOR]
    assert sum("Mohon" in b or "mohon" in b for b in formal) > len(formal) * 0.3
    # Officialese to letters and reports; the social-media admin greets like the post was written.
    for c in complaints:
        for m in c.messages:
            if m.kind is MessageKind.REPLY and not c.channel.is_social:
                assert m.body.startswith("Yth."), m.body
            if m.kind is MessageKind.REPLY and c.channel.is_social:
                assert m.body.startswith(("Yth.", "Halo", "Terima kasih")), m.body
    notes = [m.body for c in complaints for m in c.messages if m.kind is MessageKind.NOTE]
    assert notes and sum(not n.startswith("Yth.") for n in notes) == len(notes)  # internal tone, not a letter


def test_about_one_in_500_is_a_very_long_story(directory: SeedDirectory) -> None:
    long_ones = [c for c in generate_complaints(directory, 5000, seed=11, now=NOW) if len(c.body) > 5000]
    assert 2 <= len(long_ones) <= 25
    assert all(len(c.body) <= 20_000 and c.body.count("\n\n") >= 5 for c in long_ones)


def test_nothing_to_generate_and_bad_arguments() -> None:
    directory = build_directory(0)
    assert list(generate_complaints(directory, 0, seed=1, now=NOW)) == []
    with pytest.raises(ValueError, match="timezone-aware"):
        list(generate_complaints(directory, 5, seed=1, now=datetime(2026, 11, 28, 9, 0)))
    with pytest.raises(ValueError, match="negative"):
        list(generate_complaints(directory, -1, seed=1, now=NOW))


def test_a_now_in_another_zone_means_the_same_instant(directory: SeedDirectory) -> None:
    wib_now = NOW.astimezone(timezone(timedelta(hours=7)))
    assert list(generate_complaints(directory, 200, seed=2, now=wib_now)) == list(
        generate_complaints(directory, 200, seed=2, now=NOW)
    )
