"""The Linux desktop entry, AppStream metainfo and the per-user install script."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.integration.installer.conftest import INSTALLER, REPO, require_tool

APP_ID = "id.tanggap.Tanggap"
LINUX = INSTALLER / "linux"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def test_desktop_entry_validates() -> None:
    tool = require_tool("desktop-file-validate", "desktop-file-utils")
    result = subprocess.run([tool, str(LINUX / f"{APP_ID}.desktop")], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_validates(tmp_path: Path) -> None:
    tool = require_tool("appstreamcli", "appstream")
    text = (LINUX / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    filled = tmp_path / f"{APP_ID}.metainfo.xml"
    filled.write_text(text.replace("@VERSION@", "0.1.0").replace("@DATE@", "2025-01-31"), encoding="utf-8")
    result = subprocess.run([tool, "validate", "--no-net", str(filled)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "E:" not in result.stdout and "W:" not in result.stdout, result.stdout


def stage_tarball(root: Path, version: str) -> Path:
    """The unpacked tarball as build.sh lays it out, with a stand-in program."""
    stage = root / f"Tanggap-{version}-linux-x86_64"
    program = stage / "tanggap" / "tanggap"
    (stage / "tanggap" / "_internal").mkdir(parents=True)
    program.write_text(f"#!/bin/sh\necho Tanggap {version}\n")
    program.chmod(0o755)
    (stage / "VERSION").write_text(version + "\n")
    (stage / "install.sh").write_bytes((LINUX / "install.sh").read_bytes())
    (stage / "install.sh").chmod(0o755)
    (stage / "share" / "applications").mkdir(parents=True)
    (stage / "share" / "metainfo").mkdir(parents=True)
    (stage / "share" / "applications" / f"{APP_ID}.desktop").write_bytes(
        (LINUX / f"{APP_ID}.desktop").read_bytes()
    )
    (stage / "share" / "metainfo" / f"{APP_ID}.metainfo.xml").write_bytes(
        (LINUX / f"{APP_ID}.metainfo.xml").read_bytes()
    )
    for size in ICON_SIZES:
        icons = stage / "share" / "icons" / "hicolor" / f"{size}x{size}" / "apps"
        icons.mkdir(parents=True)
        (icons / f"{APP_ID}.png").write_bytes(
            (REPO / "resources" / "icons" / f"tanggap-{size}.png").read_bytes()
        )
    return stage


def run_install(stage: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": os.environ["PATH"], "HOME": str(home), "XDG_DATA_HOME": str(home / ".local" / "share")}
    return subprocess.run(
        ["sh", str(stage / "install.sh"), *args], capture_output=True, text=True, env=env, timeout=60
    )


@pytest.fixture
def home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    user_data = home / ".local" / "share" / "Tanggap"
    user_data.mkdir(parents=True)
    (user_data / "tanggap.sqlite3").write_text("the officer's complaints")
    return home


def test_install_upgrade_and_uninstall_keep_user_data(tmp_path: Path, home: Path) -> None:
    share = home / ".local" / "share"
    result = run_install(stage_tarball(tmp_path / "v1", "0.1.0"), home)
    assert result.returncode == 0, result.stderr
    assert "Tanggap 0.1.0 terpasang" in result.stdout
    program = home / ".local" / "opt" / "tanggap" / "tanggap"
    entry = (share / "applications" / f"{APP_ID}.desktop").read_text()
    assert f'Exec="{program}"' in entry  # absolute: the menu may not have ~/.local/bin on PATH
    assert (share / "icons" / "hicolor" / "16x16" / "apps" / f"{APP_ID}.png").is_file()
    assert (share / "metainfo" / f"{APP_ID}.metainfo.xml").is_file()
    launcher = home / ".local" / "bin" / "tanggap"
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout == "Tanggap 0.1.0\n"

    result = run_install(stage_tarball(tmp_path / "v2", "0.2.0"), home)
    assert result.returncode == 0, result.stderr
    assert subprocess.run([str(launcher)], capture_output=True, text=True).stdout == "Tanggap 0.2.0\n"
    assert not (home / ".local" / "opt" / "tanggap.old").exists()

    result = run_install(tmp_path / "v2" / "Tanggap-0.2.0-linux-x86_64", home, "--uninstall")
    assert result.returncode == 0, result.stderr
    assert not program.exists() and not launcher.exists()
    assert not (share / "applications" / f"{APP_ID}.desktop").exists()
    assert (share / "Tanggap" / "tanggap.sqlite3").read_text() == "the officer's complaints"


def test_incomplete_tarball_is_refused(tmp_path: Path, home: Path) -> None:
    stage = stage_tarball(tmp_path, "0.1.0")
    (stage / "tanggap" / "tanggap").unlink()
    result = run_install(stage, home)
    assert result.returncode == 1
    assert "tidak lengkap" in result.stderr
    assert not (home / ".local" / "opt" / "tanggap").exists()
