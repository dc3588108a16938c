"""The desk's log: the user's alone, and without complainants' contacts."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from desktop.logsetup import redact, setup_logging


def test_contacts_are_masked_and_ids_are_not() -> None:
    line = "reply failed for Siti (0812-3456-7890, +62 857 3312 4409, siti.aminah@surel.co.id)"
    assert redact(line) == "reply failed for Siti ([telepon], [telepon], [email])"
    ticket = "ticket 01234567-89ab-4def-0123-456789abcdef at 2026-12-02 04:22:29, 100000 tickets"
    assert redact(ticket) == ticket


def test_the_log_file_is_private_and_masks_what_a_traceback_carries(data_dir: Path) -> None:
    path = setup_logging(data_dir)
    try:
        try:
            raise ValueError("bad contact 081234567890 / budi@contoh.id")
        except ValueError:
            logging.getLogger("tanggap.test").exception("failed")
        for handler in logging.getLogger().handlers:
            handler.flush()
        text = path.read_text(encoding="utf-8")
        assert "failed" in text and "[telepon]" in text and "[email]" in text
        assert "081234567890" not in text and "budi@contoh.id" not in text
        if os.name == "posix":
            assert stat.S_IMODE(path.stat().st_mode) == 0o600
            assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    finally:
        for handler in [h for h in logging.getLogger().handlers if getattr(h, "_tanggap", False)]:
            logging.getLogger().removeHandler(handler)
            handler.close()


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_rotated_log_is_private_too(data_dir: Path) -> None:
    path = setup_logging(data_dir)
    try:
        (handler,) = [h for h in logging.getLogger().handlers if getattr(h, "_tanggap", False)]
        assert isinstance(handler, logging.handlers.RotatingFileHandler)
        handler.doRollover()
        logging.getLogger("tanggap.test").warning("after the rollover")
        for rotated in path.parent.iterdir():
            assert stat.S_IMODE(rotated.stat().st_mode) == 0o600, rotated
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()
