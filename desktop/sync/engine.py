"""The sync engine: push, pull, push again if new ops appeared.

Crash safety, step by step:
- ops are marked ``inflight`` and committed before a push is sent; every sync (and the app)
  starts by putting ``inflight`` ops back to ``pending``: a resend is answered ``duplicate``;
- a push's results are committed with their effects, one transaction per response;
- a pull page is committed with its cursor, one transaction per page;
- one sync at a time per data folder (a file lock the OS drops if the process dies).

Transport failures never make an op terminal: it stays ``pending`` with ``attempts`` + 1 and a
``next_attempt_at`` (exponential backoff with jitter, or the server's ``Retry-After``).
"""

from __future__ import annotations

import hashlib
import logging
import os
import signal
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import delete, select

from db import bulk, models
from db.repositories import NoticeRepository, SyncStateRepository
from desktop import domain as d
from desktop import ops
from desktop.changes import Changes
from desktop.locks import FileLock, LockHeld
from desktop.similar import store_synonyms
from desktop.store import LocalStore
from desktop.sync import apply, attachments, outbox
from desktop.sync.status import HISTORY_CURSOR, HISTORY_DONE, HISTORY_STATE, HISTORY_THROUGH, HISTORY_TOTAL
from desktop.sync.transport import (
    AuthExpired,
    CursorExpired,
    RequestRefused,
    Transport,
    TransportError,
    backoff_delay,
)

log = logging.getLogger(__name__)

PUSH_BATCH = 500
# Two pages are in memory at once (one written, the next prefetched): 1,000 tickets keep a
# first snapshot's client under 150 MB with little more per-page overhead than 2,000.
PULL_LIMIT = 1000
# Within one sync, wait and try again this often before leaving the ops for the next sync.
PUSH_TRIES_PER_SYNC = 4
MAX_WAIT_IN_SYNC = 10.0
# Backoff between syncs (the background scheduler reads next_attempt_at).
RETRY_BASE_SECONDS = 15.0
RETRY_CAP_SECONDS = 900.0
# snapshot_in_progress: "1" for the first snapshot, RESNAPSHOT for one forced by a 410.
RESNAPSHOT = "after_410"
KILL_ENV = "TANGGAP_TEST_KILL_AT"
INDEXES_DEFERRED = "indexes_deferred"  # set while a first snapshot loads without its indexes
KILL_POINTS = frozenset(
    {
        "after_push_sent",
        "after_push_response",
        "mid_pull_page",
        "mid_snapshot",
        "mid_history_page",
        "mid_history",
    }
)


def _maybe_die(point: str) -> None:
    """FOR TESTS ONLY: SIGKILL this process at a named point when TANGGAP_TEST_KILL_AT says so."""
    wanted = os.environ.get(KILL_ENV)
    if wanted and wanted == point:
        os.kill(os.getpid(), signal.SIGKILL)


CLOCK_OFFSET_KEY = "clock_offset_seconds"
PUSH_FLOOR_KEY = "push_floor"
# The Date header has whole seconds: a smaller measured offset is noise, not a wrong clock.
CLOCK_OFFSET_IGNORED = 2.0


def utcnow() -> datetime:
    skew = os.environ.get("TANGGAP_TEST_CLOCK_SKEW_SECONDS")  # tests only: a desk clock that is wrong
    now = datetime.now(UTC)
    return now + timedelta(seconds=float(skew)) if skew else now


def officer_now(session: Any) -> datetime:
    """The time an action is dated with: this desk's clock corrected by the server's measured
    offset, never before this desk's last push (the server would clamp it there; docs/api.md)."""
    repo = SyncStateRepository(session)
    now = utcnow()
    try:
        offset = float(repo.get(CLOCK_OFFSET_KEY) or 0.0)
    except ValueError:
        offset = 0.0
    if abs(offset) >= CLOCK_OFFSET_IGNORED:
        now += timedelta(seconds=offset)
    floor = repo.get(PUSH_FLOOR_KEY)
    if floor:
        try:
            floor_at = datetime.fromisoformat(floor)
        except ValueError:
            return now
        if floor_at.tzinfo is not None and floor_at > now:
            return floor_at
    return now


class SyncBusy(Exception):
    MESSAGE = "Sinkronisasi sedang berjalan di proses lain. / A sync is already running."


