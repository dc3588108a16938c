"""What a mutation changed, so each view decides what to refresh (Anki's OpChanges)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Changes:
    tickets: frozenset[str] = field(default_factory=frozenset)  # ids whose row or thread changed
    queue: bool = False  # membership or order of the queue, or any row, may have changed
    outbox: bool = False  # ops were queued or answered
    notices: bool = False  # conflicts/rejections/revokes to acknowledge changed
    directory: bool = False  # OPDs, officers, categories, policies, canned responses
    sync_state: bool = False  # login, cursor, last sync, last error
    # Ops were queued by a local write: the core asks for a sync (``desktop.sync.run.local_write``).
    sync_wanted: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            tickets=self.tickets | other.tickets,
            queue=self.queue or other.queue,
            outbox=self.outbox or other.outbox,
            notices=self.notices or other.notices,
            directory=self.directory or other.directory,
            sync_state=self.sync_state or other.sync_state,
            sync_wanted=self.sync_wanted or other.sync_wanted,
        )

    @property
    def empty(self) -> bool:
        return self == Changes()
