"""Realistic, deterministic demo data for the reference server: a Kabupaten Banyuwangi.

Pure data, no database: the server's ``seed`` command turns these records into rows.
"""

from server.seeddata.complaints import WINDOW_DAYS, generate_complaints
from server.seeddata.directory import (
    ADMIN_USERNAME,
    WELL_KNOWN_PASSWORD,
    WELL_KNOWN_USERNAMES,
    build_directory,
    demo_logins,
)
from server.seeddata.records import (
    SeedCannedResponse,
    SeedCategory,
    SeedComplaint,
    SeedDirectory,
    SeedMessage,
    SeedOfficer,
    SeedOpd,
)

__all__ = [
    "ADMIN_USERNAME",
    "WELL_KNOWN_PASSWORD",
    "WELL_KNOWN_USERNAMES",
    "WINDOW_DAYS",
    "SeedCannedResponse",
    "SeedCategory",
    "SeedComplaint",
    "SeedDirectory",
    "SeedMessage",
    "SeedOfficer",
    "SeedOpd",
    "build_directory",
    "demo_logins",
    "generate_complaints",
]