class SyncFailed(Exception):
    """The sync stopped early; ``report`` says what moved before it did."""

    def __init__(self, message: str, report: SyncReport) -> None:
        super().__init__(message)
        self.message = message
        self.report = report


@dataclass(frozen=True, slots=True)
class SyncReport:
    pushed: int = 0  # ops sent and answered
    applied: int = 0  # answered applied or duplicate
    conflicts: int = 0  # answered conflict, rejected or blocked
    pulled: int = 0  # tickets received
    revoked: int = 0  # tickets archived because they left this desk's scope
    snapshot: bool = False  # a full snapshot was (re)started
    history: int = 0  # closed tickets of the history received (open-work-first snapshot)
    # Seconds from the start of the sync until the open work was committed with its indexes.
    open_work_seconds: float = 0.0
    attachments_cached: int = 0  # attachment files downloaded (or found) for offline viewing
    changes: Changes = Changes()

    def plus(self, **kwargs: Any) -> SyncReport:
        values = {f: getattr(self, f) for f in self.__slots__}
        for key, value in kwargs.items():
            values[key] = values[key] | value if key == "changes" else values[key] + value
        return SyncReport(**values)


class SyncEngine:
    """One sync of one data folder against one server. Thread-agnostic; holds no session."""

    def __init__(
        self,
        store: LocalStore,
        transport: Transport,
        *,
        clock: Callable[[], datetime] = utcnow,
        sleep: Callable[[float], None] = time.sleep,
        push_batch: int = PUSH_BATCH,
        pull_limit: int = PULL_LIMIT,
        attachment_budget: int = attachments.SYNC_BUDGET_BYTES,
        history_budget: float | None = None,
    ) -> None:
        self.store = store
        self.transport = transport
        self.clock = clock
        self.sleep = sleep
        self.push_batch = push_batch
        self.pull_limit = pull_limit
        self.attachment_budget = attachment_budget
        # Seconds of history pages per sync (None: until the history is complete). With a budget,
        # the sync that brought the open work takes none: the window shows the queue first.
        self.history_budget = history_budget
        self._open_work_now = False  # this sync committed the open work of an open-work-first snapshot
        self._started = time.monotonic()
        transport.after_send = self._after_send
        # The offset is measured against the clock actions are dated with (officer_now).
        transport.local_clock = lambda: self.clock().timestamp()

    @staticmethod
    def _after_send(path: str) -> None:
        if path.endswith("/sync/push"):
            _maybe_die("after_push_sent")

    @property
    def lock_path(self) -> Path:
        return self.store.path.parent / "sync.lock"

    def sync(self) -> SyncReport:
        self._started = time.monotonic()
        self._open_work_now = False
        lock = FileLock(self.lock_path)
        try:
            lock.acquire()
        except LockHeld:
            raise SyncBusy(SyncBusy.MESSAGE) from None
        try:
            return self._sync_locked()
        finally:
            lock.release()

    # -- the steps ---------------------------------------------------------------------------

    def _sync_locked(self) -> SyncReport:
        report = SyncReport(changes=Changes(sync_state=True))
        with self.store.write() as session:
            if outbox.reset_inflight(session):
                log.info("inflight ops from an interrupted sync are pending again")
            state = SyncStateRepository(session)
            # "search_deferred": the same mark as written by 0.1 stores (search index only).
            deferred = state.get(INDEXES_DEFERRED) or state.get("search_deferred")
            if deferred and not state.get("snapshot_in_progress"):
                bulk.resume(session.connection())  # a first snapshot ended without its last step
                state.set(INDEXES_DEFERRED, None)
                state.set("search_deferred", None)
            SyncStateRepository(session).set("last_attempt_at", self.clock().isoformat())
        try:
            report = self._push_all(report)
            report = self._refresh_directory(report)
            report = self._pull_all(report)
            with self.store.read() as session:
                more = outbox.waiting_count(session)
            if more:
                report = self._push_all(report)
            report = self._pull_history(report)
        except AuthExpired:
            self._record_failure(AuthExpired.MESSAGE, auth=True)
            raise
        except TransportError as exc:
            message = self._record_failure(exc.message, retry_in=exc.retry_after)
            raise SyncFailed(message, report) from None
        except RequestRefused as exc:
            message = self._record_failure(f"Server menolak permintaan: {exc.message}")
            raise SyncFailed(message, report) from None
        except apply.BadChange as exc:
            log.error("pull page not understood: %s", exc)
            message = self._record_failure("Data dari server tidak dapat dibaca; hubungi administrator")
            raise SyncFailed(message, report) from None
        with self.store.write() as session:
            self._keep_clock(session)
            repo = SyncStateRepository(session)
            repo.set("last_success_at", self.clock().isoformat())
            repo.set("last_error", None)
            repo.set("failures", None)
            repo.set("failing_since", None)
            repo.set("next_retry_at", None)
            repo.set("online", "1")
        return self._cache_attachments(report)

    def _keep_clock(self, session: Any) -> None:
        """What the server told us about time: its clock's offset and this desk's push floor."""
        repo = SyncStateRepository(session)
        if self.transport.clock_offset is not None:
            repo.set(CLOCK_OFFSET_KEY, f"{self.transport.clock_offset:.3f}")
        if self.transport.push_floor is not None:
            repo.set(PUSH_FLOOR_KEY, self.transport.push_floor)

    def _cache_attachments(self, report: SyncReport) -> SyncReport:
        """After the tickets are safe: fetch attachment files; nothing here can fail the sync."""
        try:
            fetched = attachments.fetch_missing(self.store, self.transport, self.attachment_budget)
        except Exception:
            log.exception("caching attachments failed; the tickets are synced, files wait for next sync")
            return report
        if fetched.failed or fetched.deferred:
            log.info("attachments: %d not cached this sync (%d deferred)", fetched.failed, fetched.deferred)
        return report.plus(attachments_cached=fetched.cached, changes=Changes(tickets=fetched.ticket_ids))

    def _record_failure(self, what: str, *, retry_in: float | None = None, auth: bool = False) -> str:
        if auth:
            message = what
        else:
            with self.store.read() as session:
                attempts = int(SyncStateRepository(session).get("failures") or 0)
            delay = (
                retry_in if retry_in is not None else min(RETRY_CAP_SECONDS, RETRY_BASE_SECONDS * 2**attempts)
            )
            message = f"{what}; mencoba lagi dalam {round(delay)} detik"
        with self.store.write() as session:
            repo = SyncStateRepository(session)
            repo.set("last_error", message)
            repo.set("last_error_at", self.clock().isoformat())
            if auth:
                repo.set("auth_expired", "1")
            else:
                repo.set("online", "0")
                if attempts == 0:
                    repo.set("failing_since", self.clock().isoformat())  # status.SyncStatus.failure_report
                repo.set("failures", str(attempts + 1))
                repo.set("next_retry_at", (self.clock() + timedelta(seconds=delay)).isoformat())
        return message

    # push ------------------------------------------------------------------------------------

    def _push_all(self, report: SyncReport, ticket_ids: Sequence[str] | None = None) -> SyncReport:
        tries = 0
        while True:
            with self.store.write() as session:
                ops = outbox.waiting_ops(session, ticket_ids)[: self.push_batch]
                if not ops:
                    return report
                for op in ops:
                    op.state = d.OpState.INFLIGHT.value
                wire = [outbox.wire_op(op) for op in ops]
            try:
                self._upload_files(wire)
                report = self._push_batch(wire, report)
                tries = 0
            except TransportError as exc:
                delay = self._push_failed(wire, exc)
                tries += 1
                if tries >= PUSH_TRIES_PER_SYNC or delay > MAX_WAIT_IN_SYNC:
                    raise
                log.info("push failed (%s), retrying in %.1fs", exc.message, delay)
                self.sleep(delay)
            except BaseException:
                self._push_failed(wire, None)
                raise

    def _upload_files(self, wire: list[dict[str, Any]]) -> None:
        """The bytes of the batch's attached files go first: the server refuses an attach without them.

        A network failure stops the push (the ops wait, as for any push failure). A file the server
        or this disk cannot give is left to the op: the server then answers ``blob_missing``, which
        the officer sees, instead of the sync failing for good.
        """
        data_dir = self.store.path.parent
        for op in wire:
            if op.get("type") != d.OpType.ATTACH.value:
                continue
            meta = (op.get("payload") or {}).get("attachment") or {}
            sha256 = meta.get("sha256") if isinstance(meta, dict) else None
            if not isinstance(sha256, str):
                continue
            try:
                attachments.upload_blob(self.transport, data_dir, sha256)
            except RequestRefused as exc:
                log.warning("attached file %s refused by the server (%s)", sha256[:12], exc.code)
            except (OSError, ValueError) as exc:
                log.warning("attached file %s cannot be read here (%s)", sha256[:12], exc)

    def _push_batch(self, wire: list[dict[str, Any]], report: SyncReport) -> SyncReport:
        try:
            results = self.transport.push(wire)
        except RequestRefused as exc:
            if exc.status not in (400, 413, 422):
                raise
            if len(wire) > 1:
                # One bad op spoils the request: halve until it is alone, so the rest still go.
                half = len(wire) // 2
                report = self._push_batch(wire[:half], report)
                return self._push_batch(wire[half:], report)
            results = [
                {
                    "op_id": wire[0]["op_id"],
                    "result": "rejected",
                    "ticket": None,
                    "reason": {"code": exc.code, "message": exc.message},
                }
            ]
        _maybe_die("after_push_response")
        with self.store.write() as session:
            counts = record_results(session, results, self.clock())
            self._keep_clock(session)
        return report.plus(
            pushed=len(results),
            applied=counts[0],
            conflicts=counts[1],
            changes=Changes(tickets=frozenset(counts[2]), queue=True, outbox=True, notices=counts[1] > 0),
        )

    def _push_failed(self, wire: list[dict[str, Any]], exc: TransportError | None) -> float:
        """Back to pending with a later attempt; the wait it chose (seconds)."""
        now = self.clock()
        ids = [w["op_id"] for w in wire]
        delay = 0.0
        with self.store.write() as session:
            for op in session.scalars(select(models.OutboxOp).where(models.OutboxOp.op_id.in_(ids))):
                if op.state != d.OpState.INFLIGHT.value:
                    continue
                op.state = d.OpState.PENDING.value
                if exc is None:
                    continue
                op.attempts += 1
                wait = exc.retry_after if exc.retry_after is not None else backoff_delay(op.attempts - 1)
                delay = max(delay, wait)
                op.next_attempt_at = now + timedelta(seconds=wait)
                op.last_error = exc.message
        return delay

    # pull ------------------------------------------------------------------------------------

    def _refresh_directory(self, report: SyncReport) -> SyncReport:
        data = self.transport.directory()
        # The directory rarely changes: rewriting its tables on every sync cost a commit each time.
        digest = hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()
        with self.store.read() as session:
            if SyncStateRepository(session).get("directory_digest") == digest:
                return report
        with self.store.write() as session:
            store_directory(session, data)
            outbox.forget_directory(session)
            SyncStateRepository(session).set("directory_digest", digest)
        return report.plus(changes=Changes(directory=True))

    def _pull_all(self, report: SyncReport) -> SyncReport:
        # The next page is fetched while this one is written: server and disk work side by side.
        # Only its cursor is ever committed, with its page, so a crash loses nothing.
        prefetch = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tanggap-pull")
        try:
            return self._pull_pages(report, prefetch)
        finally:
            prefetch.shutdown(wait=False, cancel_futures=True)

    def _pull_pages(self, report: SyncReport, prefetch: ThreadPoolExecutor) -> SyncReport:
        with self.store.read() as session:
            state = SyncStateRepository(session)
            cursor = state.get("cursor")
            # A first snapshot brings the open work first; the closed tickets follow as history.
            open_first = (
                cursor is None and state.get("snapshot_in_progress") is None and apply.store_is_empty(session)
            )
        upcoming: Future[dict[str, Any]] | None = None
        while True:
            try:
                page = (
                    upcoming.result()
                    if upcoming is not None
                    else self.transport.pull(
                        cursor, self.pull_limit, open_first=open_first and cursor is None
                    )
                )
            except CursorExpired:
                upcoming = None
                open_first = False
                log.warning("cursor expired on the server: taking a fresh snapshot, outbox kept")
                with self.store.write() as session:
                    repo = SyncStateRepository(session)
                    repo.set("cursor", None)
                    for key in HISTORY_STATE:  # a whole snapshot brings the closed tickets too
                        repo.set(key, None)
                    # A re-snapshot remembers what it delivers, to archive what it no longer does.
                    repo.set("snapshot_in_progress", RESNAPSHOT)
                    session.execute(delete(models.SnapshotSeen))
                cursor = None
                report = report.plus(snapshot=True)
                continue
            changes = page["changes"]
            snapshot = cursor is None
            revoked_waiting = self._revokes_with_waiting_ops(changes)
            if revoked_waiting:
                # Unsent work on a ticket leaving our scope goes out first, then the ticket is archived.
                report = self._push_all(report, revoked_waiting)
            with self.store.read() as session:
                state = SyncStateRepository(session)
                mode = state.get("snapshot_in_progress")
                # A first snapshot's pages can always be fetched again: no fsync per page.
                first = state.get(INDEXES_DEFERRED) is not None or (
                    cursor is None and mode is None and apply.store_is_empty(session)
                )
            left_scope: list[str] = []
            if mode == RESNAPSHOT and not page.get("has_more"):
                left_scope = self._left_scope_during_resnapshot(changes)
                if left_scope:
                    report = self._push_all(report, left_scope)
            upcoming = (
                prefetch.submit(self.transport.pull, page["next_cursor"], self.pull_limit)
                if page.get("has_more")
                else None
            )
            with self.store.write(durable=not first) as session:
                repo = SyncStateRepository(session)
                snapshot = snapshot or mode is not None
                if cursor is None and mode is None and apply.store_is_empty(session):
                    # A first snapshot builds its indexes once at its end, not row by row.
                    bulk.suspend(session.connection())
                    repo.set(INDEXES_DEFERRED, "1")
                touched, revoked = apply.apply_page(session, changes, self.clock())
                if isinstance(page.get("history_cursor"), str):
                    # The open work is all here: the closed tickets follow from this cursor.
                    repo.set(HISTORY_CURSOR, page["history_cursor"])
                    repo.set(HISTORY_TOTAL, str(int(page.get("history_total") or 0)))
                    repo.set(HISTORY_DONE, "0")
                    repo.set(HISTORY_THROUGH, None)
                    self._open_work_now = True
                if mode == RESNAPSHOT:
                    apply.remember_snapshot_ids(session, touched)
                    if not page.get("has_more"):
                        revoked += apply.archive_unseen(session, self.clock())
                _maybe_die("mid_pull_page")
                repo.set("cursor", page["next_cursor"])
                still = snapshot and page.get("has_more")
                repo.set("snapshot_in_progress", (mode or "1") if still else None)
                if not still and repo.get(INDEXES_DEFERRED):
                    bulk.resume(session.connection())
                    repo.set(INDEXES_DEFERRED, None)
            if self._open_work_now and not page.get("has_more"):
                report = report.plus(open_work_seconds=time.monotonic() - self._started)
            cursor = page["next_cursor"]
            upserts = sum(1 for c in changes if c.get("op") == "upsert")
            # queue=True already tells every view to reload its rows; listing the ids too made
            # a long snapshot merge ever larger sets, page after page (quadratic at 1,000,000).
            report = report.plus(
                pulled=upserts, revoked=revoked, changes=Changes(queue=True, notices=revoked > 0)
            )
            if snapshot and page.get("has_more"):
                _maybe_die("mid_snapshot")
            if not page.get("has_more"):
                return report

    def _pull_history(self, report: SyncReport) -> SyncReport:
        """Closed tickets of an open-work-first snapshot, newest first, each page committed with
        its cursor and the progress (a kill leaves a store that continues from there).

        Pages are committed one transaction each, not fsynced: a lost page is fetched again with
        its cursor. With a budget (the window: the officer works meanwhile) they go into the
        indexed store. Without one (``tanggap sync``, which takes the whole history in one run)
        they load in bulk like a first snapshot: indexes and search triggers set aside at the
        first page and built once with the last (``db.bulk``; a sync that stops half-way leaves
        ``INDEXES_DEFERRED``, and the next sync builds them before anything else).
        """
        with self.store.read() as session:
            cursor = SyncStateRepository(session).get(HISTORY_CURSOR)
        if cursor is None or (self.history_budget is not None and self._open_work_now):
            return report
        deadline = None if self.history_budget is None else time.monotonic() + self.history_budget
        prefetch = ThreadPoolExecutor(max_workers=1, thread_name_prefix="tanggap-history")
        try:
            upcoming: Future[dict[str, Any]] | None = None
            while cursor is not None:
                page = (
                    upcoming.result()
                    if upcoming is not None
                    else self.transport.history(cursor, self.pull_limit)
                )
                found = page.get("next_cursor")
                next_cursor = found if isinstance(found, str) else None
                more = next_cursor is not None and (deadline is None or time.monotonic() < deadline)
                upcoming = (
                    prefetch.submit(self.transport.history, next_cursor, self.pull_limit)
                    if more and next_cursor is not None
                    else None
                )
                tickets = page["tickets"]
                with self.store.write(durable=False) as session:
                    repo = SyncStateRepository(session)
                    if (
                        self.history_budget is None
                        and next_cursor is not None
                        and not repo.get(INDEXES_DEFERRED)
                    ):
                        bulk.suspend(session.connection())
                        repo.set(INDEXES_DEFERRED, "1")
                    apply.apply_page(session, [{"op": "upsert", "ticket": t} for t in tickets], self.clock())
                    _maybe_die("mid_history_page")
                    if next_cursor is None and repo.get(INDEXES_DEFERRED):
                        bulk.resume(session.connection())
                        repo.set(INDEXES_DEFERRED, None)
                    repo.set(HISTORY_CURSOR, next_cursor)
                    repo.set(HISTORY_DONE, str(int(repo.get(HISTORY_DONE) or 0) + len(tickets)))
                    repo.set(HISTORY_THROUGH, page.get("through") if next_cursor is not None else None)
                report = report.plus(history=len(tickets), changes=Changes(queue=True))
                _maybe_die("mid_history")
                cursor = next_cursor if more else None
        finally:
            prefetch.shutdown(wait=False, cancel_futures=True)
        return report

    def _left_scope_during_resnapshot(self, last_page: Sequence[Any]) -> list[str]:
        """Tickets with unsent work that the re-snapshot did not deliver: pushed before archiving."""
        delivered = {
            str(c["ticket"].get("id"))
            for c in last_page
            if isinstance(c, dict) and c.get("op") == "upsert" and isinstance(c.get("ticket"), dict)
        }
        with self.store.read() as session:
            unseen = apply.unseen_ticket_ids(session)
            return sorted(apply.tickets_with_waiting_ops(session, sorted(unseen - delivered)))

    def _revokes_with_waiting_ops(self, changes: Sequence[Any]) -> list[str]:
        ids = [str(c.get("ticket_id")) for c in changes if isinstance(c, dict) and c.get("op") == "revoke"]
        if not ids:
            return []
        with self.store.read() as session:
            return sorted(apply.tickets_with_waiting_ops(session, ids))


