"""The citizen's page: track a complaint, answer after ``selesai`` (issue 17; docs/lacak.md).

``install(app, engine, sla)`` adds ``/lacak`` to the server app: server-rendered HTML, Indonesian
first, no JavaScript, no external resources.
"""

from server.public.pages import PUBLIC_PREFIX, install

__all__ = ["PUBLIC_PREFIX", "install"]
