"""``tanggap-server deliver --once``: a worker of its own, as a real process, reads the mailbox and
sends what is due (the same pass ``serve`` runs inside the server)."""

from __future__ import annotations

import os
import subprocess
import sys
from email.utils import make_msgid
from pathlib import Path

import pytest

from tests.integration.delivery.conftest import Channels
from tests.integration.delivery.test_mail import citizen_mail, ticket_by_ref

pytestmark = pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
ROOT = Path(__file__).resolve().parents[3]


def deliver_once(channels: Channels) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "server.cli", "deliver", "--once", "--database", channels.srv.database_url],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        cwd=ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_deliver_once_takes_the_mail_in_and_sends_the_acknowledgement(channels: Channels) -> None:
    msgid = make_msgid(domain="example.com")
    channels.imap.deliver(citizen_mail("Sumur warga kering", "Sejak kemarau.", msgid=msgid))
    assert "mail_tickets 1" in deliver_once(channels)
    assert "sent 1" in deliver_once(channels)
    ticket = ticket_by_ref(channels, msgid)
    [ack] = channels.smtp.inbox.messages
    assert ticket.tracking_no in str(ack["Subject"])