# -- results --------------------------------------------------------------------------------

NOTICE_TEXT = {
    "conflict": "Konflik pada tiket {no} ({type}): {message}",
    "rejected": "Ditolak server pada tiket {no} ({type}): {message}",
    "blocked": "Tertahan pada tiket {no} ({type}): {message}",
}


def record_results(
    session: Any, results: Sequence[dict[str, Any]], now: datetime
) -> tuple[int, int, set[str]]:
    """Store each op's answer with its effect: (applied or duplicate, needing attention, tickets)."""
    applied = attention = 0
    ids = [str(r.get("op_id")) for r in results]
    by_id = {
        op.op_id: op for op in session.scalars(select(models.OutboxOp).where(models.OutboxOp.op_id.in_(ids)))
    }
    server_rows: dict[str, dict[str, Any]] = {}
    touched: set[str] = set()
    notices = NoticeRepository(session)
    blocked_tickets: dict[str, int] = {}
    delivered_ops: list[str] = []
    for result in results:
        op = by_id.get(str(result.get("op_id")))
        if op is None:
            continue
        name = str(result.get("result"))
        if name == "duplicate" and result.get("first_result") in ("conflict", "rejected", "blocked"):
            name = str(result["first_result"])  # a resend: the first answer is the one that counts
        if name not in ("applied", "duplicate", "conflict", "rejected", "blocked"):
            op.state = d.OpState.PENDING.value
            op.last_error = f"unknown result {name!r}"
            continue
        reason = result.get("reason") or {}
        op.state = name
        op.answered_at = now
        op.reason_code = reason.get("code") if isinstance(reason, dict) else None
        op.reason_message = reason.get("message") if isinstance(reason, dict) else None
        touched.add(op.ticket_id)
        spec = ops.spec_for(op.type)
        delivered = name in ("applied", "duplicate") or (
            name == "conflict" and spec is not None and spec.delivered_on_conflict
        )
        if delivered:
            delivered_ops.append(op.op_id)
        else:
            _flag_message(session, op)
        if name in ("applied", "duplicate"):
            applied += 1
        else:
            attention += 1
            notices.add(
                kind=name,
                code=op.reason_code or name,
                message=NOTICE_TEXT[name].format(
                    no=op.tracking_no, type=op.type, message=op.reason_message or op.reason_code or name
                ),
                now=now,
                ticket_id=op.ticket_id,
                tracking_no=op.tracking_no,
                op_id=op.op_id,
            )
            if name == "rejected":
                blocked_tickets[op.ticket_id] = op.seq
        ticket = result.get("ticket")
        if isinstance(ticket, dict):
            server_rows[str(ticket.get("id"))] = ticket
    session.flush()
    apply.clear_message_ops(session, delivered_ops)
    attention += _block_after_rejection(session, blocked_tickets, now)
    session.flush()
    _ids, collisions = apply.apply_result_tickets(session, list(server_rows.values()), now)
    attention += collisions
    outbox.reapply_waiting(session, touched - set(server_rows))
    outbox.recount_pending(session, touched)
    return applied, attention, touched


