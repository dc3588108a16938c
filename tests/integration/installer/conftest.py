"""Fixtures for the installer checks: the repo paths and the external tools they run."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[3]
INSTALLER = REPO / "installer"


def require_tool(name: str, debian_package: str) -> str:
    """The tool's path; skips locally when absent, fails in CI, where .ci/run installs it."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} not found (Debian package {debian_package})"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def bundle_module():  # type: ignore[no-untyped-def]
    """installer/bundle.py, the rules the spec applies, imported like the spec imports it."""
    pytest.importorskip("PyInstaller", reason="pip install pyinstaller")
    sys.path.insert(0, str(INSTALLER))
    try:
        import bundle

        yield bundle
    finally:
        sys.path.remove(str(INSTALLER))
