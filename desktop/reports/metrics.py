"""The figures of a performance summary, computed from plain ticket facts (no layout, no database).

Definitions (docs/reports.md repeats them for the people who read the summary):
- scope: tickets of ``opd_codes`` (None: every ticket given) and, with ``officer``, assigned to them;
- period: ``start`` 00:00 to the end of ``end`` in the request's time zone;
- received: received in the period; resolved: resolved in the period (whenever received);
- first-response time: office hours (``WorkCalendar.working_time_between`` of the ticket's OPD)
  from receipt to the first public reply, over tickets received in the period; an open ticket
  with no reply yet counts with the office hours it has waited until ``now`` (still waiting, so
  at least that long); a ticket closed without a reply (rejected, transferred) is left out;
  median is the usual middle value, the 90th percentile is the nearest-rank value;
- SLA stage outcome, for tickets received in the period with a deadline for that stage:
  met when done by the deadline, breached when done late or still open and past it at ``now``,
  pending otherwise (not counted in the share); a ticket closed without the stage happening
  (rejected, transferred) does not count for that stage;
- backlog: tickets received up to the end of the period that are still open at ``now``, by age in
  calendar days at ``now``;
- the citizen's answers (docs/lacak.md): over the tickets that reached ``selesai`` in the period
  (resolved in it, or reopened by the citizen's "tidak" in it and open again): how many the citizen
  rebutted ("tidak" at least once), how many the citizen's latest answer confirmed solved ("ya"),
  and the IKM of their ratings (desktop.satisfaction, with the number of ratings);
- delivery (issue 21): over the public replies written in the period: how many reached the citizen
  (WhatsApp ``delivered``/``read``, e-mail ``sent`` - e-mail reports nothing further - and manual
  channels marked ``delivered`` by the officer), the median time from the reply to the delivery's
  last report per channel, and the manual deliveries still not posted (of any date).
"""

from __future__ import annotations

import math
import statistics
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from desktop.domain import (
    OPEN_STATUSES,
    Channel,
    Confidentiality,
    Deadlines,
    Feedback,
    Stage,
    Status,
    Ticket,
)
from desktop.labels import CHANNEL_PRINT_ORDER
from desktop.satisfaction import Ikm, ikm
from desktop.sla import WorkCalendar

STAGES: tuple[Stage, ...] = (Stage.VERIFICATION, Stage.FIRST_RESPONSE, Stage.FOLLOW_UP, Stage.RESOLUTION)

_STAGE_FIELDS: tuple[str, ...] = tuple(s.value for s in STAGES)

# (lowest age in days, highest age in days or None for open-ended)
BACKLOG_BUCKETS: tuple[tuple[int, int | None], ...] = ((0, 3), (4, 7), (8, 14), (15, 30), (31, None))


class SummaryTicket(NamedTuple):
    """Just what the summary needs of one ticket, cheap to stream from the local store (a named
    tuple: building 100,000 frozen dataclasses took longer than reading them)."""

    tracking_no: str
    opd_code: str
    channel: Channel
    status: Status
    received_at: datetime
    title: str = ""
    category_code: str | None = None
    assignee: str | None = None
    first_response_at: datetime | None = None
    resolved_at: datetime | None = None
    deadlines: Deadlines = Deadlines()
    # When each stage was done (same shape as the deadlines: one instant per stage).
    met_at: Deadlines = Deadlines()
    confidentiality: Confidentiality = Confidentiality.PUBLIC
    feedback: Feedback | None = None  # the citizen's answer on the public page
    incident_id: str | None = None  # complaints of one incident are one problem (docs/incidents.md)

    @classmethod
    def from_ticket(cls, ticket: Ticket) -> SummaryTicket:
        return cls(
            tracking_no=ticket.tracking_no,
            opd_code=ticket.opd_code,
            channel=ticket.channel,
            status=ticket.status,
            received_at=ticket.received_at,
            title=ticket.title,
            category_code=ticket.category_code,
            assignee=ticket.assignee,
            first_response_at=ticket.first_response_at,
            resolved_at=ticket.resolved_at,
            deadlines=ticket.deadlines,
            met_at=Deadlines(
                verification=ticket.verified_at,
                first_response=ticket.first_response_at,
                # Follow-up is met by the first reply after disposition; the store knows it, a
                # bare Ticket does not, so it stays unknown here.
                follow_up=None,
                resolution=ticket.resolved_at,
            ),
            confidentiality=ticket.confidentiality,
            feedback=ticket.feedback,
        )


