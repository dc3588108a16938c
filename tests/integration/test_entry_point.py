"""The ``tanggap`` command as a user runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from desktop import __version__
from desktop.locks import FileLock


def tanggap(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "tanggap", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_version_and_help(data_dir: Path) -> None:
    version = tanggap("--version", data_dir=data_dir)
    assert version.returncode == 0 and version.stdout.strip() == f"Tanggap {__version__}"
    helptext = tanggap("--help", data_dir=data_dir)
    assert helptext.returncode == 0
    assert "demo" in helptext.stdout and "--data-dir" in helptext.stdout


def test_second_workstation_on_the_same_folder_says_so(data_dir: Path) -> None:
    with FileLock(data_dir / "workstation.lock"):
        second = tanggap(data_dir=data_dir)
    assert second.returncode == 3
    assert "sudah berjalan" in second.stderr and str(os.getpid()) in second.stderr


def test_screenshot_of_an_empty_store(data_dir: Path, tmp_path: Path) -> None:
    shot = tmp_path / "empty.png"
    run = tanggap("--screenshot", str(shot), data_dir=data_dir)
    assert run.returncode == 0, run.stderr
    assert shot.stat().st_size > 10_000
    assert (data_dir / "tanggap.sqlite3").exists() and (data_dir / "logs" / "tanggap.log").exists()
