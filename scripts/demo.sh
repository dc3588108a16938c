#!/usr/bin/env bash
# Sets everything up on a fresh machine and opens the workstation on the embedded demo.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bash "$ROOT/scripts/bootstrap.sh"
# python -m: the same program as the tanggap script, even in a venv installed before it moved.
exec "$ROOT/.venv/bin/python" -m tanggap demo "$@"
