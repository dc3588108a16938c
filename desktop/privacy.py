"""Personal data at rest: the store's key, private files, the encrypted attachment cache.

The store key is 32 random bytes made at the first start of a data folder and kept in the OS
keyring (service ``tanggap``, one entry per data folder, named by the random id in
``store-id``), never in a file or a log. SQLCipher takes it as a raw key, so opening costs no
key derivation. Where no keyring works the officer may choose a passphrase instead (scrypt,
with the salt in ``store-id``); nothing ever falls back to an unencrypted store silently.

Attachments in the cache are sealed with AES-256-GCM under a subkey of the same key (HKDF),
and opened only into a private temporary file while the officer looks at one.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import stat
import threading
from dataclasses import dataclass
from pathlib import Path

from db.encrypt import shred as shred  # re-exported: one overwrite-then-remove
from db.engine import KEY_BYTES, StoreError

log = logging.getLogger(__name__)

STORE_ID_FILE = "store-id"
KEY_ACCOUNT_PREFIX = "store-key:"
# scrypt at 2^17 x 8 x 1: about 0.3 s and 128 MiB once per start, only for the passphrase fallback.
SCRYPT_N = 2**17
SCRYPT_R = 8
SCRYPT_P = 1
ATTACHMENT_INFO = b"tanggap attachment cache v1"
SEALED_MAGIC = b"TGA1"
NONCE_BYTES = 12
PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600


class StoreKeyUnavailable(StoreError):
    """No key for the store: no keyring and no passphrase, or the keyring lost its entry."""


class PassphraseNeeded(StoreKeyUnavailable):
    """A passphrase would open (or start) this folder: ``new`` when it is the folder's first."""

    def __init__(self, message: str, *, new: bool) -> None:
        super().__init__(message)
        self.new = new


NO_KEYRING_MESSAGE = (
    "Keyring sistem tidak tersedia, jadi Tanggap tidak dapat menyimpan kunci basis data lokal dengan aman. "
    "Data pelapor tidak akan disimpan tanpa enkripsi. Yang dapat dilakukan: buka kunci keyring "
    "(Linux: GNOME Keyring/KWallet di sesi desktop; Windows: Credential Manager di profil Anda), lalu "
    "jalankan lagi; atau pakai frasa sandi: jalankan perintah 'tanggap' dari terminal, yang akan meminta "
    "frasa sandi (paling sedikit 12 karakter) setiap kali mulai. / No OS keyring: unlock it, or run tanggap "
    "from a terminal to use a passphrase."
)
KEY_LOST_MESSAGE = (
    "Kunci basis data lokal tidak ada di keyring sistem (keyring diganti atau profil dipulihkan?), "
    "jadi data di folder ini tidak dapat dibuka. Pindahkan folder data ini ke tempat lain, lalu masuk "
    "dan sinkronkan lagi; op yang belum terkirim di folder lama tidak dapat dipulihkan. "
    "/ The store's key is not in the keyring."
)
KEYRING_LOCKED_MESSAGE = (
    "Keyring sistem tidak dapat dibaca sekarang (terkunci atau layanannya belum berjalan), jadi basis "
    "data lokal belum dapat dibuka. Buka kunci keyring (Linux: GNOME Keyring/KWallet; Windows: "
    "Credential Manager), lalu jalankan lagi; data Anda tetap utuh. / The keyring is locked."
)
WRONG_PASSPHRASE_MESSAGE = "Frasa sandi salah: basis data lokal tidak dapat dibuka. / Wrong passphrase."


# -- private files ---------------------------------------------------------------------------------


