"""`kokoma sso …`: the municipalities' identity providers from the command line,
through the same schemas and services as the admin pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.auth.sso import service as sso
from kokoma.auth.sso.models import IdentityProvider
from kokoma.auth.sso.schemas import (
    ConnectionTest,
    IdentityProviderCreate,
)
from kokoma.cli.admin import parse_options
from kokoma.errors import NotFound, invalid
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings


async def _municipality(session: AsyncSession, slug: str) -> Municipality:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == slug))
    if municipality is None:
        raise NotFound(f"The municipality '{slug}'")
    return municipality


def _mapping(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        value, sep, role = pair.rpartition("=")
        if not sep or not value:
            raise invalid("map", f"map: '{pair}' is not VALUE=ROLE")
        mapping[value] = role
    return mapping


async def add_provider(
    session: AsyncSession, settings: Settings, slug: str, options: dict[str, object]
) -> list[str]:
    """Configure the municipality's provider; returns the URIs to register there."""
    municipality = await _municipality(session, slug)
    mapping = _mapping(list(options.pop("map")))  # type: ignore[call-overload]
    values = {k: v for k, v in options.items() if v not in (None, [])}
    data = parse_options(
        IdentityProviderCreate, municipality_id=municipality.id, role_mapping=mapping, **values
    )
    provider = await sso.create_provider(session, None, data)
    return [
        f"Configured {provider.name} for {slug} ({provider.id}).",
        f"Register at the provider: redirect URI {sso.callback_url(settings, provider.id)}",
        f"  back-channel logout URI {sso.backchannel_url(settings, provider.id)}",
    ]


async def list_providers(session: AsyncSession, _settings: Settings) -> list[str]:
    """One line per configured provider."""
    rows = await session.execute(
        select(IdentityProvider, Municipality.slug)
        .join(Municipality, Municipality.id == IdentityProvider.municipality_id)
        .order_by(Municipality.slug)
    )
    return [
        f"{slug:<12} {p.name} | {p.issuer} | client {p.client_id} | "
        f"{'enabled' if p.is_enabled else 'disabled'}{' | SSO only' if p.sso_only else ''}"
        for p, slug in rows.all()
    ]


async def test_provider(session: AsyncSession, _settings: Settings, slug: str) -> ConnectionTest:
    """Read the discovery document and keys of the municipality's provider."""
    municipality = await _municipality(session, slug)
    provider = await session.scalar(
        select(IdentityProvider).where(IdentityProvider.municipality_id == municipality.id)
    )
    if provider is None:
        raise NotFound(f"An identity provider of '{slug}'")
    return await sso.test_connection(provider)
