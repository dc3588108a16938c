"""Offline-first sync with the central server: transport, outbox, page application, engine.

Decisions and the crash-safety argument: ``docs/sync.md``.
"""
