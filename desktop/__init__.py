"""Tanggap's application core: pure Python, no Qt.

Domain types, the SLA engine, services (use cases), the sync engine, PDF reports,
credentials, settings, the command line and the entry point live here. Only the
entry point (``desktop.app``) may import PySide6; ``server`` may import only
``desktop.domain`` and ``desktop.sla``.
"""

__version__ = "0.1.0"
