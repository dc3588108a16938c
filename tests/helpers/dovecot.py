"""A real Dovecot IMAP server for tests: a private configuration on a free loopback port, users
from a passwd-file, mail in a temporary Maildir, no system service touched.

The whole server runs as an unprivileged account: ourselves, or ``nobody`` when the tests run as
root (Dovecot's master, login and mail processes then all share that account, which Dovecot
allows when ``default_login_user``/``default_internal_user`` name it).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

DOVECOT = "/usr/sbin/dovecot"
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class Dovecot:
    port: int
    user: str
    password: str
    root: Path

    @property
    def url(self) -> str:
        """For ``TANGGAP_IMAP_URL``: plain IMAP on loopback (the test has no certificate)."""
        return f"imap+plain://{self.user}:{self.password}@127.0.0.1:{self.port}/INBOX"

    def as_user(self, user: str, password: str) -> Dovecot:
        """The same server seen through another account's mailbox (``extra_users``)."""
        return replace(self, user=user, password=password)

    def client(self) -> imaplib.IMAP4:
        conn = imaplib.IMAP4("127.0.0.1", self.port, timeout=30)
        conn.login(self.user, self.password)
        return conn

    def deliver(self, raw: bytes) -> None:
        """A mail arrives in the mailbox (IMAP APPEND, unseen)."""
        conn = self.client()
        try:
            typ, data = conn.append("INBOX", "", imaplib.Time2Internaldate(time.time()), raw)
            assert typ == "OK", data
        finally:
            conn.logout()

    def unseen_count(self) -> int:
        conn = self.client()
        try:
            conn.select("INBOX")
            _typ, data = conn.uid("SEARCH", "UNSEEN")
            return len((data[0] or b"").split())
        finally:
            conn.logout()


def _account() -> pwd.struct_passwd:
    return pwd.getpwnam("nobody") if os.getuid() == 0 else pwd.getpwuid(os.getuid())


@contextmanager
def dovecot_server(
    user: str = "pengaduan", password: str = "rahasia-imap-1", extra_users: Mapping[str, str] | None = None
) -> Iterator[Dovecot]:
    """Dovecot in a directory of its own under /tmp (pytest's tmp_path is closed to ``nobody``);
    ``extra_users`` (name: password) have mailboxes of their own on it (``Dovecot.as_user``)."""
    if not Path(DOVECOT).exists():
        raise RuntimeError("Dovecot is not installed (apt-get install dovecot-imapd; scripts/bootstrap.sh)")
    account = _account()
    root = Path(tempfile.mkdtemp(prefix="tanggap-dovecot-"))
    root.chmod(0o755)
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir(parents=True, exist_ok=True)
    port = free_port()
    accounts = {user: password, **(extra_users or {})}
    (root / "passwd").write_text("".join(f"{u}:{{PLAIN}}{p}::::::\n" for u, p in accounts.items()))
    group = "nogroup" if os.getuid() == 0 else str(account.pw_gid)
    config = root / "dovecot.conf"
    config.write_text(
        f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = tanggap-test-{port}
log_path = {root}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_login_user = {account.pw_name}
default_internal_user = {account.pw_name}
default_internal_group = {group}
first_valid_uid = {account.pw_uid}
last_valid_uid = {account.pw_uid}
first_valid_gid = {account.pw_gid}
last_valid_gid = {account.pw_gid}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={account.pw_uid} gid={account.pw_gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  user = {account.pw_name}
  chroot =
}}
service anvil {{
  chroot =
  user = {account.pw_name}
}}
service auth {{
  user = {account.pw_name}
}}
service auth-worker {{
  user = {account.pw_name}
}}
service stats {{
  user = {account.pw_name}
}}
"""
    )
    if os.getuid() == 0:
        for path in [root, *root.rglob("*")]:
            os.chown(path, account.pw_uid, account.pw_gid)
        command = ["su", "-s", "/bin/sh", account.pw_name, "-c", f"exec {DOVECOT} -F -c {config}"]
    else:
        command = [DOVECOT, "-F", "-c", str(config)]
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, start_new_session=True)
    server = Dovecot(port, user, password, root)
    try:
        _wait_for_login(server, proc)
        yield server
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)


def _wait_for_login(server: Dovecot, proc: subprocess.Popen[bytes]) -> None:
    """Until Dovecot answers a login (it forks its listeners after start-up)."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        if proc.poll() is not None:
            output = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
            log = (
                (server.root / "dovecot.log").read_text(errors="replace")
                if (server.root / "dovecot.log").exists()
                else ""
            )
            raise RuntimeError(f"Dovecot exited ({proc.returncode}): {output}\n{log}")
        try:
            server.client().logout()
            return
        except (OSError, imaplib.IMAP4.error):
            if time.monotonic() > deadline:
                log = (server.root / "dovecot.log").read_text(errors="replace")
                raise RuntimeError(f"Dovecot did not accept a login in {START_TIMEOUT} s:\n{log}") from None
            time.sleep(0.05)
