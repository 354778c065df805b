"""The web app's session: the refresh token in a cookie that script cannot read.

Scripts and partner systems keep the JSON token responses of ``/auth/token`` and
``/auth/refresh``. The web app instead signs in through ``/auth/session``; the refresh
token then lives only in an ``HttpOnly`` cookie that the browser sends to the two
paths under ``/auth/session`` and nowhere else, and the access token only in the
app's memory.

Cross-site requests: the cookie is ``SameSite=Strict``, so a page of another site
cannot make the browser send it at all. A page of a *sibling* origin of the same site
(another host under the same registrable domain) still counts as same-site; it is
stopped by the custom header every cookie route demands: a cross-origin page can add
a header only after a CORS preflight, which KoKoMa never approves, and a plain form
cannot add one. No state to keep, and nothing that script in the app has to read.
"""

from __future__ import annotations

from fastapi import Request, Response

from kokoma.errors import Problem
from kokoma.settings import Settings

# The cookie goes only to the routes under this path (the auth router's /session/…).
SESSION_PATH = "/api/v1/auth/session"
CSRF_HEADER = "X-KoKoMa-Session"
CSRF_VALUE = "browser"
_PLAIN_NAME = "kokoma_refresh"
# The __Host- prefix would demand Path=/, sending the token with every API call; the
# __Secure- prefix keeps the narrow path and still lets only https responses set it.
_SECURE_NAME = "__Secure-kokoma_refresh"


def _secure(settings: Settings) -> bool:
    return settings.public_url.startswith("https://")


def cookie_name(settings: Settings) -> str:
    """The refresh cookie's name: with the ``__Secure-`` prefix when served over https."""
    return _SECURE_NAME if _secure(settings) else _PLAIN_NAME


async def require_browser_header(request: Request) -> None:
    """Refuse a cookie route called without the header only the web app sends."""
    if request.headers.get(CSRF_HEADER) != CSRF_VALUE:
        raise Problem(
            403,
            "This request must come from the KoKoMa web app.",
            code="csrf-header-missing",
        )


def refresh_cookie(request: Request, settings: Settings) -> str | None:
    """The refresh token the browser sent, if any."""
    value = request.cookies.get(cookie_name(settings))
    return value if value and len(value) <= 200 else None


def set_refresh_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        cookie_name(settings),
        token,
        max_age=settings.refresh_token_days * 86400,
        path=SESSION_PATH,
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )


def clear_refresh_cookie(response: Response, settings: Settings) -> None:
    response.delete_cookie(
        cookie_name(settings),
        path=SESSION_PATH,
        secure=_secure(settings),
        httponly=True,
        samesite="strict",
    )
