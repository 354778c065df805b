"""Operator tasks behind the command line, acting as the system rather than a user.

They validate with the API's input schemas and create through the same services,
so a record made here obeys the same rules as one made over HTTP.
"""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.errors import NotFound, invalid
from kokoma.municipalities import service as municipalities
from kokoma.municipalities.models import Municipality
from kokoma.municipalities.schemas import MunicipalityCreate
from kokoma.settings import Settings
from kokoma.statistics import daily
from kokoma.users import service as users
from kokoma.users.models import User
from kokoma.users.schemas import UserCreate

Input = TypeVar("Input", bound=BaseModel)


def parse_options(schema: type[Input], **values: Any) -> Input:
    """``values`` as ``schema``; the first problem as a 422 naming the option."""
    try:
        return schema(**values)
    except ValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(part) for part in first["loc"])
        raise invalid(field, f"{field}: {first['msg']}", first["type"]) from exc


async def create_municipality(
    session: AsyncSession, _settings: Settings, name: str, slug: str, official_key: str | None
) -> Municipality:
    """Create a municipality from the command line."""
    data = parse_options(MunicipalityCreate, name=name, slug=slug, official_key=official_key)
    return await municipalities.create_municipality(session, None, data)


async def create_user(
    session: AsyncSession,
    _settings: Settings,
    slug: str,
    email: str,
    full_name: str,
    role: str,
    password: str,
) -> User:
    """Create an account from the command line, in the municipality with ``slug``."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == slug))
    if municipality is None:
        raise NotFound(f"The municipality '{slug}'")
    data = parse_options(
        UserCreate,
        email=email,
        full_name=full_name,
        role=role,
        password=password,
        municipality_id=municipality.id,
    )
    return await users.create_user(session, None, data)


async def rebuild_statistics(session: AsyncSession, settings: Settings) -> int:
    """Recount the daily statistics totals, e.g. after rows were imported in bulk;
    returns the number of municipality days."""
    days = await daily.rebuild(session)
    await session.commit()
    return days
