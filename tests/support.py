"""Arranging test data through the real services, the API and the real database.

Helpers that tests of more than one domain use live here, once."""

from __future__ import annotations

import itertools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from httpx import ASGITransport, AsyncClient, Response

from kokoma.access.permissions import Role
from kokoma.access.tokens import issue_access_token
from kokoma.auth.models import AuthSession
from kokoma.cases.models import Case, CaseAssignment, CaseParty, CaseVisibility, PartyRole
from kokoma.contacts.models import ActorGroup, Contact, ContactKind, LegalBasis
from kokoma.core.folding import fold
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User
from kokoma.users.service import register_user

PASSWORD = "Sichere-Test-Passphrase-7"
CASES = "/api/v1/cases"
CONTACTS = "/api/v1/contacts"
CLIENTS = "/api/v1/api-clients"
TOKEN = "/api/v1/auth/token"
_case_numbers = itertools.count(1)


@dataclass
class Account:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class Tenant:
    municipality: Municipality
    accounts: dict[Role, Account] = field(default_factory=dict)

    @property
    def id(self) -> uuid.UUID:
        return self.municipality.id

    @property
    def slug(self) -> str:
        return self.municipality.slug

    def headers(self, role: Role | str) -> dict[str, str]:
        return self.accounts[Role(role)].headers

    def user(self, role: Role | str) -> User:
        return self.accounts[Role(role)].user


class TenantFactory:
    """``await tenants.make()`` — a new municipality with one signed-in user per role."""

    def __init__(self, sessionmaker: Any, settings: Settings) -> None:
        self.sessionmaker = sessionmaker
        self.settings = settings

    async def make(self, roles: tuple[Role, ...] = tuple(Role)) -> Tenant:
        suffix = uuid.uuid4().hex[:8]
        async with self.sessionmaker() as session:
            municipality = Municipality(name=f"Gemeinde {suffix}", slug=f"t{suffix}")
            session.add(municipality)
            await session.flush()
            tenant = Tenant(municipality)
            for role in roles:
                tenant.accounts[role] = await self._account(session, municipality, role)
            await session.commit()
        return tenant

    async def add_user(self, tenant: Tenant, role: Role) -> Account:
        async with self.sessionmaker() as session:
            account = await self._account(session, tenant.municipality, role)
            await session.commit()
        return account

    async def _account(self, session: Any, municipality: Municipality, role: Role) -> Account:
        user = await register_user(
            session,
            municipality_id=municipality.id,
            email=f"{role.value}.{uuid.uuid4().hex[:8]}@{municipality.slug}.example",
            full_name=f"{role.value.replace('_', ' ').title()} {municipality.slug}",
            role=role,
            password=PASSWORD,
        )
        auth_session = AuthSession(id=uuid.uuid4(), user_id=user.id)
        session.add(auth_session)
        token, _ = issue_access_token(
            self.settings,
            subject_id=user.id,
            municipality_id=municipality.id,
            kind="user",
            role=role.value,
            session_id=auth_session.id,
        )
        return Account(user=user, token=token)


def etag(record: dict[str, Any]) -> dict[str, str]:
    """The If-Match header for changing ``record`` as the API last returned it."""
    return {"If-Match": f'"{record["version"]}"'}


async def make_case(
    client: AsyncClient, tenant: Tenant, role: str = "conflict_manager", **fields: Any
) -> dict[str, Any]:
    """A case opened by the tenant's user of ``role`` (a conflict manager unless told)."""
    body: dict[str, Any] = {
        "title": "Streit um den Windpark bei Dippach",
        "summary": "Bürgerinitiative und Gemeinderat streiten über Abstände.",
        "topics": ["energy_infrastructure"],
        "escalation_level": 3,
        **fields,
    }
    response = await client.post(CASES, json=body, headers=tenant.headers(role))
    assert response.status_code == 201, response.text
    return response.json()


