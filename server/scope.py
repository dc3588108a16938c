"""Who may see which ticket, and whose reporter identity: the scope rules in one place."""

from __future__ import annotations

from dataclasses import dataclass

from desktop.domain import Confidentiality, Role


@dataclass(frozen=True, slots=True)
class Caller:
    """The officer and desk behind a bearer token (the desk comes from the token, never the payload)."""

    officer_id: int
    username: str
    name: str
    role: Role
    opd_code: str
    desk_id: str
    desk_code: str

    @property
    def is_supervisor(self) -> bool:
        return self.role in (Role.SUPERVISOR, Role.ADMIN)


def in_scope(caller: Caller, opd_code: str | None, assignee: str | None, confidentiality: str | None) -> bool:
    """An admin sees everything; a supervisor their OPD; an officer their OPD, rahasia only if assigned."""
    if opd_code is None:
        return False
    if caller.role is Role.ADMIN:
        return True
    if opd_code != caller.opd_code:
        return False
    if caller.role is Role.SUPERVISOR:
        return True
    return confidentiality != Confidentiality.RAHASIA or assignee == caller.username


def sees_reporter(caller: Caller, assignee: str | None, confidentiality: str) -> bool:
    """anonim and rahasia identities are hidden from officers other than the assignee."""
    if confidentiality == Confidentiality.PUBLIC or caller.role is not Role.OFFICER:
        return True
    return assignee == caller.username
