"""``tanggap link TRACKING... --to TRACKING`` and ``tanggap unlink TRACKING`` (docs/cli.md).

Offline, like every action: the ops wait in the outbox until ``tanggap sync``. Answering an
incident once is ``tanggap reply TRACKING TEXT --incident`` (and ``status ... --incident``).
"""

from __future__ import annotations

import argparse

from desktop.cli.sync_commands import _acted, _action, _store


def cmd_link(args: argparse.Namespace) -> int:
    from desktop import incidents

    with _store(args) as store:
        results = _action(incidents.link, store, [t.strip() for t in args.tracking_no], args.to.strip())
        view = _action(incidents.incident_for, store, args.to.strip())
    for result in results:
        _acted(result, "Tautan masalah untuk")
    if view is not None:
        print(f"{view.words()}; kirim dengan 'tanggap sync'.")
    return 0


def cmd_unlink(args: argparse.Namespace) -> int:
    from desktop import incidents

    with _store(args) as store:
        return _acted(
            _action(incidents.unlink, store, args.tracking_no.strip()), "Pelepasan dari masalah untuk"
        )


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    def add(name: str, help_text: str, func: object) -> argparse.ArgumentParser:
        p: argparse.ArgumentParser = subparsers.add_parser(name, help=help_text, description=help_text)
        p.add_argument(
            "--data-dir",
            metavar="D",
            default=argparse.SUPPRESS,
            help="folder data (default: TANGGAP_DATA_DIR)",
        )
        p.set_defaults(func=func)
        return p

    p = add(
        "link",
        "tautkan pengaduan ke masalah yang sama (supervisor/pemegang tiket) / link to one incident",
        cmd_link,
    )
    p.add_argument("tracking_no", nargs="+", metavar="TRACKING")
    p.add_argument("--to", required=True, metavar="TRACKING", help="tiket masalah (atau tiket utama baru)")
    p = add("unlink", "lepaskan pengaduan dari masalahnya / unlink from its incident", cmd_unlink)
    p.add_argument("tracking_no", metavar="TRACKING")
