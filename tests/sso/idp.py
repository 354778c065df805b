"""The test identity provider (tests/idp, the `oidc-provider` package) and a browser's
way through it, driven over HTTP."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

IDP_DIR = Path(__file__).resolve().parents[1] / "idp"
SSO = "/api/v1/auth/sso"
PROVIDERS = "/api/v1/identity-providers"
BROWSER = {"X-KoKoMa-Session": "browser"}


@dataclass
class IdpUser:
    login: str
    password: str
    sub: str
    email: str
    name: str
    groups: list[str] = field(default_factory=list)
    # The provider's session cookies: a second sign-in joins the first one's session.
    cookies: httpx.Cookies = field(default_factory=httpx.Cookies)


@dataclass
class Idp:
    issuer: str
    process: subprocess.Popen[str]

    def post(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        response = httpx.post(f"{self.issuer}{path}", json=body or {}, timeout=10)
        response.raise_for_status()
        return response.json() if response.content else {}

    def add_user(self, groups: list[str], email: str | None = None) -> IdpUser:
        tag = uuid.uuid4().hex[:10]
        user = IdpUser(
            login=f"user-{tag}",
            password=secrets.token_urlsafe(12),
            sub=f"sub-{tag}",
            email=email or f"person-{tag}@stadt.example",
            name=f"Person {tag}",
            groups=groups,
        )
        self.post("/test/user", {k: v for k, v in user.__dict__.items() if k != "cookies"})
        return user

    def register_client(
        self, redirect_uri: str, backchannel_uri: str, after_logout: str
    ) -> tuple[str, str]:
        """A client at the provider for one KoKoMa configuration (dynamic registration)."""
        response = httpx.post(
            f"{self.issuer}/reg",
            json={
                "redirect_uris": [redirect_uri],
                "post_logout_redirect_uris": [after_logout],
                "backchannel_logout_uri": backchannel_uri,
                "backchannel_logout_session_required": True,
                "response_types": ["code"],
                "grant_types": ["authorization_code"],
                "token_endpoint_auth_method": "client_secret_basic",
            },
            timeout=10,
        )
        response.raise_for_status()
        data = response.json()
        return data["client_id"], data["client_secret"]

    def sign_in_at_provider(self, authorize_url: str, user: IdpUser) -> str:
        """Follow the provider's pages as a browser, fill in its form; returns the
        redirect back to the relying party."""
        with httpx.Client(timeout=10, cookies=user.cookies) as browser:
            url = authorize_url
            for _ in range(10):
                response = browser.get(url)
                if response.status_code == 200 and "<form" in response.text:
                    action = urljoin(url, _form_action(response.text))
                    response = browser.post(
                        action, data={"login": user.login, "password": user.password}
                    )
                if response.status_code not in (302, 303):
                    raise AssertionError(f"unexpected answer {response.status_code} at {url}")
                url = urljoin(url, response.headers["location"])
                if not url.startswith(self.issuer):
                    user.cookies.update(browser.cookies)
                    return url
        raise AssertionError("the provider did not redirect back")


def _form_action(page: str) -> str:
    start = page.index('action="') + len('action="')
    return page[start : page.index('"', start)]


@contextmanager
def running_idp() -> Iterator[Idp]:
    """Start tests/idp/server.js on a free port; stop it afterwards."""
    config = IDP_DIR / f".config-{os.getpid()}.json"
    config.write_text(json.dumps({"port": 0}))
    process = subprocess.Popen(
        ["node", str(IDP_DIR / "server.js"), str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        started = json.loads(process.stdout.readline())
        yield Idp(issuer=started["issuer"], process=process)
    finally:
        process.terminate()
        process.wait(timeout=10)
        config.unlink(missing_ok=True)


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
