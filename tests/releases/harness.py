"""Making a release fixture, and reading every record of a database through the API.

A fixture holds, for one release: its migration files, and per database kind a backup
archive (``kokoma backup``) of a database filled by that release's demo loader plus
the edge cases the demo data lacks, and the ids of every record its API could read
then (``expected-<kind>.json``).
"""

from __future__ import annotations

import asyncio
import json
import shutil
from collections import defaultdict
from pathlib import Path
from typing import Any

from httpx import ASGITransport, AsyncClient

from kokoma import migrate
from kokoma.app import create_app
from kokoma.cli.backup.service import make_backup
from kokoma.db import Database
from kokoma.demo import load_demo_data
from kokoma.demo.loader import DEMO_PASSWORD
from kokoma.settings import Settings

ADMIN = "admin@kokoma.example"
COORDINATORS = ("koordination@wartburgkreis.example", "koordination@unstrut-hainich.example")
TRAINER = "qualifizierung@wartburgkreis.example"
# Records the API must still show after an upgrade, beyond the plain lists.
EDGE_CASES = ("cases.archived", "cases.restricted", "certificates.revoked")
Seen = dict[str, set[str]]


class _Reader:
    """Signs in as demo accounts and walks lists page by page, opening every record."""

    def __init__(self, client: AsyncClient) -> None:
        self.client = client
        self.seen: Seen = defaultdict(set)

    async def sign_in(self, email: str) -> dict[str, str]:
        response = await self.client.post(
            "/api/v1/auth/token", data={"username": email, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200, (email, response.text)
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def items(self, path: str, headers: dict[str, str], **params: Any) -> list[Any]:
        found: list[Any] = []
        cursor = None
        while True:
            page = await self.client.get(
                path, headers=headers, params={**params, **({"cursor": cursor} if cursor else {})}
            )
            assert page.status_code == 200, (path, page.text)
            found += page.json()["items"]
            cursor = page.json()["next_cursor"]
            if not cursor:
                return found

    async def each(
        self, kind: str, path: str, headers: dict[str, str], **params: Any
    ) -> list[Any]:
        """Every record of a list, each opened on its own route."""
        records = []
        for item in await self.items(path, headers, **params):
            detail = await self.client.get(f"{path}/{item['id']}", headers=headers)
            assert detail.status_code == 200, (kind, item["id"], detail.text)
            self.seen[kind].add(item["id"])
            records.append(detail.json())
        return records


async def _read(reader: _Reader) -> None:
    admin = await reader.sign_in(ADMIN)
    for kind in ("municipalities", "users", "api-clients", "webhooks"):
        await reader.each(kind, f"/api/v1/{kind}", admin)
    reader.seen["audit-log"] = {e["id"] for e in await reader.items("/api/v1/audit-log", admin)}
    for email in COORDINATORS:
        headers = await reader.sign_in(email)
        for archived in (False, True):
            for case in await reader.each("cases", "/api/v1/cases", headers, archived=archived):
                if case["archived"]:
                    reader.seen["cases.archived"].add(case["id"])
                if case["visibility"] == "restricted":
                    reader.seen["cases.restricted"].add(case["id"])
        await reader.each("contacts", "/api/v1/contacts", headers)
        await reader.each("consultations", "/api/v1/consultations", headers)
        for series in await reader.each("trainings", "/api/v1/trainings", headers):
            path = f"/api/v1/trainings/{series['id']}/certificates"
            for certificate in await reader.each("certificates", path, headers):
                if certificate["status"] == "revoked":
                    reader.seen["certificates.revoked"].add(certificate["id"])


async def _with_client(settings: Settings, work: Any) -> Any:
    app = create_app(
        settings.model_copy(
            update={"webhook_dispatcher_enabled": False, "mail_worker_enabled": False}
        )
    )
    try:
        async with AsyncClient(transport=ASGITransport(app=app), base_url="http://t") as client:
            return await work(client)
    finally:
        await app.state.db.dispose()


def read_everything(settings: Settings) -> dict[str, list[str]]:
    """The ids of every record the API shows the demo accounts, by kind (see EDGE_CASES)."""

    async def work(client: AsyncClient) -> Seen:
        reader = _Reader(client)
        await _read(reader)
        return reader.seen

    seen = asyncio.run(_with_client(settings, work))
    return {kind: sorted(ids) for kind, ids in sorted(seen.items())}


async def _revoke_a_certificate(client: AsyncClient) -> None:
    reader = _Reader(client)
    headers = await reader.sign_in(TRAINER)
    for series in await reader.items("/api/v1/trainings", headers):
        path = f"/api/v1/trainings/{series['id']}/certificates"
        for certificate in await reader.items(path, headers):
            current = await client.get(f"{path}/{certificate['id']}", headers=headers)
            revoked = await client.post(
                f"{path}/{certificate['id']}/revoke",
                json={"reason": "Name falsch geschrieben; neues Zertifikat folgt."},
                headers={**headers, "If-Match": current.headers["etag"]},
            )
            assert revoked.status_code == 200, revoked.text
            return
    raise AssertionError("the demo data has no certificate to revoke")


def demo_database(settings: Settings) -> None:
    """Migrate the empty database of ``settings`` and load the demo data into it."""
    migrate.upgrade(settings)

    async def load() -> None:
        database = Database(settings)
        async with database.sessionmaker() as session:
            await load_demo_data(session, settings)
        await database.dispose()

    asyncio.run(load())


def make_fixture(settings: Settings, folder: Path, migrations: Path) -> None:
    """Fill the empty database of ``settings`` as a release would, and save it in ``folder``."""
    demo_database(settings)
    asyncio.run(_with_client(settings, _revoke_a_certificate))
    expected = read_everything(settings)
    assert all(expected.get(kind) for kind in EDGE_CASES), "edge cases missing"
    kind = "sqlite" if settings.is_sqlite else "postgresql"
    folder.mkdir(parents=True, exist_ok=True)
    make_backup(settings, folder / f"{kind}.tar.gz")
    (folder / f"expected-{kind}.json").write_text(json.dumps(expected, indent=1) + "\n")
    versions = folder / "migrations"
    versions.mkdir(exist_ok=True)
    for migration in sorted((migrations / "versions").glob("*.py")):
        shutil.copyfile(migration, versions / migration.name)
