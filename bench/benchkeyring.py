"""A keyring backend for benchmark runs only: tokens of a throw-away loopback server, in a file.

Selected with ``PYTHON_KEYRING_BACKEND=bench.benchkeyring.BenchKeyring`` and
``TANGGAP_BENCH_KEYRING=/path/file.json``, so ``tanggap login``/``sync`` run in child processes
without a D-Bus Secret Service. Never used by the product.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class BenchKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @staticmethod
    def _file() -> Path:
        return Path(os.environ.get("TANGGAP_BENCH_KEYRING", "/tmp/tanggap-bench-keyring.json"))

    def _load(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._file().read_text()))
        except (OSError, ValueError):
            return {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}\x00{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        data = self._load()
        data[f"{service}\x00{username}"] = password
        self._file().write_text(json.dumps(data))

    def delete_password(self, service: str, username: str) -> None:
        data = self._load()
        data.pop(f"{service}\x00{username}", None)
        self._file().write_text(json.dumps(data))
