"""Schema upgrades at start-up, with a backup first so a failed upgrade loses nothing."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).parent / "migrations"

# The newest revision, so an up-to-date store opens without importing Alembic (a quarter
# of a second on every CLI call). A test checks it against the migration scripts.
HEAD = "0011"


def include_object(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """FTS5 tables, their shadow tables and the candidate index's todo list are made by hand in
    0002 and 0006; autogenerate leaves them be."""
    return not (type_ == "table" and name is not None and name.startswith(("tickets_fts", "ticket_similar")))


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return config


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        try:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one_or_none()
        except OperationalError:  # no such table: an empty store
            return None


def head_revision(engine: Engine) -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(engine)).get_current_head()


def _run(engine: Engine, fn_name: str, revision: str) -> None:
    from alembic import command

    config = alembic_config(engine)
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        getattr(command, fn_name)(config, revision)


def upgrade(
    engine: Engine, revision: str = "head", *, backup_dir: Path | None = None, key: bytes | None = None
) -> None:
    """Bring the store to ``revision``; an existing store is copied aside first (encrypted
    under the store's ``key`` when it has one: a backup is as private as the store)."""
    before = current_revision(engine)
    if revision == "head" and before == HEAD:
        return
    database = engine.url.database
    if before is not None and backup_dir is not None and database:
        backup = backup_dir / f"{Path(database).stem}.before-{before}.sqlite3"
        if key is None:
            with sqlite3.connect(database) as src, sqlite3.connect(backup) as dst:
                src.backup(dst)
        else:
            from db.engine import connect_encrypted

            src, dst = connect_encrypted(database, key), connect_encrypted(backup, key)
            try:
                src.backup(dst)
            finally:
                src.close()
                dst.close()
        log.info("backed up the local store to %s before upgrading it", backup)
    _run(engine, "upgrade", revision)
    log.info("local store upgraded from %s to %s", before, current_revision(engine))


def downgrade(engine: Engine, revision: str) -> None:
    _run(engine, "downgrade", revision)
