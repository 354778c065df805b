"""``kokoma backup`` and ``kokoma restore``.

What a backup holds: the database, and every file under the data directory except the
SQLite database itself (and the files SQLite keeps beside it) and the generated
``secret_key``. Files the application stores under the data directory, such as
attachments, are therefore included wherever in it they live. The secret key is left
out on purpose: it is kept apart from the data (README, "Backup and restore"), and the
manifest only records a fingerprint, so that a restore can say when it differs.
"""

from __future__ import annotations

import hashlib
import hmac
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kokoma import __version__, migrate, revisions
from kokoma.cli.backup import database
from kokoma.cli.backup.archive import (
    DATABASE_PREFIX,
    FILES_PREFIX,
    ArchiveRefused,
    ArchiveWriter,
    Manifest,
    read_verified,
)
from kokoma.settings import Settings

SECRET_FILE = "secret_key"


class BackupRefused(Exception):
    """The backup cannot be made as asked; nothing was written."""


class RestoreRefused(Exception):
    """Restoring would lose data or cannot succeed; nothing has been changed."""


def _fingerprint(settings: Settings) -> str:
    key = settings.resolved_secret_key().encode()
    return hmac.new(key, b"kokoma-backup-fingerprint", hashlib.sha256).hexdigest()[:16]


def data_files(settings: Settings, exclude: tuple[Path, ...] = ()) -> list[Path]:
    """The files of the data directory a backup holds (see the module docstring)."""
    root = settings.data_dir.resolve()
    if not root.is_dir():
        return []
    skipped = {root / SECRET_FILE, *(p.resolve() for p in exclude)}
    if settings.is_sqlite:
        skipped.update(p.resolve() for p in database.sqlite_companions(settings))
    found = []
    for path in sorted(root.rglob("*")):
        resolved = path.resolve()
        if path.is_file() and resolved not in skipped and not path.name.endswith(".partial"):
            found.append(resolved)
    return found


def make_backup(settings: Settings, output: Path) -> Manifest:
    """Snapshot the database, then add the data directory's files, into ``output``.

    The database comes first: a file the application writes before it commits the row
    that names it is then always in the archive when the row is.
    """
    output = output.resolve()
    if output.exists():
        raise BackupRefused(f"{output} exists; choose a new file name.")
    # The dump waits beside the archive: where the archive fits, the dump fits too.
    with tempfile.TemporaryDirectory(prefix=".kokoma-backup-", dir=output.parent) as scratch:
        dump = Path(scratch) / "database"
        if settings.is_sqlite:
            revision = database.dump_sqlite(settings, dump)
        else:
            revision = database.dump_postgres(settings, dump)
        manifest = Manifest(
            kokoma_version=__version__,
            schema_revision=revision,
            database=database.kind(settings),
            created_at=datetime.now(UTC).isoformat(timespec="seconds"),
            secret_fingerprint=_fingerprint(settings),
        )
        writer = ArchiveWriter(output, manifest)
        try:
            suffix = "sqlite3" if settings.is_sqlite else "pgdump"
            writer.add(dump, f"{DATABASE_PREFIX}kokoma.{suffix}")
            root = settings.data_dir.resolve()
            for path in data_files(settings, exclude=(output, writer.partial, dump)):
                writer.add(path, FILES_PREFIX + path.relative_to(root).as_posix())
            writer.close()
        except BaseException:
            writer.abort()
            raise
    return manifest


@dataclass
class RestoreReport:
    manifest: Manifest
    files: int
    rows: dict[str, int]
    migrated_to: str | None
    same_secret: bool


def _check_target(settings: Settings, manifest: Manifest, replace: bool) -> None:
    if manifest.database != database.kind(settings):
        raise RestoreRefused(
            f"The backup holds a {manifest.database} database; the configured database is "
            f"{database.kind(settings)}."
        )
    if not revisions.is_known_revision(settings, manifest.schema_revision):
        raise RestoreRefused(
            f"The backup's schema revision {manifest.schema_revision} (KoKoMa "
            f"{manifest.kokoma_version}) is newer than this version ({__version__}) knows; "
            "restore it with that version or a later one."
        )
    if replace:
        return
    tables = database.table_names(settings)
    files = data_files(settings)
    if tables or files:
        raise RestoreRefused(
            f"The target is not empty ({len(tables)} tables, {len(files)} files in "
            f"{settings.data_dir}); restore into an empty database and data directory, "
            "or pass --replace to overwrite them."
        )


def _put_files(settings: Settings, staging: Path, manifest: Manifest, replace: bool) -> None:
    root = settings.data_dir.resolve()
    if replace:
        for path in data_files(settings):
            path.unlink()
    for name in manifest.file_members:
        target = root / name.removeprefix(FILES_PREFIX)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(staging / name, target)


def restore_backup(settings: Settings, archive: Path, replace: bool = False) -> RestoreReport:
    """Verify the archive and the target, then restore, then migrate forward if older."""
    if not archive.is_file():
        raise RestoreRefused(f"There is no file {archive}.")
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kokoma-restore-") as tmp:
        staging = Path(tmp)
        try:
            manifest = read_verified(archive, staging)
        except ArchiveRefused as exc:
            raise RestoreRefused(str(exc)) from None
        _check_target(settings, manifest, replace)
        dump = staging / manifest.database_member
        if settings.is_sqlite:
            database.load_sqlite(settings, dump)
        else:
            database.load_postgres(settings, dump, replace)
        _put_files(settings, staging, manifest, replace)
    migrated_to = None
    if manifest.schema_revision != revisions.head_revision(settings):
        migrate.upgrade(settings)
        migrated_to = revisions.head_revision(settings)
    return RestoreReport(
        manifest=manifest,
        files=len(manifest.file_members),
        rows=database.row_counts(settings),
        migrated_to=migrated_to,
        same_secret=manifest.secret_fingerprint == _fingerprint(settings),
    )
