"""The token goes to a real Secret Service (gnome-keyring under scripts/test.sh)."""

from __future__ import annotations

import os

import pytest

from desktop import credentials


def test_token_round_trip_through_the_system_keyring() -> None:
    if not credentials.keyring_is_usable():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must provide a Secret Service; keyring is {credentials.keyring_backend_name()}")
        pytest.skip("no usable keyring on this machine")
    assert "SecretService" in credentials.keyring_backend_name() or os.name == "nt"
    url, user = "http://127.0.0.1:9/", "petugas.test"
    credentials.save_token(url, user, "rahasia-token-123")
    try:
        assert credentials.load_token(url, user) == "rahasia-token-123"
        assert credentials.load_token(url, "someone.else") is None
    finally:
        credentials.delete_token(url, user)
    assert credentials.load_token(url, user) is None
    credentials.delete_token(url, user)  # logging out twice is harmless