def private_mkdir(path: Path) -> Path:
    """Create ``path`` (and parents) user-only; an existing folder is made user-only too."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR_MODE)
    # On Windows the folder lives in the user's profile (LOCALAPPDATA), whose ACL already
    # admits only the user, SYSTEM and administrators; new files inherit it.
    return path


def make_private(data_dir: Path) -> None:
    """Make the data folder and everything in it user-only (0700 folders, 0600 files)."""
    private_mkdir(data_dir)
    if os.name != "posix":
        return
    for root, dirs, files in os.walk(data_dir):
        for name in dirs:
            _chmod(Path(root, name), PRIVATE_DIR_MODE)
        for name in files:
            _chmod(Path(root, name), PRIVATE_FILE_MODE)


def _chmod(path: Path, mode: int) -> None:
    try:
        st = path.lstat()
        if not stat.S_ISLNK(st.st_mode) and stat.S_IMODE(st.st_mode) != mode:
            os.chmod(path, mode)
    except OSError:
        pass  # gone meanwhile (a rotated log, a finished temporary file)


def touch_private(path: Path) -> None:
    """Create an empty file user-only, so what a library writes into it later inherits that."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE_MODE)
    os.close(fd)


# -- the store key ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoreIdentity:
    """What ``store-id`` holds: nothing secret (a random id, how the key is kept, a salt)."""

    id: str
    key_source: str  # "keyring" | "passphrase"
    salt: str = ""

    @property
    def account(self) -> str:
        return KEY_ACCOUNT_PREFIX + self.id


def read_store_identity(data_dir: Path) -> StoreIdentity | None:
    try:
        raw = json.loads((data_dir / STORE_ID_FILE).read_text(encoding="ascii"))
        return StoreIdentity(str(raw["id"]), str(raw.get("key_source", "keyring")), str(raw.get("salt", "")))
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        raise StoreKeyUnavailable(
            f"Berkas {STORE_ID_FILE} di folder data rusak; pulihkan dari cadangan atau pindahkan folder data."
        ) from None


