#!/usr/bin/env bash
# Sets everything up on a fresh machine and runs the whole check: ruff, mypy, import
# contracts and pytest, with a private PostgreSQL on loopback and a real Secret Service.
# Extra arguments go to pytest (e.g. bash scripts/test.sh tests/unit -x).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/bootstrap.sh
VENV="$ROOT/.venv/bin"

echo "==> ruff"
"$VENV/ruff" check .
"$VENV/ruff" format --check .
echo "==> mypy (strict: desktop/ db/ server/ ui/)"
"$VENV/mypy"
echo "==> import contracts"
"$VENV/lint-imports"

# PostgreSQL: a private cluster on a free loopback port, owned by `postgres` when we are
# root (initdb refuses root), removed when the run ends.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
PGPORT=$("$VENV/python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PGDIR=$(mktemp -d /tmp/tanggap-pg.XXXXXX)
as_pg() {
    if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDIR"
stop_pg() {
    as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' -m immediate stop" >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
}
trap stop_pg EXIT
echo "==> PostgreSQL on 127.0.0.1:$PGPORT"
as_pg "'$PGBIN/initdb' -D '$PGDIR/data' -A trust -U postgres -E UTF8 >'$PGDIR/initdb.log'"
as_pg "'$PGBIN/pg_ctl' -D '$PGDIR/data' -w -l '$PGDIR/server.log' \
    -o \"-p $PGPORT -k '$PGDIR' -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off\" start" >/dev/null
export TANGGAP_TEST_PG_URL="postgresql+psycopg://postgres@127.0.0.1:$PGPORT/postgres"

export QT_QPA_PLATFORM=offscreen
# Bytecode is cached (__pycache__, ignored by git): the suite starts a few hundred Python
# processes (the CLI desks, the startup and bench checks), each would compile the project anew.
unset PYTHONDONTWRITEBYTECODE
echo "==> pytest (under a D-Bus session with an unlocked gnome-keyring)"
# The keyring integration test talks to a real Secret Service on this private bus, with a
# keyring file of its own (a login keyring left by an earlier run could have another password).
KEYRING_HOME=$(mktemp -d /tmp/tanggap-keyring.XXXXXX)
trap 'stop_pg; rm -rf "$KEYRING_HOME"' EXIT
XDG_DATA_HOME="$KEYRING_HOME" dbus-run-session -- bash -c '
    echo -n "tanggap-ci" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec "$0" "$@"
' "$VENV/pytest" "$@"
