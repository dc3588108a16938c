"""Passwords (argon2id), opaque bearer tokens stored as SHA-256, desks, and login throttling."""

from __future__ import annotations

import hashlib
import logging
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from desktop.domain import Role
from server.db import utcnow, write_unit
from server.models import AuthTokenRow, DeskRow, LoginThrottleRow, OfficerRow
from server.scope import Caller

log = logging.getLogger("tanggap.server.security")

# argon2id at OWASP's recommended minimum (19 MiB, 2 passes): slow for guessing, quick enough
# that seeding a hundred officers or a login burst of a whole province does not stall.
_hasher = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1)
# Verified against when the username is unknown, so both answers take the same time.
_DUMMY_HASH = _hasher.hash(secrets.token_hex(16))

# Login throttling. Each attempt reserves one try on its keys before the password is checked
# (a row lock, one short transaction), so concurrent attempts cannot overtake the count: at most
# the allowance is ever checked. Keys: the username and the client's address; an attempt that
# carries a known-device key (given to that desk at an earlier login) is counted on that desk
# alone, so a lock someone else caused never keeps a user's own desk out.
FREE_FAILURES = 5  # per username and per known desk
ADDRESS_FREE_FAILURES = 30  # one address: an office behind one NAT mistypes more
FAILURE_WINDOW = timedelta(minutes=15)  # counters start afresh this long after the last lock ended
BASE_LOCK_SECONDS = 30
MAX_LOCK_SECONDS = 15 * 60
# Retry-After for an attempt refused because the allowance is taken by attempts still being checked.
IN_FLIGHT_RETRY_SECONDS = 2
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
    device_key: str  # the known-device key to present at this desk's next login


def _lock_seconds(failures: int, free: int) -> int:
    # At the allowance: 30 s, then doubling per further failure, at most 15 minutes.
    return int(min(MAX_LOCK_SECONDS, BASE_LOCK_SECONDS * 2 ** max(0, failures - free)))


def user_key(username: str) -> str:
    return f"user:{username}"


def address_key(address: str) -> str:
    return f"addr:{address}"


def desk_key(desk_id: str) -> str:
    return f"desk:{desk_id}"


def _allowance(key: str) -> int:
    return ADDRESS_FREE_FAILURES if key.startswith("addr:") else FREE_FAILURES


def _seconds_until(when: datetime, now: datetime) -> int:
    return max(1, int((when - now).total_seconds()) + 1)


def _locked_rows(session: Session, keys: list[str], now: datetime) -> list[LoginThrottleRow]:
    """The keys' rows (made if missing), locked in key order until the transaction ends."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    session.execute(
        insert(LoginThrottleRow)
        .values(
            [
                {"key": k, "failures": 0, "pending": 0, "first_failed_at": now, "locked_until": None}
                for k in keys
            ]
        )
        .on_conflict_do_nothing(index_elements=["key"])
    )
    # SQLite: the write transaction (BEGIN IMMEDIATE) already serialises; PostgreSQL: row locks.
    return list(
        session.scalars(
            sa.select(LoginThrottleRow)
            .where(LoginThrottleRow.key.in_(keys))
            .order_by(LoginThrottleRow.key)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
    )


def admit_attempt(engine: Engine, keys: list[str]) -> None:
    """Reserve one attempt on every key at once, or raise LoginThrottled (nothing reserved)."""
    keys = sorted(set(keys))
    now = utcnow()
    with write_unit(engine) as unit:
        rows = _locked_rows(unit.session, keys, now)
        wait = 0
        for row in rows:
            if row.locked_until is not None and row.locked_until > now:
                wait = max(wait, _seconds_until(row.locked_until, now))
                continue
            quiet_since = max(row.first_failed_at, row.locked_until or row.first_failed_at)
            if now - quiet_since > FAILURE_WINDOW:
                # Also forgets reservations of attempts that never ended (a worker killed mid-check).
                row.failures, row.pending, row.first_failed_at, row.locked_until = 0, 0, now, None
            free = _allowance(row.key)
            # Past the allowance, after a lock: one attempt at a time.
            allowed = free if row.failures < free else row.failures + 1
            if row.failures + row.pending >= allowed:
                wait = max(wait, IN_FLIGHT_RETRY_SECONDS)
        if wait:
            raise LoginThrottled(wait)  # the unit rolls back: nothing reserved
        for row in rows:
            row.pending += 1


def settle_attempt(engine: Engine, keys: list[str], failed: bool) -> None:
    """End a reserved attempt: a failure counts (and may lock the key), a success does not."""
    keys = sorted(set(keys))
    now = utcnow()
    with write_unit(engine) as unit:
        for row in _locked_rows(unit.session, keys, now):
            row.pending = max(0, row.pending - 1)
            if not failed:
                continue
            row.failures += 1
            free = _allowance(row.key)
            if row.failures >= free:
                seconds = _lock_seconds(row.failures, free)
                row.locked_until = now + timedelta(seconds=seconds)
                log.warning(
                    "login lock: %s locked for %d s after %d failed attempts", row.key, seconds, row.failures
                )


def _known_desk(engine: Engine, username: str, device_key: str | None) -> str | None:
    """The desk id whose known-device key this is, if that desk is this username's."""
    if not device_key:
        return None
    with Session(engine) as session:
        found = session.scalar(
            sa.select(DeskRow.id)
            .join(OfficerRow, OfficerRow.id == DeskRow.officer_id)
            .where(DeskRow.device_key_hash == token_digest(device_key), OfficerRow.username == username)
        )
    return found


def _new_desk_code(session: Session) -> str:
    while True:
        code = "".join(secrets.choice(DESK_CODE_ALPHABET) for _ in range(3))
        if session.scalar(sa.select(DeskRow.id).where(DeskRow.code == code)) is None:
            return code


def login(
    engine: Engine,
    username: str,
    password: str,
    device_name: str,
    token_ttl: timedelta,
    *,
    address: str = "",
    device_key: str | None = None,
) -> LoginResult:
    """Check the password, find or make the desk, issue a token; raise LoginThrottled or BadCredentials.

    ``address``: the client's address (its own throttle); ``device_key``: the known-device key
    this desk got at an earlier login, which lets the right password through a username's or
    address's lock (its own counter still stops guessing on a stolen laptop).
    """
    known = _known_desk(engine, username, device_key)
    keys = [desk_key(known)] if known else [user_key(username), address_key(address or "unknown")]
    admit_attempt(engine, keys)
    failed = True
    try:
        with Session(engine) as session:
            officer = session.scalar(sa.select(OfficerRow).where(OfficerRow.username == username))
        ok = verify_password(officer.password_hash if officer else _DUMMY_HASH, password)
        if officer is None or not ok or not officer.active:
            raise BadCredentials()
        failed = False
    finally:
        settle_attempt(engine, keys, failed)
    token = secrets.token_urlsafe(32)
    now = utcnow()
    for _attempt in range(5):
        try:
            with write_unit(engine) as unit:
                s = unit.session
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
                key = device_key if known == desk.id and device_key else secrets.token_urlsafe(32)
                desk.device_key_hash = token_digest(key)
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
            return LoginResult(token, now + token_ttl, caller, key)
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
