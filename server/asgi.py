"""ASGI factory for ``uvicorn --factory server.asgi:build`` (several workers read TANGGAP_DATABASE_URL)."""

from __future__ import annotations

from fastapi import FastAPI

from server.app import create_app
from server.db import default_database_url


def build() -> FastAPI:
    return create_app(default_database_url())