def _flag_message(session: Any, op: models.OutboxOp) -> None:
    """An undelivered message stays, marked with why (never silently dropped)."""
    for message in session.scalars(select(models.Message).where(models.Message.op_id == op.op_id)):
        message.conflict = (op.reason_code or op.state)[:60]


def _block_after_rejection(session: Any, rejected: dict[str, int], now: datetime) -> int:
    """Later waiting ops of a ticket whose op was rejected are held back too (as the server does)."""
    count = 0
    for ticket_id, seq in rejected.items():
        for op in outbox.waiting_ops(session, [ticket_id]):
            if op.seq <= seq or op.state != d.OpState.PENDING.value:
                continue
            op.state = d.OpState.BLOCKED.value
            op.answered_at = now
            op.reason_code = "blocked"
            op.reason_message = "Op sebelumnya untuk tiket ini ditolak."
            _flag_message(session, op)
            NoticeRepository(session).add(
                kind="blocked",
                code="blocked",
                message=NOTICE_TEXT["blocked"].format(
                    no=op.tracking_no, type=op.type, message=op.reason_message
                ),
                now=now,
                ticket_id=op.ticket_id,
                tracking_no=op.tracking_no,
                op_id=op.op_id,
            )
            count += 1
    return count


# -- the directory --------------------------------------------------------------------------