def _write_store_identity(data_dir: Path, ident: StoreIdentity) -> bool:
    """Write ``store-id`` whole, unless another process wrote one first (then False).

    Two processes starting on a new folder at once must not each make a key and leave the
    store under the one whose id lost: the file is linked into place, which fails if it exists.
    """
    path = data_dir / STORE_ID_FILE
    tmp = path.with_name(f"{STORE_ID_FILE}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            json.dump({"id": ident.id, "key_source": ident.key_source, "salt": ident.salt}, handle)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # no hard links here (FAT, some shares): a rename, guarded less tightly
            if path.exists():
                return False
            os.replace(tmp, path)
        return True
    finally:
        tmp.unlink(missing_ok=True)


_cache_lock = threading.Lock()
_key_cache: dict[str, bytes] = {}


def passphrase_key(passphrase: str, salt_hex: str) -> bytes:
    return hashlib.scrypt(
        passphrase.encode("utf-8"),
        salt=bytes.fromhex(salt_hex),
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        maxmem=256 * 1024 * 1024,
        dklen=KEY_BYTES,
    )


def store_key(data_dir: Path, *, passphrase: str | None = None, create: bool = True) -> bytes:
    """The data folder's store key: from the keyring (made there at the first start) or a passphrase.

    Raises ``StoreKeyUnavailable`` with what to do when neither is possible; never returns a
    made-up key for a store that already holds data under another one.
    """
    from desktop import credentials

    ident = read_store_identity(data_dir)
    if ident is not None and ident.key_source == "passphrase":
        if passphrase is None:
            raise PassphraseNeeded(
                "Folder data ini dilindungi frasa sandi: jalankan perintah 'tanggap' dari terminal dan ketik "
                "frasa sandinya. / This data folder uses a passphrase.",
                new=False,
            )
        return passphrase_key(passphrase, ident.salt)
    if ident is not None:
        with _cache_lock:
            cached = _key_cache.get(ident.id)
        if cached is not None:
            return cached
        if not credentials.keyring_is_usable():
            raise StoreKeyUnavailable(NO_KEYRING_MESSAGE)
        try:
            key = credentials.load_store_key(ident.account)
        except credentials.CredentialsUnavailable:
            raise StoreKeyUnavailable(KEYRING_LOCKED_MESSAGE) from None
        if key is None:
            raise StoreKeyUnavailable(KEY_LOST_MESSAGE)
        with _cache_lock:
            _key_cache[ident.id] = key
        return key
    if not create:
        raise StoreKeyUnavailable(KEY_LOST_MESSAGE)
    # First start of this folder.
    private_mkdir(data_dir)
    if passphrase is not None:
        if len(passphrase) < 12:
            raise StoreKeyUnavailable("Frasa sandi terlalu pendek: paling sedikit 12 karakter.")
        ident = StoreIdentity(secrets.token_hex(16), "passphrase", secrets.token_hex(16))
        key = passphrase_key(passphrase, ident.salt)
        if not _write_store_identity(data_dir, ident):
            return store_key(data_dir, passphrase=passphrase, create=False)  # another process was first
        log.info("new data folder: store key from a passphrase (scrypt)")
        return key
    if not credentials.keyring_is_usable():
        raise PassphraseNeeded(NO_KEYRING_MESSAGE, new=True)
    ident = StoreIdentity(secrets.token_hex(16), "keyring")
    key = secrets.token_bytes(KEY_BYTES)
    try:
        credentials.save_store_key(ident.account, key)
    except credentials.CredentialsUnavailable:
        raise StoreKeyUnavailable(NO_KEYRING_MESSAGE) from None
    try:
        kept = credentials.load_store_key(ident.account)
    except credentials.CredentialsUnavailable:
        kept = None
    if kept != key:  # a keyring that drops what it is given
        raise StoreKeyUnavailable(NO_KEYRING_MESSAGE)
    if not _write_store_identity(data_dir, ident):
        credentials.delete_store_key(ident.account)  # another process made the folder's key first
        return store_key(data_dir, create=False)
    with _cache_lock:
        _key_cache[ident.id] = key
    log.info("new data folder: store key created in the OS keyring")
    return key


def key_source(data_dir: Path) -> str | None:
    ident = read_store_identity(data_dir)
    return ident.key_source if ident is not None else None


# -- the attachment cache ------------------------------------------------------------------------


_open_keys: dict[Path, bytes] = {}
_subkeys: dict[bytes, bytes] = {}


def remember_open(data_dir: Path, key: bytes) -> None:
    """The store in ``data_dir`` opened with ``key`` (in memory only): its cache uses a subkey of it."""
    with _cache_lock:
        _open_keys[data_dir.resolve()] = key


def attachment_key_for(data_dir: Path) -> bytes:
    """The attachment cache's key (derived when first needed: start-up does not import cryptography)."""
    with _cache_lock:
        key = _open_keys.get(data_dir.resolve())
    if key is None:
        key = store_key(data_dir, create=False)
    with _cache_lock:
        sub = _subkeys.get(key)
    if sub is None:
        sub = attachment_key(key)
        with _cache_lock:
            _subkeys[key] = sub
    return sub


def attachment_key(store_key_bytes: bytes) -> bytes:
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=ATTACHMENT_INFO).derive(store_key_bytes)


def seal(key: bytes, data: bytes, *, sha256: str) -> bytes:
    """AES-256-GCM with a random nonce; the blob's sha256 is bound in as associated data."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    nonce = secrets.token_bytes(NONCE_BYTES)
    return SEALED_MAGIC + nonce + AESGCM(key).encrypt(nonce, data, sha256.encode("ascii"))


class SealedBlobInvalid(Exception):
    """The cached file is not ours, was altered, or was sealed under another key."""


def unseal(key: bytes, sealed: bytes, *, sha256: str) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not sealed.startswith(SEALED_MAGIC) or len(sealed) < len(SEALED_MAGIC) + NONCE_BYTES + 16:
        raise SealedBlobInvalid("not a sealed attachment")
    nonce = sealed[len(SEALED_MAGIC) : len(SEALED_MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, sealed[len(SEALED_MAGIC) + NONCE_BYTES :], sha256.encode("ascii"))
    except InvalidTag:
        raise SealedBlobInvalid("the sealed attachment does not verify") from None
