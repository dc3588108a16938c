"""The session token and the store key, kept in the OS keyring (service ``tanggap``), never in a file or log."""

from __future__ import annotations

import logging
from typing import Any

import keyring
import keyring.errors

log = logging.getLogger(__name__)

SERVICE = "tanggap"


class CredentialsUnavailable(Exception):
    """No usable keyring: the user must log in each time or fix the keyring."""


def _account(server_url: str, username: str) -> str:
    return f"{username}@{server_url.rstrip('/')}"


def _backends() -> list[Any]:
    backend = keyring.get_keyring()
    # A chainer (several viable backends) tries each in turn; judge the ones it holds.
    return list(getattr(backend, "backends", None) or [backend])


def keyring_backend_name() -> str:
    return ", ".join(f"{type(b).__module__}.{type(b).__name__}" for b in _backends())


def keyring_is_usable() -> bool:
    from keyring.backends import fail, null

    return any(not isinstance(b, (fail.Keyring, null.Keyring)) for b in _backends())


def save_token(server_url: str, username: str, token: str) -> None:
    try:
        keyring.set_password(SERVICE, _account(server_url, username), token)
    except keyring.errors.KeyringError as exc:
        raise CredentialsUnavailable(
            f"Token tidak dapat disimpan di keyring sistem ({type(exc).__name__})."
        ) from None


def load_token(server_url: str, username: str) -> str | None:
    try:
        return keyring.get_password(SERVICE, _account(server_url, username))
    except keyring.errors.KeyringError as exc:
        log.warning("keyring unavailable: %s", type(exc).__name__)
        return None


def delete_token(server_url: str, username: str) -> None:
    try:
        keyring.delete_password(SERVICE, _account(server_url, username))
    except keyring.errors.PasswordDeleteError:
        pass  # already gone: logging out twice is fine
    except keyring.errors.KeyringError as exc:
        log.warning("keyring unavailable while logging out: %s", type(exc).__name__)


def save_store_key(account: str, key: bytes) -> None:
    """Keep a data folder's store key (hex) in the keyring; see desktop.privacy."""
    try:
        keyring.set_password(SERVICE, account, key.hex())
    except keyring.errors.KeyringError as exc:
        raise CredentialsUnavailable(
            f"Kunci basis data tidak dapat disimpan di keyring sistem ({type(exc).__name__})."
        ) from None


def load_store_key(account: str) -> bytes | None:
    """The key, or None when the keyring has no such entry; ``CredentialsUnavailable`` when the
    keyring cannot be read now (locked, its service not running): the key may well be there."""
    try:
        value = keyring.get_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring unavailable for the store key: %s", type(exc).__name__)
        raise CredentialsUnavailable(f"Keyring sistem tidak dapat dibaca ({type(exc).__name__}).") from None
    if not value:
        return None
    try:
        key = bytes.fromhex(value)
    except ValueError:
        return None
    return key if len(key) == 32 else None


def delete_store_key(account: str) -> None:
    try:
        keyring.delete_password(SERVICE, account)
    except keyring.errors.KeyringError as exc:
        log.warning("keyring: store key not removed: %s", type(exc).__name__)
