"""Logging to a rotating file in the data folder (and to stderr for the CLI).

The log is the user's alone (0600 in a 0700 folder) and carries no complainant's data: SQL
errors come without their parameters (the engine hides them), and as a second line of defence
every record is passed through ``redact``, which masks e-mail addresses and phone numbers
wherever they appear (a message, an exception, a traceback).
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
import re
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Indonesian numbers as people write them: +62 812-3456-7890, 0812 3456 7890, 62812..., (0333) 12345.
_PHONE = re.compile(r"(?<![\w.-])(?:\+?62|0)[\s().-]*\d(?:[\s().-]*\d){6,13}(?![\w-])")


def redact(text: str) -> str:
    """``text`` with e-mail addresses and phone numbers masked."""
    return _PHONE.sub("[telepon]", _EMAIL.sub("[email]", text))


class RedactingFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates each log file (the first and every rotated one) readable by the user only."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        return open(fd, "a", encoding=self.encoding, errors=self.errors)


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / "tanggap.log"


def setup_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    path = log_path(data_dir)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        for folder in (data_dir, path.parent):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            if os.name == "posix":
                os.chmod(folder, 0o700)
        if path.exists() and os.name == "posix":
            os.chmod(path, 0o600)  # a log written by an earlier version
        handler: logging.Handler = PrivateRotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # A read-only data folder must not stop the app from telling the user so.
        handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter(LOG_FORMAT))
    for old in [h for h in root.handlers if getattr(h, "_tanggap", False)]:
        root.removeHandler(old)
        old.close()
    handler._tanggap = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
