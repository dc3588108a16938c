"""Logging to a rotating file in the data folder (and to stderr for the CLI)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_FORMAT = "%(asctime)s %(levelname)s %(process)d %(name)s: %(message)s"


def log_path(data_dir: Path) -> Path:
    return data_dir / "logs" / "tanggap.log"


def setup_logging(data_dir: Path, *, verbose: bool = False) -> Path:
    path = log_path(data_dir)
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
    except OSError:
        # A read-only data folder must not stop the app from telling the user so.
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    for old in [h for h in root.handlers if getattr(h, "_tanggap", False)]:
        root.removeHandler(old)
        old.close()
    handler._tanggap = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return path
