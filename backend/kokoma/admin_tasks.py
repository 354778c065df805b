"""Operator tasks behind the command line, acting as the system rather than a user."""

from __future__ import annotations

from pydantic import EmailStr, TypeAdapter, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.audit import service as audit
from kokoma.auth.permissions import Role
from kokoma.errors import Conflict, Problem
from kokoma.municipalities.models import Municipality
from kokoma.municipalities.schemas import MunicipalityCreate
from kokoma.settings import Settings
from kokoma.statistics import daily
from kokoma.users.models import User
from kokoma.users.service import register_user


def _invalid(exc: ValidationError) -> Problem:
    first = exc.errors()[0]
    field = ".".join(str(p) for p in first["loc"])
    return Problem(422, f"{field}: {first['msg']}")


async def create_municipality(
    session: AsyncSession, _settings: Settings, name: str, slug: str, official_key: str | None
) -> Municipality:
    """Create a municipality from the command line."""
    try:
        data = MunicipalityCreate(name=name, slug=slug, official_key=official_key)
    except ValidationError as exc:
        raise _invalid(exc) from exc
    if await session.scalar(select(Municipality).where(Municipality.slug == data.slug)):
        raise Conflict(f"The slug '{data.slug}' is already taken.")
    municipality = Municipality(**data.model_dump())
    session.add(municipality)
    await session.flush()
    audit.record(
        session, "municipality.create", actor_label="cli",
        target=audit.Target("municipality", municipality.id), municipality_id=municipality.id,
    )
    await session.commit()
    return municipality


async def create_user(
    session: AsyncSession,
    _settings: Settings,
    slug: str,
    email: str,
    full_name: str,
    role: str,
    password: str,
) -> User:
    """Create an account from the command line."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == slug))
    if municipality is None:
        raise Problem(404, f"No municipality with the slug '{slug}'.")
    try:
        TypeAdapter(EmailStr).validate_python(email)
    except ValidationError as exc:
        raise Problem(422, f"'{email}' is not a valid e-mail address.") from exc
    try:
        role_value = Role(role)
    except ValueError as exc:
        raise Problem(422, f"Unknown role '{role}'; use one of {', '.join(Role)}.") from exc
    user = await register_user(
        session,
        municipality_id=municipality.id,
        email=email,
        full_name=full_name,
        role=role_value,
        password=password,
    )
    audit.record(
        session, "user.create", actor_label="cli", target=audit.Target("user", user.id),
        municipality_id=municipality.id,
    )
    await session.commit()
    return user


async def rebuild_statistics(session: AsyncSession, settings: Settings) -> int:
    """Recount the daily statistics totals, e.g. after rows were imported in bulk;
    returns the number of municipality days."""
    days = await daily.rebuild(session)
    await session.commit()
    return days
