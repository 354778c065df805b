"""Arranging test data through the real services and the real database."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from kokoma.auth.models import AuthSession
from kokoma.access.permissions import Role
from kokoma.access.tokens import issue_access_token
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User
from kokoma.users.service import register_user

PASSWORD = "Sichere-Test-Passphrase-7"


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
