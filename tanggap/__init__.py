"""The ``tanggap`` program: the entry points above ``ui``, ``desktop`` and ``server``.

``tanggap.app`` opens the workstation or runs a command of the core's CLI; ``tanggap.demo``
runs the workstation over the embedded reference server. Nothing below imports this package.
"""
