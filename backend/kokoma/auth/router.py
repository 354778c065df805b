from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Form, Request, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth import browser, service
from kokoma.auth.caller import Caller
from kokoma.auth.schemas import (
    MeResponse,
    RefreshRequest,
    SessionEnded,
    SessionLogin,
    TokenResponse,
)
from kokoma.auth.sso import service as sso
from kokoma.core.http import AppSettings, DbSession
from kokoma.core.openapi import problems
from kokoma.errors import Problem

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/token", response_model=TokenResponse, responses=problems(400, 429))
async def token(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    grant_type: Annotated[str, Form(max_length=40)] = "password",
    username: Annotated[str | None, Form(max_length=254)] = None,
    password: Annotated[str | None, Form(max_length=256)] = None,
    client_id: Annotated[str | None, Form(max_length=80)] = None,
    client_secret: Annotated[str | None, Form(max_length=200)] = None,
    scope: Annotated[str | None, Form(max_length=1000)] = None,
) -> TokenResponse:
    """OAuth2 token endpoint: `password` grant for people, `client_credentials` for systems."""
    if grant_type == "password" and username and password:
        client = service.ClientInfo(user_agent=request.headers.get("user-agent"))
        return await service.login(session, settings, username, password, client)
    if grant_type == "client_credentials" and client_id and client_secret:
        return await service.client_credentials(session, settings, client_id, client_secret, scope)
    raise Problem(
        400,
        "Use grant_type=password with username and password, "
        "or grant_type=client_credentials with client_id and client_secret.",
        code="unsupported-grant",
        error="unsupported_grant_type",
    )


@router.post("/refresh", response_model=TokenResponse, responses=problems())
async def refresh(
    body: RefreshRequest, session: DbSession, settings: AppSettings
) -> TokenResponse:
    """Exchange a refresh token for a new pair; each refresh token works once."""
    return await service.refresh(session, settings, body.refresh_token)


@router.post("/logout", status_code=204, responses=problems())
async def logout(body: RefreshRequest, session: DbSession) -> Response:
    """End the session of this refresh token; its access tokens stop working at once."""
    await service.logout(session, body.refresh_token)
    return Response(status_code=204)


BrowserOnly = Annotated[None, Depends(browser.require_browser_header)]


def _into_cookie(
    response: Response, settings: AppSettings, tokens: TokenResponse
) -> TokenResponse:
    """Move the refresh token from the body into the cookie."""
    assert tokens.refresh_token is not None  # people's sessions always have one
    browser.set_refresh_cookie(response, settings, tokens.refresh_token)
    return tokens.model_copy(update={"refresh_token": None})


def _cookie_cleared(problem: Problem, settings: AppSettings) -> Problem:
    cleared = Response()
    browser.clear_refresh_cookie(cleared, settings)
    problem.headers["Set-Cookie"] = cleared.headers["set-cookie"]
    return problem


@router.post("/session", response_model=TokenResponse, responses=problems(403, 429))
async def open_session(
    body: SessionLogin,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    _: BrowserOnly,
) -> TokenResponse:
    """Web app sign-in: the access token in the body, the refresh token in an HttpOnly cookie."""
    client = service.ClientInfo(user_agent=request.headers.get("user-agent"))
    tokens = await service.login(session, settings, body.email, body.password, client)
    return _into_cookie(response, settings, tokens)


@router.post(
    "/session/refresh",
    response_model=TokenResponse,
    responses=problems(403),
)
async def refresh_session(
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    _: BrowserOnly,
) -> TokenResponse:
    """Web app: a new access token for the session cookie, which rotates."""
    token = browser.refresh_cookie(request, settings)
    if token is None:
        raise Problem(401, "There is no session to continue.", code="no-session")
    try:
        tokens = await service.refresh(session, settings, token)
    except Problem as problem:
        raise _cookie_cleared(problem, settings) from None
    return _into_cookie(response, settings, tokens)


@router.post(
    "/session/logout",
    response_model=SessionEnded,
    responses=problems(403),
)
async def end_session(
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    _: BrowserOnly,
) -> SessionEnded:
    """Web app: end the session of the cookie on the server and remove the cookie."""
    token = browser.refresh_cookie(request, settings)
    provider_id = await service.logout(session, token) if token is not None else None
    browser.clear_refresh_cookie(response, settings)
    return SessionEnded(
        provider_logout_url=await sso.provider_logout_url(session, settings, provider_id)
    )


@router.get("/me", response_model=MeResponse, responses=problems())
async def me(session: DbSession, principal: Caller(P.PROFILE_READ)) -> MeResponse:
    """The signed-in user or client, its municipality and permissions."""
    return await service.describe(session, principal)
