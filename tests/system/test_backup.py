"""Backup while people work, restore into a fresh database, compare every row.

The demo data plus a writer that keeps creating contacts through the API before,
during and after ``kokoma backup``: the restored database must equal the source as
of one moment - every table row by row, except the rows of contacts written after
the backup's snapshot, which must all be later than every contact it holds.
"""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import tarfile
from pathlib import Path

from httpx import ASGITransport, AsyncClient

from kokoma.app import create_app
from kokoma.demo.loader import DEMO_PASSWORD
from kokoma.settings import Settings
from tests.releases.harness import demo_database
from tests.system.conftest import cli_env
from tests.system.tables import all_rows, row_mentions

KOKOMA = str(Path(sys.executable).with_name("kokoma"))
WRITER = "Schreibtest"


def _demo_world(settings: Settings) -> None:
    demo_database(settings)
    attachments = settings.data_dir / "attachments" / "2026"
    attachments.mkdir(parents=True)
    (attachments / "protokoll.pdf").write_bytes(b"%PDF-1.7 Gespraechsprotokoll" * 100)
    (settings.data_dir / "notiz.txt").write_text("Ablage der Koordination\n")


async def _write_while_backing_up(settings: Settings, archive: Path) -> dict[int, str]:
    """Contacts ``Schreibtest N`` before, during and after the backup; returns their ids."""
    app = create_app(settings)
    written: dict[int, str] = {}
    async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
        token = await client.post(
            "/api/v1/auth/token",
            data={"username": "koordination@wartburgkreis.example", "password": DEMO_PASSWORD},
        )
        headers = {"Authorization": f"Bearer {token.json()['access_token']}"}

        async def write() -> None:
            number = len(written) + 1
            body = {
                "kind": "organisation",
                "name": f"{WRITER} {number}",
                "actor_group": "civil_society",
                "legal_basis": "public_task",
            }
            response = await client.post("/api/v1/contacts", json=body, headers=headers)
            assert response.status_code == 201, response.text
            written[number] = response.json()["id"]

        for _ in range(3):
            await write()
        backup = await asyncio.create_subprocess_exec(
            KOKOMA,
            "backup",
            "--output",
            str(archive),
            env=cli_env(settings),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        waiting = asyncio.ensure_future(backup.communicate())
        while not waiting.done():
            await write()
        out, err = await waiting
        assert backup.returncode == 0, err.decode()
        assert b"Backed up" in out
        for _ in range(3):
            await write()
    await app.state.db.dispose()
    return written


def _restore(settings: Settings, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [KOKOMA, "restore", str(archive), *extra],
        env=cli_env(settings),
        capture_output=True,
        text=True,
        timeout=300,
    )


def _files(settings: Settings) -> dict[str, bytes]:
    root = settings.data_dir
    skip = {"kokoma.db", "kokoma.db-wal", "kokoma.db-shm", "kokoma.migrate-lock", "secret_key"}
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in root.rglob("*")
        if p.is_file() and p.name not in skip
    }


def test_backup_while_writing_restores_a_consistent_snapshot(scratch, tmp_path):
    source, target = scratch(), scratch()
    _demo_world(source)
    archive = tmp_path / "kokoma-backup.tar.gz"
    written = asyncio.run(_write_while_backing_up(source, archive))

    restored = _restore(target, archive)
    assert restored.returncode == 0, restored.stderr
    # The two files written above and the three attachment files of the demo data.
    assert "Restored the backup" in restored.stdout and "5 files" in restored.stdout
    stored = [p for p in (target.data_dir / "attachments").rglob("*") if p.is_file()]
    assert len([p for p in stored if p.parent.name != "2026"]) == 3

    before, after = asyncio.run(all_rows(source)), asyncio.run(all_rows(target))
    ids = {i: n for n, i in written.items()}
    kept = sorted(ids[i] for row in after["contacts"] for i in ids if i in row)
    # One moment in time: the writes up to it, in order, and none after it.
    assert kept == list(range(1, len(kept) + 1))
    assert 3 <= len(kept) < len(written)
    later = {written[n] for n in written if n > len(kept)}
    for table, rows in before.items():
        assert after[table] <= rows, f"{table}: rows that the source never had"
        missing = [row for row in rows - after[table] if not row_mentions(row, later)]
        assert missing == [], f"{table}: rows of the snapshot not restored"
    assert _files(target) == _files(source)


def test_refuses_non_empty_target_and_damaged_archives_changing_nothing(scratch, tmp_path):
    source, target = scratch(), scratch()
    _demo_world(source)
    archive = tmp_path / "backup.tar.gz"
    made = subprocess.run(
        [KOKOMA, "backup", "--output", str(archive)],
        env=cli_env(source),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    assert _restore(target, archive).returncode == 0
    rows, files = asyncio.run(all_rows(target)), _files(target)

    again = _restore(target, archive)
    assert again.returncode == 1
    assert "not empty" in again.stderr and "--replace" in again.stderr

    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    tampered = tmp_path / "tampered.tar.gz"
    with tarfile.open(archive) as original, tarfile.open(tampered, "w:gz") as copy:
        for member in original:
            data = original.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == "files/notiz.txt":
                data = data.replace(b"Koordination", b"Manipuliert!")
            member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    for damaged, message in ((truncated, "cannot be read"), (tampered, "checksum mismatch")):
        refused = _restore(target, damaged, "--replace")
        assert refused.returncode == 1
        assert message in refused.stderr and "Nothing was changed" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        assert asyncio.run(all_rows(target)) == rows
        assert _files(target) == files

    replaced = _restore(target, archive, "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert asyncio.run(all_rows(target)) == rows
