"""``python -m bench [generate|run|writers|load|all]``; ``all`` (the default) runs them in turn."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from bench.config import target

DATABASES = ["postgres", "sqlite", "both"]


def _targets(name: str) -> list[str]:
    return ["postgres", "sqlite"] if name == "both" else [name]


def _generate(args: argparse.Namespace) -> int:
    from bench.bulk import generate_into

    for name in _targets(args.db):
        print(f"generating {name} at scale {args.scale} …", flush=True)
        print(generate_into(target(name), args.scale), flush=True)
    return 0


def _run(args: argparse.Namespace) -> int:
    from bench.report import checks, render_checks, save, table
    from bench.run import benchmark

    rows = []
    for name in _targets(args.db):
        rows += benchmark(target(name), args.clients, args.seconds, args.only, args.before)
    found = checks(rows)
    print(f"\n{table(rows)}\n\n{render_checks(found)}")
    print(f"\nsaved to {save('benchmark', rows, {'seconds': args.seconds})}")
    return 0 if all(ok for _, _, ok in found) else 1


def _writers(args: argparse.Namespace) -> int:
    from bench.writers import run_writers_on

    return run_writers_on(target("sqlite"), args.writers, args.writer_seconds, args.writer_workers)


def _load(args: argparse.Namespace) -> int:
    from bench.loadtest import run_load_test

    return run_load_test(target("postgres"), args.users, args.load_seconds, args.workers)


def _quick(args: argparse.Namespace) -> int:
    from bench.quick import QuickOptions, run_quick
    from bench.workers import run_workers_compare

    options = QuickOptions(
        connections=args.clients,
        seconds=args.seconds,
        rounds=args.rounds,
        only=args.only,
        profile_dir=args.profile,
        fresh=not args.keep_data,
        before=args.before,
        data=args.data,
        wrk_cpus=args.wrk_cpus,
    )
    return (run_workers_compare if args.workers_compare else run_quick)(options)


def _auth(args: argparse.Namespace) -> int:
    from bench.auth import AuthOptions, run_auth

    options = AuthOptions(args.requests, args.blocks, fresh=not args.keep_data, data=args.data)
    return run_auth(options)


def _all(args: argparse.Namespace) -> int:
    _generate(args)
    return max(part(args) for part in (_run, _writers, _load))


Handler = Callable[[argparse.Namespace], int]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    commands: dict[str, tuple[Handler, str]] = {
        "generate": (_generate, "recreate the bench databases and fill them in bulk"),
        "run": (_run, "latency and throughput table, baseline, target checks"),
        "writers": (_writers, "SQLite: concurrent writers, nothing locked, nothing lost"),
        "load": (_load, "locust load test on PostgreSQL with several workers"),
        "all": (_all, "all of the above, in that order"),
        "quick": (_quick, "wrk on the demo data: ratios to the raw baselines, CPU per request"),
        "auth": (_auth, "in-process: CPU per request of the caller check, measured directly"),
    }
    for name, (handler, help_text) in commands.items():
        command = sub.add_parser(name, help=help_text)
        command.set_defaults(handler=handler)
        if name in ("generate", "all"):
            command.add_argument(
                "--scale",
                type=float,
                default=1.0,
                help="1 = 200,000 cases and 1,000,000 consultations",
            )
        if name in ("generate", "run", "all"):
            command.add_argument("--db", choices=DATABASES, default="both")
        if name in ("run", "all"):
            command.add_argument(
                "--seconds", type=float, default=15, help="per scenario and client count"
            )
            command.add_argument("--clients", type=int, nargs="+", default=[4, 32])
            command.add_argument("--only", help="only scenarios whose name contains this")
            command.add_argument(
                "--before", type=Path, help="an older checkout, measured in turns with this one"
            )
        if name in ("writers", "all"):
            command.add_argument("--writers", type=int, default=8)
            command.add_argument("--writer-seconds", type=float, default=60)
            command.add_argument(
                "--writer-workers", type=int, default=2, help="kokoma serve --workers on SQLite"
            )
        if name in ("load", "all"):
            command.add_argument("--users", type=int, default=50)
            command.add_argument("--load-seconds", type=float, default=300)
            command.add_argument(
                "--workers", type=int, default=3, help="kokoma serve --workers on PostgreSQL"
            )
        if name == "quick":
            command.add_argument("--seconds", type=float, default=4, help="per turn")
            command.add_argument("--rounds", type=int, default=3, help="turns per server")
            command.add_argument("--clients", type=int, nargs="+", default=[4, 32])
            command.add_argument("--only", help="only requests whose name contains this")
            command.add_argument("--profile", type=Path, help="py-spy flame graphs (SVG) here")
            command.add_argument(
                "--keep-data", action="store_true", help="reuse the demo database of a last run"
            )
            command.add_argument(
                "--before", type=Path, help="an older checkout, measured in turns with this one"
            )
            _quick_scale_options(command)
        if name == "auth":
            command.add_argument("--requests", type=int, default=200, help="per block")
            command.add_argument("--blocks", type=int, default=30, help="per route, in turns")
            command.add_argument(
                "--keep-data", action="store_true", help="reuse the demo database of a last run"
            )
            command.add_argument("--data", choices=["demo", "scale"], default="demo")
    return parser


def _quick_scale_options(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--data",
        choices=["demo", "scale"],
        default="demo",
        help="demo: the demo data (loaded afresh unless --keep-data); scale: the database "
        "of `python -m bench generate` as it is, as its conflict manager km01",
    )
    command.add_argument(
        "--workers-compare",
        action="store_true",
        help="instead of the request table: kokoma serve --workers 1 and 2 in turns "
        "(the case list unless --only says otherwise)",
    )
    command.add_argument(
        "--wrk-cpus",
        default="",
        help="with --workers-compare: run wrk on these cores only (taskset -c), e.g. 1",
    )


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv if argv is not None else sys.argv[1:] or ["all"])
    return int(args.handler(args))


if __name__ == "__main__":
    sys.exit(main())
