"""Tanggap's reference central server.

A FastAPI application serving ``/api/v1`` exactly as ``shared/PROTOCOL.md`` specifies: login with
desk identity, the directory a desk needs offline, tickets, intake from channels, and the sync
pull/push pair built on a commit-ordered change log. PostgreSQL (psycopg 3) in production, SQLite
as the embedded default behind ``tanggap demo``. Entry points: ``server.app.create_app`` and the
``tanggap-server`` CLI (``server.cli``).
"""