class ReplyDelivery(NamedTuple):
    """A public reply of a ticket in scope and its delivery as the server last said (None: none)."""

    channel: Channel  # the ticket's channel
    created_at: datetime
    state: str | None = None
    delivery_channel: str = ""  # email, whatsapp, or the manual channel's own name
    updated_at: datetime | None = None


@dataclass(frozen=True)
class SummaryRequest:
    start: date
    end: date  # inclusive
    opd_codes: tuple[str, ...] | None = None  # None: all OPDs in the caller's scope
    officer: str | None = None  # username
    title: str = "Ringkasan Kinerja Penanganan Pengaduan"
    scope_label: str = ""  # e.g. the OPD's name, printed under the title
    include_per_officer: bool = False  # supervisors' prints
    tz: str = "Asia/Jakarta"  # the zone the period's days are counted in
    officer_names: tuple[tuple[str, str], ...] = ()  # (username, display name)
    opd_names: tuple[tuple[str, str], ...] = ()  # (code, name)
    # When this desk last synced with the server: a summary from a stale desk must say so.
    last_synced_at: datetime | None = None
    # Whether the desk has ever synced (None above then means "never" rather than "not known").
    sync_known: bool = False

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"The period ends ({self.end}) before it starts ({self.start}).")
        ZoneInfo(self.tz)  # fails early with ZoneInfoNotFoundError on a bad zone


@dataclass(frozen=True, slots=True)
class StageShare:
    stage: Stage
    met: int
    breached: int
    pending: int

    @property
    def decided(self) -> int:
        return self.met + self.breached

    @property
    def share_met(self) -> float | None:
        """Met / (met + breached), None when nothing is decided yet."""
        return self.met / self.decided if self.decided else None


@dataclass(frozen=True, slots=True)
class GroupFigures:
    received: int
    resolved: int
    first_responses: int  # received in the period and answered
    first_response_median_hours: float | None  # over answered and still-waiting tickets
    first_response_p90_hours: float | None
    stages: tuple[StageShare, ...]
    breached_tickets: int  # tickets received in the period with at least one breached stage
    backlog: int
    first_response_waiting: int = 0  # received in the period, open, not answered yet
    resolved_of_received: int = 0  # received in the period and resolved by now
    backlog_breached: int = 0  # of the backlog, tickets past a deadline now

    @property
    def first_response_counted(self) -> int:
        """The tickets the first-response median and P90 are taken over (answered + waiting)."""
        return self.first_responses + self.first_response_waiting

    def stage(self, stage: Stage) -> StageShare:
        return next(s for s in self.stages if s.stage is stage)


@dataclass(frozen=True, slots=True)
class Breach:
    tracking_no: str
    opd_code: str
    channel: Channel
    assignee: str | None
    stage: Stage
    deadline: datetime
    met_at: datetime | None  # None: still not done
    title: str
    confidential: bool = False  # a rahasia report: its title never prints or exports


@dataclass(frozen=True, slots=True)
class WeekCount:
    start: date  # the Monday, or the period's first day for a partial first week
    received: int
    resolved: int


@dataclass(frozen=True, slots=True)
class BacklogBucket:
    min_days: int
    max_days: int | None
    count: int


@dataclass(frozen=True, slots=True)
class Satisfaction:
    """The citizen's answers over the tickets that reached ``selesai`` in the period (``reached``)."""

    reached: int
    answered: int  # of ``reached``, tickets the citizen answered at all
    rebutted: int  # of ``reached``, tickets the citizen said were not solved at least once
    confirmed: int  # of ``reached``, tickets whose latest answer is "ya, sudah selesai"
    ikm: Ikm  # over the ratings of ``reached`` (``ikm.count`` of them rated)


@dataclass(frozen=True, slots=True)
class ChannelDelivery:
    channel: Channel
    replies: int  # public replies written in the period
    reached: int  # of those, reached the citizen
    median_hours: float | None  # reply -> delivery's last report, over ``reached`` (calendar hours)


