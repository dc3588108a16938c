from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.locks import FileLock, LockHeld

HOLD = """
import sys
from pathlib import Path
from desktop.locks import FileLock
lock = FileLock(Path(sys.argv[1])); lock.acquire()
print("held", flush=True)
sys.stdin.readline()
"""


def test_second_holder_is_refused_with_the_holders_pid(tmp_path: Path) -> None:
    path = tmp_path / "workstation.lock"
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(LockHeld) as refused:
            FileLock(path).acquire()
        assert refused.value.holder == holder.pid
        # A killed holder leaves no stale lock behind.
        os.kill(holder.pid, signal.SIGKILL)
        holder.wait()
        with FileLock(path) as lock:
            assert lock.held
    finally:
        holder.kill()
        holder.wait()
