"""The served OpenAPI schema is true: a bounded schemathesis run finds no 500s and no mismatches."""

from __future__ import annotations

import base64
import subprocess
import sys
from pathlib import Path

from tests.helpers.live_server import LiveServer

ST = Path(sys.executable).with_name("st")


def test_openapi_schema_is_served_with_the_protocol_paths(srv: LiveServer) -> None:
    schema = srv.http().get("openapi.json").json()
    assert {
        "/api/v1/auth/login",
        "/api/v1/auth/logout",
        "/api/v1/directory",
        "/api/v1/tickets/{tracking_no}",
        "/api/v1/intake",
        "/api/v1/sync/pull",
        "/api/v1/sync/push",
        "/api/v1/attachments/{attachment_id}",
    } <= set(schema["paths"])


def test_schemathesis_finds_no_server_errors(srv: LiveServer, tmp_path: Path) -> None:
    desk = srv.login("spv.dinkes", device_name="schemathesis")
    photo = {
        "filename": "foto.png",
        "mime": "image/png",
        "content_base64": base64.b64encode(b"\x89PNG").decode(),
    }
    ticket = srv.intake(attachments=[photo])
    # A real attachment id, so the download's headers and bytes are checked, not only its 404.
    config = tmp_path / "schemathesis.toml"
    config.write_text(
        "[[operations]]\n"
        'include-path = "/api/v1/attachments/{attachment_id}"\n'
        f'parameters = {{ "path.attachment_id" = "{ticket["attachments"][0]["id"]}" }}\n'
        # A fuzzer cannot make bytes whose SHA-256 is the path's: every upload it makes is a 422.
        "\n[[operations]]\n"
        'include-path = "/api/v1/blobs/{sha256}"\n'
        "warnings = false\n"
        # Nor sign a webhook with Meta's secret, nor know the verify token: all 401 and 403.
        "\n[[operations]]\n"
        'include-path = "/api/v1/webhooks/whatsapp"\n'
        "warnings = false\n"
        # A history cursor from the start ("h:"), so pages are fetched, not only bad_cursor answers.
        "\n[[operations]]\n"
        'include-path = "/api/v1/sync/history"\n'
        'parameters = { "query.cursor" = "aDo" }\n'
    )
    result = subprocess.run(
        [
            str(ST),
            "--config-file",
            str(config),
            "run",
            f"{srv.base_url}/openapi.json",
            "-H",
            f"Authorization: Bearer {desk.token}",
            "--checks",
            "not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance",
            "--phases",
            "fuzzing",
            "-n",
            "15",
            "--generation-deterministic",
            "--request-timeout",
            "30",
            "--exclude-path",
            "/api/v1/auth/logout",
            "--no-color",
        ],
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "No issues found" in result.stdout
