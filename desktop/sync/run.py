"""The sync use case: one call that syncs this desk, for the window, the CLI and the demo.

Like Anki's ``Collection.sync_collection``: the core decides how a sync is run and what its
failures mean (not logged in, another process syncing, the token expired, the network or the
server failed); the callers only show the outcome. The engine records every failure in the
store for the status bar, so a caller that shows nothing loses nothing.

The other core rule about syncing lives here too: a local write that queued ops wants a sync
(``local_write``), so every front end pushes an officer's work as soon as it can.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Protocol

from desktop.changes import Changes

if TYPE_CHECKING:
    from desktop.session import DeskIdentity
    from desktop.store import LocalStore
    from desktop.sync.engine import SyncReport
    from desktop.sync.transport import Transport


class SyncResult(Enum):
    DONE = "done"
    NOT_LOGGED_IN = "not_logged_in"  # no identity or no token: nothing was sent
    BUSY = "busy"  # another process (a CLI sync, a second window) holds this folder's sync lock
    AUTH_EXPIRED = "auth_expired"  # the server refused the token; the officer must log in again
    FAILED = "failed"  # the network or the server failed part-way; ``report`` says what moved


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    result: SyncResult
    report: SyncReport | None = None  # None when the engine never ran
    message: str = ""  # for a person, in the desk's language, when ``result`` is not DONE

    @property
    def ok(self) -> bool:
        return self.result is SyncResult.DONE

    @property
    def changes(self) -> Changes:
        """What the views refresh: always the sync state, and whatever the engine moved."""
        moved = self.report.changes if self.report is not None else Changes()
        if self.report is not None:
            moved = moved | Changes(outbox=True)
        return moved | Changes(sync_state=True)


class _Connect(Protocol):
    def __call__(self, store: LocalStore) -> tuple[DeskIdentity, Transport]: ...


def sync_desk(
    store: LocalStore, *, connect: _Connect | None = None, history_budget: float | None = None
) -> SyncOutcome:
    """Push, pull, push once, with this desk's saved login; never raises for a failure a person can act on.

    ``connect`` gives the identity and an open transport (default: the saved login and token);
    tests pass their own. ``history_budget``: seconds of closed-ticket history per call (None: all
    of it); the window passes one and calls again while ``SyncStatus.history`` says more is coming.
    """
    from desktop.session import NotLoggedIn, mark_auth_expired, transport_for
    from desktop.sync.engine import SyncBusy, SyncEngine, SyncFailed
    from desktop.sync.transport import AuthExpired

    try:
        _identity, transport = (connect or transport_for)(store)
    except NotLoggedIn as exc:
        return SyncOutcome(SyncResult.NOT_LOGGED_IN, message=str(exc))
    try:
        report = SyncEngine(store, transport, history_budget=history_budget).sync()
    except SyncBusy as exc:
        return SyncOutcome(SyncResult.BUSY, message=str(exc))
    except AuthExpired as exc:
        mark_auth_expired(store)
        return SyncOutcome(SyncResult.AUTH_EXPIRED, message=str(exc))
    except SyncFailed as exc:
        return SyncOutcome(SyncResult.FAILED, report=exc.report, message=exc.message)
    finally:
        transport.close()
    return SyncOutcome(SyncResult.DONE, report=report)


def local_write(action: Callable[[], object]) -> Changes:
    """Run one desk action (``desktop.actions``); an op it queued makes the core ask for a sync.

    ``action`` returns ``Changes`` (a write that queues nothing, like acknowledging a notice),
    an ``ActionResult`` (an op was queued: it has an ``op_id``), or a list of them (one op per
    ticket of a bulk assignment). The answer carries ``sync_wanted`` when any op was queued;
    the front end starts a sync when it sees it.
    """
    return _changes_of(action())


def _changes_of(value: object) -> Changes:
    if isinstance(value, Changes):
        return value
    if isinstance(value, list | tuple):
        out = Changes()
        for item in value:
            out = out | _changes_of(item)
        return out
    changes = getattr(value, "changes", None)
    if isinstance(changes, Changes):
        return changes | Changes(sync_wanted=bool(getattr(value, "op_id", None)))
    raise TypeError(f"a desk action returned {type(value).__name__}, not Changes")
