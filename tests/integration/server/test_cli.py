"""``tanggap-server`` as the README runs it: init-db, create-opd/user, seed, maintenance, serve."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.helpers.live_server import fresh_database

CLI = [sys.executable, "-m", "server.cli"]
ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, database: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("TANGGAP_DATABASE_URL", None)
    return subprocess.run(
        [*CLI, *args, "--database", database],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=240,
        cwd=ROOT,
    )


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_init_seed_create_user_and_maintenance(backend: str, tmp_path: Path) -> None:
    with fresh_database(backend, tmp_path) as url:
        assert run("init-db", database=url).returncode == 0
        assert run("init-db", database=url).returncode == 0, "init-db twice is harmless"
        seeded = run("seed", "--tickets", "60", "--seed", "3", database=url)
        assert seeded.returncode == 0, seeded.stderr
        assert "admin" in seeded.stdout and "Demo logins" in seeded.stdout
        made = run(
            "create-user",
            "--username",
            "baru.dinkes",
            "--role",
            "officer",
            "--opd",
            "DINKES-BWI",
            "--password-stdin",
            database=url,
            stdin="kata-sandi-panjang\n",
        )
        assert made.returncode == 0, made.stderr
        assert "kata-sandi-panjang" not in made.stdout + made.stderr
        again = run(
            "create-user",
            "--username",
            "baru.dinkes",
            "--role",
            "officer",
            "--opd",
            "DINKES-BWI",
            "--password-stdin",
            database=url,
            stdin="kata-sandi-panjang\n",
        )
        assert again.returncode == 1 and "already exists" in again.stderr
        unknown_opd = run(
            "create-user",
            "--username",
            "x",
            "--role",
            "officer",
            "--opd",
            "NOPE",
            "--password-stdin",
            database=url,
            stdin="kata-sandi-panjang\n",
        )
        assert unknown_opd.returncode == 1 and "Unknown OPD" in unknown_opd.stderr
        assert run("maintenance", database=url).returncode == 0


def test_serve_answers_on_the_given_port(tmp_path: Path) -> None:
    with fresh_database("sqlite", tmp_path) as url:
        assert run("init-db", database=url).returncode == 0
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        proc = subprocess.Popen(
            [*CLI, "serve", "--host", "127.0.0.1", "--port", str(port), "--database", url],
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        try:
            assert proc.stderr is not None
            for line in proc.stderr:  # uvicorn says when it listens
                if "Uvicorn running on" in line:
                    break
            else:
                pytest.fail("the server exited before listening")
            r = httpx.get(f"http://127.0.0.1:{port}/api/v1/health")
            assert r.json() == {"status": "ok"}
            r = httpx.post(
                f"http://127.0.0.1:{port}/api/v1/auth/login",
                json={"username": "nobody", "password": "x", "device_name": "d"},
            )
            assert r.status_code == 401
        finally:
            proc.terminate()
            proc.wait(timeout=30)
