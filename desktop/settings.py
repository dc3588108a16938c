"""Where the data lives and the user's preferences.

The data folder comes from ``--data-dir``, else ``TANGGAP_DATA_DIR``, else the per-user
data folder of the platform (never the install folder, so upgrades keep it).
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

import platformdirs

log = logging.getLogger(__name__)

APP_NAME = "Tanggap"
ENV_DATA_DIR = "TANGGAP_DATA_DIR"
SETTINGS_FILE = "settings.json"


def resolve_data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser().resolve()
    env = os.environ.get(ENV_DATA_DIR)
    if env:
        return Path(env).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


@dataclass
class Settings:
    """Preferences kept in ``settings.json`` in the data folder."""

    language: str = "id"
    sync_interval_seconds: int = 60
    server_url: str = ""
    # Per receipt layout: {"a4": {"printer": "...", "paper": "A4"}, ...}
    printers: dict[str, dict[str, str]] = field(default_factory=dict)
    notifications: bool = True
    # The queue's columns the officer showed (True) or hid (False) from the header's menu; the
    # others come and go with the pane's width (ui.queue_pane.choose_columns).
    queue_columns: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, data_dir: Path) -> Settings:
        path = data_dir / SETTINGS_FILE
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError) as exc:
            log.warning("ignoring unreadable settings file %s: %s", path, exc)
            return cls()
        if not isinstance(raw, dict):
            log.warning("ignoring settings file %s: not a JSON object", path)
            return cls()
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in raw.items() if k in known}
        settings = cls()
        for key, value in values.items():
            if isinstance(value, type(getattr(settings, key))):
                setattr(settings, key, value)
        if settings.language not in ("id", "en"):
            settings.language = "id"
        settings.sync_interval_seconds = max(15, settings.sync_interval_seconds)
        settings.queue_columns = {str(k): v for k, v in settings.queue_columns.items() if isinstance(v, bool)}
        return settings

    def save(self, data_dir: Path) -> None:
        """Write atomically: a crash mid-write leaves the old file, never half a file."""
        data_dir.mkdir(parents=True, exist_ok=True)
        path = data_dir / SETTINGS_FILE
        tmp = path.with_suffix(".json.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(json.dumps(asdict(self), indent=2, ensure_ascii=False))
        os.replace(tmp, path)
