"""Tanggap's application core: pure Python, no Qt.

Domain types, the SLA engine, services (use cases), the sync engine, PDF reports,
credentials, settings and the command line live here; none imports PySide6, ``ui`` or
``server``. The entry points are in ``tanggap`` above this package; ``server`` may import
only ``desktop.domain``, ``desktop.ops`` and ``desktop.sla`` (contracts in pyproject.toml).
"""

__version__ = "0.1.0"
