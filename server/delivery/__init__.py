"""Replies reach the citizen: the delivery outbox, its worker, one sender per channel, mail and
WhatsApp coming back in (docs/channels.md explains it for an OPD's administrator)."""