@dataclass(frozen=True, slots=True)
class DeliveryFigures:
    replies: int
    reached: int
    failed: int  # of ``replies``, failed for good
    manual_open: int  # manual deliveries not yet posted, of any date
    # Medians per channel only: one over WhatsApp minutes and letters' days together means nothing.
    per_channel: tuple[ChannelDelivery, ...]


NO_SATISFACTION = Satisfaction(0, 0, 0, 0, ikm(()))
NO_DELIVERY = DeliveryFigures(0, 0, 0, 0, ())
REACHED_STATES = frozenset({"delivered", "read"})


def reached_citizen(state: str | None, delivery_channel: str) -> bool:
    """Whether a delivery reached the citizen (e-mail's last report is ``sent``: see the module)."""
    return state in REACHED_STATES or (state == "sent" and delivery_channel == "email")


def compute_delivery(replies: Iterable[ReplyDelivery], request: SummaryRequest) -> DeliveryFigures:
    """Delivery of the replies (already in the request's scope); see the module docstring."""
    zone = ZoneInfo(request.tz)
    period_start = datetime.combine(request.start, time(0), zone)
    period_end = datetime.combine(request.end + timedelta(days=1), time(0), zone)
    counts: dict[Channel, list[int]] = {}
    hours: dict[Channel, list[float]] = {}
    manual_open = failed = 0
    for r in replies:
        if r.state == "manual":
            manual_open += 1
        if not period_start <= r.created_at < period_end:
            continue
        c = counts.setdefault(r.channel, [0, 0])
        c[0] += 1
        if r.state == "failed":
            failed += 1
        if reached_citizen(r.state, r.delivery_channel):
            c[1] += 1
            if r.updated_at is not None:
                hours.setdefault(r.channel, []).append(max(0.0, (r.updated_at - r.created_at) / _HOUR))
    order = {c: i for i, c in enumerate(CHANNEL_PRINT_ORDER)}
    per_channel = tuple(
        ChannelDelivery(ch, n, k, statistics.median(hours[ch]) if hours.get(ch) else None)
        for ch, (n, k) in sorted(counts.items(), key=lambda kv: order[kv[0]])
    )
    return DeliveryFigures(
        replies=sum(c.replies for c in per_channel),
        reached=sum(c.reached for c in per_channel),
        failed=failed,
        manual_open=manual_open,
        per_channel=per_channel,
    )


@dataclass(frozen=True)
class SummaryFigures:
    request: SummaryRequest
    now: datetime
    overall: GroupFigures
    per_channel: tuple[tuple[Channel, GroupFigures], ...]  # social media first
    per_officer: tuple[tuple[str | None, GroupFigures], ...]  # empty unless requested
    weekly: tuple[WeekCount, ...]
    backlog: tuple[BacklogBucket, ...]
    breaches: tuple[Breach, ...]  # by deadline, oldest first
    satisfaction: Satisfaction = NO_SATISFACTION
    delivery: DeliveryFigures = NO_DELIVERY
    # Problems the complaints received in the period are about: each incident once, each
    # complaint in no incident on its own ("38 pengaduan tentang 6 masalah").
    problems: int = 0

    def officer_name(self, username: str | None) -> str | None:
        return dict(self.request.officer_names).get(username or "", username)


