from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Query, Request, Response
from fastapi.responses import RedirectResponse

from kokoma.access.permissions import Permission as P
from kokoma.auth import browser
from kokoma.auth import service as auth
from kokoma.auth.caller import Caller
from kokoma.auth.sso import oidc, service
from kokoma.auth.sso.models import IdentityProvider
from kokoma.auth.sso.schemas import (
    ConnectionTest,
    IdentityProviderCreate,
    IdentityProviderListQuery,
    IdentityProviderOut,
    IdentityProviderUpdate,
    SignInOption,
)
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.errors import Problem
from kokoma.ratelimit import public_page_budget
from kokoma.settings import Settings

admin_router = APIRouter(prefix="/identity-providers", tags=["identity-providers"])
router = APIRouter(prefix="/auth/sso", tags=["auth"])
MANAGE = P.IDENTITY_PROVIDERS_MANAGE
REDIRECT: dict[int | str, dict[str, Any]] = {
    302: {"description": "To the identity provider or back to the web app"}
}

# What the sign-in page says about a refusal (the audit log keeps the exact reason).
_SHOWN_REASON = {
    "no-mapped-role": "no-role",
    "no-account": "no-account",
    "email-not-allowed": "no-account",
    "email-taken": "no-account",
    "account-not-allowed": "no-account",
}


def _out(settings: Settings, provider: IdentityProvider) -> IdentityProviderOut:
    return IdentityProviderOut.model_validate(
        {
            **{c.key: getattr(provider, c.key) for c in IdentityProvider.__table__.columns},
            "redirect_uri": service.callback_url(settings, provider.id),
            "backchannel_logout_uri": service.backchannel_url(settings, provider.id),
        }
    )


def _versioned(
    response: Response, settings: Settings, provider: IdentityProvider
) -> IdentityProviderOut:
    set_etag(response, provider.version)
    return _out(settings, provider)


@admin_router.get("", response_model=Page[IdentityProviderOut], responses=problems(400))
async def list_identity_providers(
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
    query: Annotated[IdentityProviderListQuery, Query()],
) -> Page[IdentityProviderOut]:
    """Identity-provider configurations of all municipalities; secrets are never stored."""
    items, next_cursor = await service.list_providers(session, query)
    return Page(items=[_out(settings, p) for p in items], next_cursor=next_cursor)


@admin_router.post(
    "", status_code=201, response_model=IdentityProviderOut, responses=problems(404, 409)
)
async def create_identity_provider(
    body: IdentityProviderCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
) -> IdentityProviderOut:
    """Configure single sign-on for a municipality (one provider each)."""
    provider = await service.create_provider(session, principal, body)
    return _versioned(response, settings, provider)


@admin_router.get("/{provider_id}", response_model=IdentityProviderOut, responses=problems(404))
async def get_identity_provider(
    provider_id: uuid.UUID,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
) -> IdentityProviderOut:
    return _versioned(response, settings, await service.get_provider(session, provider_id))


@admin_router.patch(
    "/{provider_id}", response_model=IdentityProviderOut, responses=problems(404, 412, 428)
)
async def update_identity_provider(
    provider_id: uuid.UUID,
    body: IdentityProviderUpdate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> IdentityProviderOut:
    """Change a configuration; sign-ins from now on use it."""
    provider = await service.update_provider(session, principal, provider_id, body, if_match)
    return _versioned(response, settings, provider)


@admin_router.post("/{provider_id}/test", response_model=ConnectionTest, responses=problems(404))
async def test_identity_provider(
    provider_id: uuid.UUID, session: DbSession, principal: Caller(MANAGE)
) -> ConnectionTest:
    """Test the connection: read the discovery document and the keys, look for the secret."""
    return await service.test_connection(await service.get_provider(session, provider_id))


@router.get("/providers", response_model=list[SignInOption], responses=problems())
async def sign_in_options(session: DbSession, settings: AppSettings) -> list[SignInOption]:
    """The providers offered on the sign-in page (public)."""
    return await service.sign_in_options(session, settings)


@router.get(
    "/{provider_id}/login",
    status_code=302,
    response_class=RedirectResponse,
    responses={**REDIRECT, **problems(404, 429, 502)},
    dependencies=[Depends(public_page_budget)],
)
async def start_sign_in(
    provider_id: uuid.UUID, request: Request, session: DbSession, settings: AppSettings
) -> Response:
    """Send the browser to the provider's sign-in (code flow with PKCE)."""
    provider = await service.enabled_provider(session, provider_id)
    try:
        return await oidc.start(request, provider, service.callback_url(settings, provider.id))
    except oidc.SsoRefused:
        return _back_to_login(settings, "unavailable")


@router.get(
    "/{provider_id}/callback",
    status_code=302,
    response_class=RedirectResponse,
    responses={**REDIRECT, **problems(404, 429)},
    dependencies=[Depends(public_page_budget)],
)
async def finish_sign_in(
    provider_id: uuid.UUID, request: Request, session: DbSession, settings: AppSettings
) -> Response:
    """The provider's answer: on success the session cookie is set and the browser goes
    to the web app, which continues the session; else back to the sign-in page."""
    provider = await service.enabled_provider(session, provider_id)
    client = auth.ClientInfo(user_agent=request.headers.get("user-agent"))
    try:
        tokens = await service.complete_sign_in(session, settings, provider, request, client)
    except oidc.SsoRefused as refused:
        return _back_to_login(settings, _SHOWN_REASON.get(refused.reason, "failed"))
    response = RedirectResponse(f"{settings.public_base}/", status_code=302)
    assert tokens.refresh_token is not None  # people's sessions always have one
    browser.set_refresh_cookie(response, settings, tokens.refresh_token)
    return response


def _back_to_login(settings: Settings, reason: str) -> RedirectResponse:
    return RedirectResponse(f"{settings.public_base}/login?sso_error={reason}", status_code=302)


@router.post(
    "/{provider_id}/backchannel-logout",
    responses={200: {"description": "Sessions ended"}, **problems(400, 404)},
)
async def backchannel_logout(
    provider_id: uuid.UUID,
    session: DbSession,
    logout_token: Annotated[str, Form(max_length=20_000)],
) -> Response:
    """The provider ends a session (OpenID Connect Back-Channel Logout): every KoKoMa
    session of that provider session ends at once."""
    provider = await service.enabled_provider(session, provider_id)
    try:
        await service.backchannel_logout(session, provider, logout_token)
    except oidc.SsoRefused:
        raise Problem(400, "The logout token is not valid.", code="invalid-logout-token") from None
    return Response(status_code=200, headers={"Cache-Control": "no-store"})
