"""The Qt-free half of ``tanggap --self-test``.

A support officer (or CI, against the frozen bundle) runs the self-test to learn whether
this installation carries everything the app loads at run time: the keyring backend that
holds the server token, holiday and time-zone data for SLA deadlines, the fonts and QR code
of a receipt, the compiled translations. Each check returns a :class:`CheckResult`; the Qt
half (``ui.selftest``) adds the main window and QTranslator checks and prints the report.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import desktop

KEYRING_PROBE_SERVICE = "tanggap-selftest"
# Backends that "work" but can never hold the token: the app would silently lose the login.
UNUSABLE_KEYRING_BACKENDS = frozenset(
    {
        "keyring.backends.fail.Keyring",
        "keyring.backends.null.Keyring",
    }
)
OPD_TIME_ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")


@dataclass(frozen=True)
class CheckResult:
    name: str
    ok: bool
    detail: str


def resources_dir() -> Path:
    """``resources/`` beside the packages: the repo root in a checkout, ``_internal`` when frozen."""
    return Path(desktop.__file__).resolve().parent.parent / "resources"


def translation_files() -> list[Path]:
    return sorted((resources_dir() / "i18n").glob("*.qm"))


def check_version() -> CheckResult:
    frozen = "frozen bundle" if getattr(sys, "frozen", False) else "source checkout"
    return CheckResult("version", bool(desktop.__version__), f"{desktop.__version__} ({frozen})")


def _backend_name(backend: object) -> str:
    kind = type(backend)
    return f"{kind.__module__}.{kind.__qualname__}"


def check_keyring() -> CheckResult:
    """The OS keyring is reachable and round-trips a throwaway secret."""
    import keyring
    from keyring.backends.chainer import ChainerBackend

    backend = keyring.get_keyring()
    name = _backend_name(backend)
    if name in UNUSABLE_KEYRING_BACKENDS:
        return CheckResult("keyring", False, f"no usable keyring backend ({name})")
    if isinstance(backend, ChainerBackend) and not backend.backends:
        return CheckResult("keyring", False, "no keyring backend found (empty chain)")
    probe = "probe"
    try:
        keyring.set_password(KEYRING_PROBE_SERVICE, probe, "ok")
        read_back = keyring.get_password(KEYRING_PROBE_SERVICE, probe)
        keyring.delete_password(KEYRING_PROBE_SERVICE, probe)
    except Exception as error:  # any backend error means the token could not be kept
        return CheckResult("keyring", False, f"{name}: {type(error).__name__}: {error}")
    if read_back != "ok":
        return CheckResult("keyring", False, f"{name}: wrote a secret but read back {read_back!r}")
    return CheckResult("keyring", True, name)


def check_holidays() -> CheckResult:
    """Indonesian holidays, including cuti bersama, load (they drive every SLA deadline)."""
    import holidays

    year = date.today().year
    calendar = holidays.country_holidays("ID", years=year, categories=("public", "government"), language="id")
    if len(calendar) == 0:
        return CheckResult("holidays", False, f"no Indonesian holidays for {year}")
    return CheckResult("holidays", True, f"{len(calendar)} days in {year}")


def check_time_zones() -> CheckResult:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    missing = []
    for zone in OPD_TIME_ZONES:
        try:
            ZoneInfo(zone)
        except ZoneInfoNotFoundError:
            missing.append(zone)
    if missing:
        return CheckResult("time zones", False, "missing " + ", ".join(missing))
    return CheckResult("time zones", True, ", ".join(OPD_TIME_ZONES))


def check_translations_present() -> CheckResult:
    files = translation_files()
    if not files:
        return CheckResult("translation files", False, f"no .qm files in {resources_dir() / 'i18n'}")
    return CheckResult("translation files", True, ", ".join(f.name for f in files))


def check_receipt(work_dir: Path) -> CheckResult:
    """The app's own receipt renderer on an 80 mm roll: embedded fonts, emoji, QR code."""
    from desktop import domain as d
    from desktop.reports import render_receipt

    now = datetime.now(UTC)
    ticket = d.Ticket(
        id="00000000-0000-7000-8000-000000000001",
        tracking_no="DINKES-BWI-2611-K7Q-0001",
        channel=d.Channel.WALK_IN,
        confidentiality=d.Confidentiality.PUBLIC,
        reporter=d.Reporter("Siti Nur'aini", "0812-3456-7890"),
        title="Uji mandiri tanda terima",
        body="Jalan berlubang di depan puskesmas \U0001f6a7 (uji mandiri).",
        opd_code="DINKES-BWI",
        status=d.Status.BARU,
        received_at=now,
        version=0,
    )
    out = work_dir / "selftest-receipt.pdf"
    try:
        pdf = render_receipt(
            ticket,
            d.Opd("DINKES-BWI", "Dinas Kesehatan"),
            None,
            layout="thermal80",
            viewer_may_see_identity=True,
        )
        out.write_bytes(pdf)
    except Exception as error:  # report any failure of the PDF stack, it is what the check is for
        return CheckResult("receipt", False, f"{type(error).__name__}: {error}")
    if not pdf.startswith(b"%PDF") or b"/FontFile2" not in pdf:
        return CheckResult("receipt", False, f"{out} is not a PDF with embedded fonts")
    return CheckResult("receipt", True, f"{len(pdf)} bytes, fonts embedded ({out.name})")