def store_directory(session: Any, data: dict[str, Any]) -> None:
    """Replace the offline copy of the directory (small: a province's OPDs, officers, rules)."""
    from desktop import purge

    purge.remember_retention(session, data)  # the retention policy (desktop.purge) comes with it
    for table in (
        models.Opd,
        models.Officer,
        models.Category,
        models.SlaPolicyRow,
        models.NonWorkingDay,
        models.CannedResponse,
    ):
        session.execute(delete(table))
    for o in data.get("opds") or ():
        session.add(
            models.Opd(
                code=o["code"],
                name=o.get("name") or o["code"],
                region=o.get("region") or "",
                tz=o.get("tz") or "Asia/Jakarta",
                address=o.get("address") or "",
                status_url=o.get("status_url") or "",
                public_url=str(data.get("public_url") or "").rstrip("/"),
                office_hours=o.get("office_hours"),
            )
        )
    for o in data.get("officers") or ():
        session.add(
            models.Officer(
                username=o["username"], name=o.get("name") or "", role=o["role"], opd_code=o["opd_code"]
            )
        )
    for c in data.get("categories") or ():
        session.add(
            models.Category(code=c["code"], name=c.get("name") or c["code"], tier=c.get("tier") or "normatif")
        )
    for rule in data.get("sla_policies") or ():
        session.add(
            models.SlaPolicyRow(
                opd_code=rule.get("opd_code"),
                category_code=rule.get("category_code"),
                channel=rule.get("channel"),
                policy=rule.get("policy") or {},
            )
        )
    for day in data.get("non_working_days") or ():
        session.add(
            models.NonWorkingDay(
                opd_code=day.get("opd_code"),
                day=date.fromisoformat(str(day["date"])[:10]),
                working=bool(day.get("working")),
                description=day.get("name") or "",
            )
        )
    for c in data.get("canned_responses") or ():
        session.add(
            models.CannedResponse(
                id=str(c["id"]), opd_code=c.get("opd_code"), title=c["title"], body=c["body"]
            )
        )
    store_synonyms(session.connection(), data)
