"""Read PDFs back the way a person's tools would: poppler's pdftotext and pdffonts, and pypdf."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pypdf
import pytest


def _poppler(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install poppler-utils")
    return path


def pdf_text(pdf: bytes, tmp_path: Path, *, layout: bool = False) -> str:
    source = tmp_path / "doc.pdf"
    source.write_bytes(pdf)
    args = [_poppler("pdftotext"), "-enc", "UTF-8"] + (["-layout"] if layout else []) + [str(source), "-"]
    return subprocess.run(args, check=True, capture_output=True).stdout.decode("utf-8")


def pdf_fonts(pdf: bytes, tmp_path: Path) -> list[tuple[str, str]]:
    """(font name, 'yes'/'no' embedded) for every font the PDF uses."""
    source = tmp_path / "fonts.pdf"
    source.write_bytes(pdf)
    out = subprocess.run(
        [_poppler("pdffonts"), str(source)], check=True, capture_output=True, text=True
    ).stdout
    rows = []
    for line in out.splitlines()[2:]:
        parts = line.split()
        # name type... encoding emb sub uni object ID: emb is the 5th field from the end
        rows.append((parts[0], parts[-5]))
    return rows


def page_count(pdf: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(pdf)).pages)


@pytest.fixture
def read_text(tmp_path: Path) -> Callable[..., str]:
    return lambda pdf, layout=False: pdf_text(pdf, tmp_path, layout=layout)


@pytest.fixture
def read_fonts(tmp_path: Path) -> Callable[[bytes], list[tuple[str, str]]]:
    return lambda pdf: pdf_fonts(pdf, tmp_path)