def percentile_nearest_rank(values: list[float], q: float) -> float | None:
    """The smallest value with at least ``q`` of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


class _Group:
    __slots__ = (
        "backlog",
        "backlog_breached",
        "breached_tickets",
        "frt",
        "received",
        "resolved",
        "resolved_of_received",
        "stages",
        "waiting",
    )

    def __init__(self) -> None:
        self.received = 0
        self.resolved = 0
        self.resolved_of_received = 0
        self.frt: list[float] = []
        self.waiting: list[float] = []  # office hours waited so far by unanswered open tickets
        self.stages = [[0, 0, 0] for _ in STAGES]  # met, breached, pending
        self.breached_tickets = 0
        self.backlog = 0
        self.backlog_breached = 0

    def freeze(self) -> GroupFigures:
        # An unanswered ticket has waited at least this long: leaving it out would make a desk
        # that answers only the easy ones look fast.
        every = self.frt + self.waiting
        return GroupFigures(
            received=self.received,
            resolved=self.resolved,
            first_responses=len(self.frt),
            first_response_median_hours=statistics.median(every) if every else None,
            first_response_p90_hours=percentile_nearest_rank(every, 0.9),
            stages=tuple(StageShare(s, *self.stages[i]) for i, s in enumerate(STAGES)),
            breached_tickets=self.breached_tickets,
            backlog=self.backlog,
            first_response_waiting=len(self.waiting),
            resolved_of_received=self.resolved_of_received,
            backlog_breached=self.backlog_breached,
        )


def _stage_outcomes(ticket: SummaryTicket, now: datetime) -> list[int | None]:
    """Per stage in STAGES: 0 met, 1 breached, 2 pending, None when the stage does not apply."""
    d, m = ticket.deadlines, ticket.met_at
    is_open = ticket.status in OPEN_STATUSES
    out: list[int | None] = []
    # Attribute access, not Deadlines.get: this runs four times per ticket over 100,000 tickets.
    for deadline, done in (
        (d.verification, m.verification),
        (d.first_response, m.first_response),
        (d.follow_up, m.follow_up),
        (d.resolution, m.resolution),
    ):
        if deadline is None:
            out.append(None)
        elif done is not None:
            out.append(0 if done <= deadline else 1)
        elif not is_open:
            out.append(None)
        else:
            out.append(1 if deadline < now else 2)
    return out


def compute_summary(
    tickets: Iterable[SummaryTicket],
    request: SummaryRequest,
    calendars: Callable[[str], WorkCalendar],
    now: datetime,
) -> SummaryFigures:
    """One pass over ``tickets``; see the module docstring for what each figure means."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    zone = ZoneInfo(request.tz)
    # POSIX seconds: float comparisons cost the same whatever zone each stored time carries.
    period_start = datetime.combine(request.start, time(0), zone).timestamp()
    period_end = datetime.combine(request.end + timedelta(days=1), time(0), zone).timestamp()  # exclusive
    now_ts = now.timestamp()
    week_starts = _week_starts(request.start, request.end)
    week_bounds = [datetime.combine(d, time(0), zone).timestamp() for d in week_starts]
    weekly_received = [0] * len(week_starts)
    weekly_resolved = [0] * len(week_starts)
    opd_filter = frozenset(request.opd_codes) if request.opd_codes is not None else None

    overall = _Group()
    by_channel: dict[Channel, _Group] = {}
    by_officer: dict[str | None, _Group] = {}
    breaches: list[Breach] = []
    backlog_counts = [0] * len(BACKLOG_BUCKETS)
    calendar_cache: dict[str, WorkCalendar] = {}
    reached = answered = rebutted = confirmed = 0
    ratings: list[int] = []
    incidents: set[str] = set()
    lone_problems = 0

    for t in tickets:
        if opd_filter is not None and t.opd_code not in opd_filter:
            continue
        if request.officer is not None and t.assignee != request.officer:
            continue
        channel_group = by_channel.get(t.channel)
        if channel_group is None:
            channel_group = by_channel[t.channel] = _Group()
        groups = [overall, channel_group]
        if request.include_per_officer:
            officer_group = by_officer.get(t.assignee)
            if officer_group is None:
                officer_group = by_officer[t.assignee] = _Group()
            groups.append(officer_group)

        resolved_in_period = False
        if t.resolved_at is not None:
            resolved_ts = t.resolved_at.timestamp()
            if period_start <= resolved_ts < period_end:
                resolved_in_period = True
                for g in groups:
                    g.resolved += 1
                weekly_resolved[bisect_right(week_bounds, resolved_ts) - 1] += 1
        fb = t.feedback
        if resolved_in_period or (
            fb is not None
            and fb.tidak
            and t.resolved_at is None
            and period_start <= fb.at.timestamp() < period_end
        ):
            reached += 1
            if fb is not None:
                answered += 1
                rebutted += fb.tidak > 0
                confirmed += fb.selesai
                if fb.nilai is not None:
                    ratings.append(fb.nilai)

        received_ts = t.received_at.timestamp()
        is_open = t.status in OPEN_STATUSES
        in_backlog = received_ts < period_end and is_open
        in_period = period_start <= received_ts < period_end
        outcomes = _stage_outcomes(t, now) if in_backlog or in_period else _NO_OUTCOMES
        breached_any = 1 in outcomes
        if in_backlog:
            age_days = max(0, int((now_ts - received_ts) // 86400))
            backlog_counts[_bucket_index(age_days)] += 1
            for g in groups:
                g.backlog += 1
                if breached_any:
                    g.backlog_breached += 1

        if not in_period:
            continue
        weekly_received[bisect_right(week_bounds, received_ts) - 1] += 1
        if t.incident_id is None:
            lone_problems += 1
        else:
            incidents.add(t.incident_id)
        frt: float | None = None
        waited: float | None = None
        if t.first_response_at is not None or is_open:
            calendar = calendar_cache.get(t.opd_code)
            if calendar is None:
                calendar = calendar_cache[t.opd_code] = calendars(t.opd_code)
            if t.first_response_at is not None:
                frt = max(0.0, calendar.working_time_between(t.received_at, t.first_response_at) / _HOUR)
            else:
                waited = max(0.0, calendar.working_time_between(t.received_at, now) / _HOUR)
        resolved_too = t.resolved_at is not None
        for g in groups:
            g.received += 1
            if frt is not None:
                g.frt.append(frt)
            elif waited is not None:
                g.waiting.append(waited)
            if resolved_too:
                g.resolved_of_received += 1
            for i, outcome in enumerate(outcomes):
                if outcome is not None:
                    g.stages[i][outcome] += 1
            if breached_any:
                g.breached_tickets += 1
        if breached_any:
            for i, outcome in enumerate(outcomes):
                if outcome == 1:
                    stage = STAGES[i]
                    deadline = getattr(t.deadlines, _STAGE_FIELDS[i])
                    assert deadline is not None
                    breaches.append(
                        Breach(
                            t.tracking_no,
                            t.opd_code,
                            t.channel,
                            t.assignee,
                            stage,
                            deadline,
                            getattr(t.met_at, _STAGE_FIELDS[i]),
                            t.title,
                            t.confidentiality is Confidentiality.RAHASIA,
                        )
                    )

    breaches.sort(key=lambda b: (b.deadline, b.tracking_no, STAGES.index(b.stage)))
    channel_order = {c: i for i, c in enumerate(CHANNEL_PRINT_ORDER)}
    return SummaryFigures(
        request=request,
        now=now,
        overall=overall.freeze(),
        per_channel=tuple(
            (c, g.freeze()) for c, g in sorted(by_channel.items(), key=lambda kv: channel_order[kv[0]])
        ),
        per_officer=tuple(
            (o, g.freeze())
            for o, g in sorted(by_officer.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        ),
        weekly=tuple(
            WeekCount(d, r, s) for d, r, s in zip(week_starts, weekly_received, weekly_resolved, strict=True)
        ),
        backlog=tuple(
            BacklogBucket(lo, hi, n) for (lo, hi), n in zip(BACKLOG_BUCKETS, backlog_counts, strict=True)
        ),
        breaches=tuple(breaches),
        satisfaction=Satisfaction(reached, answered, rebutted, confirmed, ikm(ratings)),
        problems=lone_problems + len(incidents),
    )


_HOUR = timedelta(hours=1)
_NO_OUTCOMES: list[int | None] = []

# A desk that has not synced for longer than this prints its summary with a red warning: its
# figures may miss a day's replies made at other desks. A day, because desks sync every few
# minutes while online and a field office that works offline comes back within the day.
SYNC_STALE_AFTER = timedelta(hours=24)


def sync_is_stale(last_synced_at: datetime | None, now: datetime) -> bool:
    return last_synced_at is None or now - last_synced_at > SYNC_STALE_AFTER


def _week_starts(start: date, end: date) -> list[date]:
    starts = [start]
    monday = start - timedelta(days=start.weekday()) + timedelta(days=7)
    while monday <= end:
        starts.append(monday)
        monday += timedelta(days=7)
    return starts


def _bucket_index(age_days: int) -> int:
    for i, (_lo, hi) in enumerate(BACKLOG_BUCKETS):
        if hi is None or age_days <= hi:
            return i
    return len(BACKLOG_BUCKETS) - 1
