"""Passwords (argon2id), opaque bearer tokens stored as SHA-256, desks, and login throttling."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain import Role
from server.db import utcnow, write_unit
from server.models import AuthTokenRow, DeskRow, LoginThrottleRow, OfficerRow
from server.scope import Caller

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes): slow for guessing, quick enough
# that seeding a hundred officers or a login burst of a whole province does not stall.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the username is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

FREE_FAILURES = 5
FAILURE_WINDOW = timedelta(minutes=15)
BASE_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
DESK_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class LoginThrottled(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(f"retry after {retry_after} s")
        self.retry_after = retry_after


class BadCredentials(Exception):
    pass


@dataclass(frozen=True)
class LoginResult:
    token: str
    expires_at: datetime
    caller: Caller


def _lock_seconds(failures: int) -> int:
    # 5 failures: 30 s, then doubling per further failure, at most 15 minutes.
    return int(min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** max(0, failures - FREE_FAILURES)))


def check_throttle(engine: Engine, username: str) -> None:
    now = utcnow()
    with Session(engine) as session:
        row = session.get(LoginThrottleRow, username)
        if row is not None and row.locked_until is not None and row.locked_until > now:
            raise LoginThrottled(max(1, int((row.locked_until - now).total_seconds()) + 1))


def _record_failure(engine: Engine, username: str) -> None:
    now = utcnow()
    with write_unit(engine) as unit:
        row = unit.session.get(LoginThrottleRow, username, with_for_update=True)
        if row is None:
            unit.session.add(
                LoginThrottleRow(username=username, failures=1, first_failed_at=now, locked_until=None)
            )
            return
        if now - row.first_failed_at > FAILURE_WINDOW and (
            row.locked_until is None or row.locked_until <= now
        ):
            row.failures, row.first_failed_at, row.locked_until = 1, now, None
            return
        row.failures += 1
        if row.failures >= FREE_FAILURES:
            row.locked_until = now + timedelta(seconds=_lock_seconds(row.failures))


def _new_desk_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(DESK_CODE_ALPHABET) for _ in range(3))
        if session.scalar(sa.select(DeskRow.id).where(DeskRow.code == code)) is None:
            return code


def login(
    engine: Engine, username: str, password: str, device_name: str, token_ttl: timedelta
) -> LoginResult:
    """Check the password, find or make the desk, issue a token; raise LoginThrottled or BadCredentials."""
    check_throttle(engine, username)
    with Session(engine) as session:
        officer = session.scalar(sa.select(OfficerRow).where(OfficerRow.username == username))
    ok = verify_password(officer.password_hash if officer else _DUMMY_HASH, password)
    if officer is None or not ok or not officer.active:
        _record_failure(engine, username)
        raise BadCredentials()
    token = secrets.token_urlsafe(32)
    now = utcnow()
    for _attempt in range(5):
        try:
            with write_unit(engine) as unit:
                s = unit.session
                s.execute(sa.delete(LoginThrottleRow).where(LoginThrottleRow.username == username))
                desk = s.scalar(
                    sa.select(DeskRow).where(
                        DeskRow.officer_id == officer.id, DeskRow.device_name == device_name
                    )
                )
                if desk is None:
                    desk = DeskRow(
                        id=str(uuid.uuid4()),
                        code=_new_desk_code(s),
                        officer_id=officer.id,
                        device_name=device_name,
                        created_at=now,
                    )
                    s.add(desk)
                    s.flush()
                s.add(
                    AuthTokenRow(
                        token_hash=token_digest(token),
                        officer_id=officer.id,
                        desk_id=desk.id,
                        created_at=now,
                        expires_at=now + token_ttl,
                    )
                )
                caller = Caller(
                    officer.id,
                    officer.username,
                    officer.name,
                    Role(officer.role),
                    officer.opd_code,
                    desk.id,
                    desk.code,
                )
            return LoginResult(token, now + token_ttl, caller)
        except IntegrityError:
            continue  # two first logins of the same desk, or a desk code drawn twice: try again
    raise RuntimeError("could not register the desk")


# Built once: every request authenticates, and building the statement cost more than running it.
_AUTHENTICATE = (
    sa.select(
        OfficerRow.id,
        OfficerRow.username,
        OfficerRow.name,
        OfficerRow.role,
        OfficerRow.opd_code,
        OfficerRow.active,
        DeskRow.id,
        DeskRow.code,
        AuthTokenRow.expires_at,
        AuthTokenRow.revoked_at,
    )
    .join(OfficerRow, OfficerRow.id == AuthTokenRow.officer_id)
    .join(DeskRow, DeskRow.id == AuthTokenRow.desk_id)
    .where(AuthTokenRow.token_hash == sa.bindparam("token_hash"))
)


def authenticate(session: Session, token: str) -> Caller | None:
    row = session.execute(_AUTHENTICATE, {"token_hash": token_digest(token)}).first()
    if row is None or not row[5] or row[9] is not None or row[8] <= utcnow():
        return None
    return Caller(row[0], row[1], row[2], Role(row[3]), row[4], row[6], row[7])


def logout(engine: Engine, token: str) -> None:
    with write_unit(engine) as unit:
        unit.session.execute(
            sa.update(AuthTokenRow)
            .where(AuthTokenRow.token_hash == token_digest(token), AuthTokenRow.revoked_at.is_(None))
            .values(revoked_at=utcnow())
        )


def create_officer(
    session: Session,
    username: str,
    name: str,
    role: Role,
    opd_code: str,
    password: str | None = None,
    password_hash: str | None = None,
) -> OfficerRow:
    officer = OfficerRow(
        username=username,
        name=name,
        role=role.value,
        opd_code=opd_code,
        password_hash=password_hash or hash_password(password or ""),
        active=True,
    )
    session.add(officer)
    return officer