async def insert_case(
    db: Any,
    tenant: Tenant,
    *,
    restricted: bool = False,
    assignees: tuple[uuid.UUID, ...] = (),
    parties: tuple[str, ...] = (),
    archived: bool = False,
) -> Case:
    """A case row, arranged in the database so these tests do not depend on the cases API."""
    number = next(_case_numbers)
    async with db() as session:
        case = Case(
            municipality_id=tenant.id,
            reference=f"{tenant.slug.upper()}-2026-{number:04d}",
            year=2026,
            number=number,
            title="Streit um den Jugendclub",
            visibility=CaseVisibility.RESTRICTED if restricted else CaseVisibility.TEAM,
            archived=archived,
        )
        session.add(case)
        await session.flush()
        session.add_all(CaseAssignment(case_id=case.id, user_id=user_id) for user_id in assignees)
        session.add_all(
            CaseParty(
                case_id=case.id,
                contact_id=uuid.UUID(contact_id),
                role_in_conflict=PartyRole.AFFECTED,
            )
            for contact_id in parties
        )
        await session.commit()
    return case


async def make_contact(client: AsyncClient, tenant: Tenant, **fields: Any) -> dict[str, Any]:
    """A contact created by the tenant's conflict manager; a person unless told otherwise."""
    body: dict[str, Any] = {
        "kind": "person",
        "given_name": "Katrin",
        "family_name": "Wagner",
        "actor_group": "civil_society",
        "legal_basis": "public_task",
    }
    if fields.get("kind") == "organisation":
        body.pop("given_name")
        body.pop("family_name")
        body["name"] = "Bürgerinitiative Lebenswertes Werratal"
    body.update(fields)
    response = await client.post(CONTACTS, json=body, headers=tenant.headers("conflict_manager"))
    assert response.status_code == 201, response.text
    return response.json()


async def insert_contact(
    db: Any,
    tenant: Tenant,
    name: str = "Katrin Wagner",
    *,
    kind: ContactKind = ContactKind.PERSON,
    actor_group: ActorGroup = ActorGroup.CIVIL_SOCIETY,
) -> uuid.UUID:
    """A contact row, arranged in the database without the contacts API."""
    async with db() as session:
        contact = Contact(
            municipality_id=tenant.id,
            kind=kind,
            name=name,
            sort_name=fold(name),
            actor_group=actor_group,
            legal_basis=LegalBasis.PUBLIC_TASK,
        )
        session.add(contact)
        await session.commit()
        return contact.id


async def register_client(
    client: AsyncClient, tenant: Tenant, scopes: list[str], name: str = "Fachverfahren Eisenach"
) -> dict[str, Any]:
    """An API client of ``tenant``, created by the tenant's administrator; includes the secret."""
    response = await client.post(
        CLIENTS,
        json={"name": name, "municipality_id": str(tenant.id), "scopes": scopes},
        headers=tenant.headers("admin"),
    )
    assert response.status_code == 201, response.text
    return response.json()


async def request_token(
    client: AsyncClient, client_id: str, secret: str, scope: str | None = None
) -> Response:
    form = {"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret}
    if scope is not None:
        form["scope"] = scope
    return await client.post(TOKEN, data=form)


async def client_headers(
    client: AsyncClient, tenant: Tenant, scopes: list[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """A new API client of ``tenant`` and the Authorization header of a fresh token."""
    registered = await register_client(client, tenant, scopes)
    token = await request_token(client, registered["id"], registered["client_secret"])
    assert token.status_code == 200, token.text
    return registered, {"Authorization": f"Bearer {token.json()['access_token']}"}


@asynccontextmanager
async def app_client(
    settings: Settings, peer: str = "127.0.0.1", **overrides: Any
) -> AsyncIterator[AsyncClient]:
    """Another instance of the app on the same database, with changed settings,
    called from the address ``peer``."""
    from kokoma.app import create_app

    app = create_app(settings.model_copy(update=overrides))
    transport = ASGITransport(app=app, client=(peer, 40000))  # type: ignore[arg-type]
    try:
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield http
    finally:
        await app.state.db.dispose()


async def walk_pages(
    client: AsyncClient, url: str, headers: dict[str, str], **params: Any
) -> list[str]:
    """The ids of every item of a list, read one item a page, so that every page after
    the first runs with a cursor."""
    found: list[str] = []
    cursor = None
    while True:
        paging = {"limit": 1, **params, **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, params=paging, headers=headers)
        assert response.status_code == 200, response.text
        found += [item["id"] for item in response.json()["items"]]
        cursor = response.json()["next_cursor"]
        if cursor is None:
            return found
