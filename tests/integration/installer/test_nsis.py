"""The Windows installer script compiles, warning-free, against a stand-in bundle layout."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.integration.installer.conftest import INSTALLER, REPO, require_tool

NSI = INSTALLER / "windows" / "tanggap.nsi"


def stand_in_bundle(root: Path) -> Path:
    """The shape of PyInstaller's dist\\tanggap on Windows, with placeholder files."""
    bundle = root / "tanggap"
    (bundle / "_internal" / "PySide6" / "plugins" / "platforms").mkdir(parents=True)
    (bundle / "tanggap.exe").write_bytes(b"MZ stand-in")
    (bundle / "_internal" / "python311.dll").write_bytes(b"stand-in")
    (bundle / "_internal" / "PySide6" / "plugins" / "platforms" / "qwindows.dll").write_bytes(b"stand-in")
    return bundle


def makensis(tmp_path: Path, *defines: str) -> subprocess.CompletedProcess[str]:
    tool = require_tool("makensis", "nsis")
    return subprocess.run(
        [tool, "-V2", "-WX", *defines, str(NSI)], capture_output=True, text=True, timeout=120, cwd=tmp_path
    )


def test_setup_exe_builds_without_warnings(tmp_path: Path) -> None:
    bundle = stand_in_bundle(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    result = makensis(
        tmp_path,
        "-DVERSION=1.2.3",
        "-DVERSION_NUMERIC=1.2.3.0",
        f"-DBUNDLE_DIR={bundle}",
        f"-DICON={REPO / 'resources' / 'icons' / 'tanggap.ico'}",
        f"-DOUTDIR={out}",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    setup = out / "Tanggap-Setup-1.2.3.exe"
    assert setup.is_file()
    assert setup.read_bytes()[:2] == b"MZ"
    # The stand-in files travel inside the installer (compressed), so it outweighs the empty stub.
    assert setup.stat().st_size > 30_000


def test_missing_version_is_a_clear_error(tmp_path: Path) -> None:
    result = makensis(tmp_path, f"-DBUNDLE_DIR={stand_in_bundle(tmp_path)}")
    assert result.returncode != 0
    assert "pass /DVERSION" in result.stdout + result.stderr


def test_script_keeps_user_data_out_of_the_install_folder() -> None:
    script = NSI.read_text(encoding="utf-8")
    assert 'InstallDir "$LOCALAPPDATA\\Programs\\Tanggap"' in script
    assert "RequestExecutionLevel user" in script
    # Uninstall removes the program folder's content by name, never the data folder.
    assert 'RMDir /r "$LOCALAPPDATA\\Tanggap"' not in script
    assert 'RMDir /r "$INSTDIR"' not in script
    for language in ("Indonesian", "English"):
        assert f'!insertmacro MUI_LANGUAGE "{language}"' in script