def check_store_encryption(work_dir: Path) -> CheckResult:
    """The local store is SQLCipher with FTS5: a store made here is unreadable to plain SQLite."""
    import secrets
    import sqlite3

    from sqlalchemy import text

    from desktop.store import STORE_FILE, LocalStore

    folder = work_dir / "store-check"
    store = LocalStore.open(folder, key=secrets.token_bytes(32))  # a throwaway key, not the keyring's
    try:
        with store.read() as session:
            version = session.execute(text("PRAGMA cipher_version")).scalar()
            session.execute(text("SELECT count(*) FROM tickets_fts")).scalar()
    finally:
        store.close()
    if not version:
        return CheckResult("store encryption", False, "the store opened without SQLCipher: it would be plain")
    try:
        with sqlite3.connect(folder / STORE_FILE) as conn:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        return CheckResult(
            "store encryption", True, f"SQLCipher {version}, AES-256, FTS5; unreadable without key"
        )
    return CheckResult("store encryption", False, "plain SQLite could read the store")


def check_data_folder(data_dir: Path) -> CheckResult:
    """Whether the officer's store is encrypted, and its key is where it should be (not opened)."""
    from db.engine import is_plain_sqlite
    from desktop import privacy
    from desktop.store import STORE_FILE

    path = data_dir / STORE_FILE
    if not path.exists():
        return CheckResult("data folder", True, f"no store yet in {data_dir}")
    if is_plain_sqlite(path):
        return CheckResult(
            "data folder", False, f"{path} is NOT encrypted (it is encrypted at the next start)"
        )
    source = privacy.key_source(data_dir)
    if source == "passphrase":
        return CheckResult("data folder", True, f"{path} encrypted; key from a passphrase")
    try:
        privacy.store_key(data_dir, create=False)
    except privacy.StoreKeyUnavailable as exc:
        return CheckResult("data folder", False, f"{path} encrypted, but its key is not available: {exc}")
    return CheckResult("data folder", True, f"{path} encrypted; key in the OS keyring")


def run_core_checks(work_dir: Path, data_dir: Path | None = None) -> list[CheckResult]:
    checks: list[Callable[[], CheckResult]] = [
        check_version,
        check_keyring,
        lambda: check_store_encryption(work_dir),
        check_holidays,
        check_time_zones,
        check_translations_present,
        lambda: check_receipt(work_dir),
    ]
    if data_dir is not None:
        checks.append(lambda: check_data_folder(data_dir))
    results = []
    for check in checks:
        try:
            results.append(check())
        except Exception as error:  # a crashing check is a failed check, and the others still run
            name = getattr(check, "__name__", "check").removeprefix("check_")
            results.append(CheckResult(name, False, f"crashed: {type(error).__name__}: {error}"))
    return results


def format_report(results: list[CheckResult]) -> str:
    lines = [f"{'ok  ' if r.ok else 'FAIL'}  {r.name}: {r.detail}" for r in results]
    failed = sum(not r.ok for r in results)
    lines.append(f"self-test: {len(results) - failed} ok, {failed} failed")
    return "\n".join(lines)


def exit_code(results: list[CheckResult]) -> int:
    return 0 if all(r.ok for r in results) else 1
