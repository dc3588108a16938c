from __future__ import annotations

from pathlib import Path

import pytest

from desktop.settings import Settings, resolve_data_dir


def test_data_dir_precedence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TANGGAP_DATA_DIR", str(tmp_path / "env"))
    assert resolve_data_dir(tmp_path / "flag") == tmp_path / "flag"
    assert resolve_data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("TANGGAP_DATA_DIR")
    assert resolve_data_dir(None).name == "Tanggap"


def test_settings_round_trip_and_defaults(data_dir: Path) -> None:
    assert Settings.load(data_dir) == Settings()
    settings = Settings(
        language="en", sync_interval_seconds=120, printers={"thermal80": {"printer": "EPSON"}}
    )
    settings.save(data_dir)
    assert Settings.load(data_dir) == settings


def test_damaged_settings_file_falls_back_to_defaults(data_dir: Path) -> None:
    (data_dir / "settings.json").write_text('{"language": "fr", "sync_interval_seconds": "x", "junk": 1')
    assert Settings.load(data_dir) == Settings()
    (data_dir / "settings.json").write_text('{"language": "fr", "sync_interval_seconds": 1}')
    loaded = Settings.load(data_dir)
    assert loaded.language == "id" and loaded.sync_interval_seconds == 15
