"""The ``kokoma`` command line: serve, migrate, manage tenants and accounts, demo data,
check the configuration, back up and restore."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import json
import sys
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from kokoma import __version__
from kokoma.settings import ConfigurationError, Settings, get_settings

KEEP_ALIVE_SECONDS = 75


class CliError(Exception):
    """A failure reported as one line on stderr."""


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    import uvicorn

    settings.resolved_secret_key()
    uvicorn.run(
        "kokoma.app:create_app",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        # The app decides whose X-Forwarded-For to believe (KOKOMA_TRUSTED_PROXIES)
        # and writes its own access log, which leaves out query values (search terms).
        proxy_headers=False,
        access_log=False,
        log_level=settings.log_level.lower(),
        # Longer than the idle time of the proxy's and clients' kept-alive connections
        # (nginx: 60 s), so that they close first. With uvicorn's 5 s, a client sending
        # on a connection just as the server closed it got a reset (load test, bench/).
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


def _db(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma import migrate

    if args.action == "upgrade":
        migrate.upgrade(settings, args.revision or "head")
    else:
        migrate.downgrade(settings, args.revision or "base")


def _run_async(func: Callable[..., Coroutine[Any, Any, Any]], *args: Any) -> Any:
    import kokoma.tables  # noqa: F401 - every table and flush hook, before the first session
    from kokoma.db import Database

    async def runner() -> Any:
        database = Database(args[0])
        try:
            async with database.sessionmaker() as session:
                return await func(session, *args)
        finally:
            await database.dispose()

    return asyncio.run(runner())


def _municipality_create(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.admin import create_municipality

    municipality = _run_async(create_municipality, settings, args.name, args.slug, args.ags)
    print(f"Created municipality {municipality.slug} ({municipality.id}).")


def _read_password() -> str:
    if sys.stdin.isatty():
        first = getpass.getpass("Password: ")
        if getpass.getpass("Repeat password: ") != first:
            raise CliError("The passwords do not match.")
        return first
    return sys.stdin.readline().rstrip("\n")


def _user_create(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.admin import create_user

    password = _read_password()
    user = _run_async(
        create_user, settings, args.municipality, args.email, args.name, args.role, password
    )
    print(f"Created {user.role.value} {user.email} ({user.id}).")


def _sso_add(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.sso import add_provider

    options = {
        "name": args.name,
        "issuer": args.issuer,
        "client_id": args.client_id,
        "client_secret_ref": args.secret,
        "scopes": args.scope,
        "roles_claim": args.roles_claim,
        "map": args.map,
        "provisioning": args.provisioning,
        "allowed_domains": args.domain,
        "sso_only": args.sso_only,
    }
    for line in _run_async(add_provider, settings, args.municipality, options):
        print(line)


def _sso_list(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.sso import list_providers

    lines = _run_async(list_providers, settings)
    print("\n".join(lines) if lines else "No identity providers configured.")


_TEST_PROBLEMS = {
    "secret-missing": "The client secret was not found where the configuration points.",
    "discovery-failed": "The discovery document could not be read.",
    "discovery-issuer-mismatch": "The discovery document names another issuer.",
    "jwks-failed": "The provider's keys (JWKS) could not be read.",
    "no-signing-key": "The provider offers no key for an allowed algorithm.",
}


def _sso_test(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.sso import test_provider

    result = _run_async(test_provider, settings, args.municipality)
    print(f"Issuer:            {result.issuer or '-'}")
    print(f"Sign-in endpoint:  {result.authorization_endpoint or '-'}")
    print(f"Logout endpoint:   {result.end_session_endpoint or '- (no RP-initiated logout)'}")
    print(f"Back-channel:      {'yes' if result.backchannel_logout_supported else 'no'}")
    print(f"Signing keys:      {result.signing_keys}")
    print(f"Secret found:      {'yes' if result.secret_found else 'no'}")
    if not result.ok:
        raise CliError("\n".join(_TEST_PROBLEMS.get(code, code) for code in result.problems))
    print("The connection works.")


def _demo_data(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.demo import load_demo_data

    logins = _run_async(load_demo_data, settings, args.sso)
    print(f"Demo logins (password for all: {logins.password}):")
    for role, email in logins.accounts:
        print(f"  {role:<17} {email}")


def _statistics_rebuild(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.admin import rebuild_statistics

    days = _run_async(rebuild_statistics, settings)
    print(f"Recounted the statistics: {days} municipality days.")


def _privacy_retention(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.privacy import lifecycle, retention

    if args.batch_size < 1:
        raise CliError("--batch-size must be at least 1.")
    if args.apply:
        counts = _run_async(retention.apply, settings, args.batch_size)
        print("Deleted (rows):")
    else:
        counts = _run_async(retention.due_counts, settings)
        print("Due for deletion (rows; nothing was changed, --apply deletes them):")
    for rule in retention.rules(settings):
        own = " (or the municipality's own period)" if rule.name == "audit_log" else ""
        print(f"  {rule.name:<20} {counts[rule.name]:>9}  older than {rule.days} days{own}")
    print("Municipalities' records (cases anonymised, contacts deleted, accounts pseudonymised):")
    for step in lifecycle.STEPS:
        print(f"  {step:<20} {counts[step]:>9}")


def _jobs_run_once(args: argparse.Namespace, settings: Settings) -> None:
    """The scheduled jobs due today, then one delivery round of the e-mail outbox."""
    import kokoma.tables  # noqa: F401 - every table and flush hook, before the first session
    from kokoma.db import Database
    from kokoma.mail.jobs import run_due_jobs
    from kokoma.mail.worker import deliver_once

    async def runner() -> tuple[list[str], int, int]:
        database = Database(settings)
        try:
            done = await run_due_jobs(database.sessionmaker, settings, ignore_hour=True)
            sent = held = 0
            while True:
                report = await deliver_once(database.sessionmaker, settings)
                sent, held = sent + report.sent, held + report.held
                if not report.busy:
                    return done, sent, held
        finally:
            await database.dispose()

    done, sent, held = asyncio.run(runner())
    print("Jobs run:", ", ".join(done) if done else "none due (each runs once a day)")
    print(f"E-mails sent: {sent}; kept unsent (no SMTP server configured): {held}")


def _openapi(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.app import create_app

    print(json.dumps(create_app(settings).openapi(), indent=2, ensure_ascii=False))


def _backup(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.backup.database import DatabaseStepFailed
    from kokoma.cli.backup.service import BackupRefused, make_backup

    try:
        manifest = make_backup(settings, args.output)
    except (BackupRefused, DatabaseStepFailed) as exc:
        raise CliError(str(exc)) from None
    print(
        f"Backed up KoKoMa {manifest.kokoma_version} ({manifest.database}, schema "
        f"{manifest.schema_revision}) and {len(manifest.file_members)} files to {args.output}."
    )


def _restore(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.backup.database import DatabaseStepFailed
    from kokoma.cli.backup.service import RestoreRefused, restore_backup

    try:
        report = restore_backup(settings, args.archive, replace=args.replace)
    except RestoreRefused as exc:
        raise CliError(f"{exc} Nothing was changed.") from None
    except DatabaseStepFailed as exc:
        raise CliError(f"{exc} The restore is incomplete; run it again with --replace.") from None
    manifest = report.manifest
    print(
        f"Restored the backup of {manifest.created_at} (KoKoMa {manifest.kokoma_version}, "
        f"{manifest.database}, schema {manifest.schema_revision})."
    )
    if report.migrated_to:
        print(f"Migrated the schema forward to {report.migrated_to}.")
    print(f"{sum(report.rows.values())} rows in {len(report.rows)} tables, {report.files} files.")
    if not report.same_secret:
        print(
            "Note: the backup was made with a different secret key. Everyone signs in again, "
            "and webhook signing secrets must be set anew unless the old key is configured."
        )


def _check_config(args: argparse.Namespace, settings: Settings) -> None:
    from kokoma.cli.config_report import effective_configuration

    for name, value in effective_configuration(settings):
        print(f"{name}={value}")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kokoma", description=__doc__)
    parser.add_argument("--version", action="version", version=f"kokoma {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve API and web UI")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--workers", type=int, default=1)
    serve.set_defaults(handler=_serve)

    db = sub.add_parser("db", help="database migrations")
    db.add_argument("action", choices=["upgrade", "downgrade"])
    db.add_argument("revision", nargs="?")
    db.set_defaults(handler=_db)

    municipality = sub.add_parser("municipality", help="manage municipalities")
    municipality_sub = municipality.add_subparsers(dest="action", required=True)
    m_create = municipality_sub.add_parser("create")
    m_create.add_argument("--name", required=True)
    m_create.add_argument("--slug", required=True)
    m_create.add_argument("--ags", help="official municipality key (AGS)")
    m_create.set_defaults(handler=_municipality_create)

    user = sub.add_parser("user", help="manage user accounts")
    user_sub = user.add_subparsers(dest="action", required=True)
    u_create = user_sub.add_parser(
        "create", help="create an account; the password is read from a prompt or stdin"
    )
    u_create.add_argument("--email", required=True)
    u_create.add_argument("--name", required=True)
    u_create.add_argument("--role", required=True)
    u_create.add_argument("--municipality", required=True, metavar="SLUG")
    u_create.set_defaults(handler=_user_create)

    sso = sub.add_parser("sso", help="single sign-on: the municipalities' identity providers")
    sso_sub = sso.add_subparsers(dest="action", required=True)
    sso_add = sso_sub.add_parser("add", help="configure a municipality's OpenID provider")
    sso_add.add_argument("--municipality", required=True, metavar="SLUG")
    sso_add.add_argument("--name", required=True)
    sso_add.add_argument("--issuer", required=True, help="issuer URL as in its discovery")
    sso_add.add_argument("--client-id", required=True)
    sso_add.add_argument(
        "--secret", required=True, metavar="REF", help="env:NAME or file:/path (never the secret)"
    )
    sso_add.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="VALUE=ROLE",
        help="a group or app role and the KoKoMa role it grants (repeat)",
    )
    sso_add.add_argument("--roles-claim", default=None, help="claim with groups/roles (roles)")
    sso_add.add_argument("--scope", action="append", default=[], help="scope (repeat)")
    sso_add.add_argument("--domain", action="append", default=[], help="allowed e-mail domain")
    sso_add.add_argument("--provisioning", choices=["create", "pre_created"], default=None)
    sso_add.add_argument("--sso-only", action="store_true", help="switch passwords off")
    sso_add.set_defaults(handler=_sso_add)
    sso_list = sso_sub.add_parser("list", help="list the configured providers")
    sso_list.set_defaults(handler=_sso_list)
    sso_test = sso_sub.add_parser("test", help="read the provider's discovery document and keys")
    sso_test.add_argument("--municipality", required=True, metavar="SLUG")
    sso_test.set_defaults(handler=_sso_test)

    demo = sub.add_parser("demo-data", help="load demo data (idempotent) and print the logins")
    demo.add_argument(
        "--sso",
        action="store_true",
        help="switch on the demo single sign-on (make run-sso starts its provider)",
    )
    demo.set_defaults(handler=_demo_data)

    statistics = sub.add_parser("statistics", help="maintain the statistics")
    statistics_sub = statistics.add_subparsers(dest="action", required=True)
    s_rebuild = statistics_sub.add_parser(
        "rebuild",
        help="recount the daily totals from cases and consultations (after a bulk import)",
    )
    s_rebuild.set_defaults(handler=_statistics_rebuild)

    privacy = sub.add_parser("privacy", help="data protection tasks")
    privacy_sub = privacy.add_subparsers(dest="action", required=True)
    p_retention = privacy_sub.add_parser(
        "retention",
        help="show (--dry-run, the default) or delete (--apply) the records past their retention",
    )
    mode = p_retention.add_mutually_exclusive_group()
    mode.add_argument("--dry-run", action="store_true", help="only count (the default)")
    mode.add_argument("--apply", action="store_true", help="delete, in batches")
    p_retention.add_argument(
        "--batch-size", type=int, default=1000, help="rows per transaction (default 1000)"
    )
    p_retention.set_defaults(handler=_privacy_retention)

    jobs = sub.add_parser("jobs", help="scheduled work (daily e-mail digest and reminders)")
    jobs_sub = jobs.add_subparsers(dest="action", required=True)
    j_once = jobs_sub.add_parser(
        "run-once", help="run the jobs due today and deliver the e-mail outbox once (for cron)"
    )
    j_once.set_defaults(handler=_jobs_run_once)

    openapi = sub.add_parser("openapi", help="print the OpenAPI document")
    openapi.set_defaults(handler=_openapi)

    backup = sub.add_parser(
        "backup", help="back up the database and the data directory's files into one archive"
    )
    backup.add_argument("--output", required=True, type=Path, metavar="FILE")
    backup.set_defaults(handler=_backup)

    restore = sub.add_parser(
        "restore", help="restore a backup into an empty database and data directory"
    )
    restore.add_argument("archive", type=Path, metavar="FILE")
    restore.add_argument(
        "--replace", action="store_true", help="overwrite a database and files that exist"
    )
    restore.set_defaults(handler=_restore)

    check = sub.add_parser(
        "check-config", help="check the settings and print them, secrets masked"
    )
    check.set_defaults(handler=_check_config)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        args.handler(args, get_settings())
    except (CliError, ConfigurationError) as exc:
        for line in str(exc).splitlines():
            print(f"kokoma: {line}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - one clear line, no traceback
        from kokoma.errors import Problem

        message = exc.detail if isinstance(exc, Problem) else f"{exc.__class__.__name__}: {exc}"
        print(f"kokoma: {message}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
