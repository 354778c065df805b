"""The relying party: Authlib's Starlette client runs the code flow (discovery, PKCE
S256, state, nonce, token exchange); tokens from the provider are verified here with
joserfc, the JOSE implementation Authlib itself builds on.

Only asymmetric algorithms are accepted, so a token signed with a shared secret (or
with none) never passes. An unknown key id makes the JWKS be fetched once more: the
provider may have rotated its keys since the last sign-in.
"""

from __future__ import annotations

import os
import uuid
import warnings
from pathlib import Path
from typing import Any

from authlib.deprecate import AuthlibDeprecationWarning
from joserfc import jwt
from joserfc.errors import ClaimError, ExpiredTokenError, InvalidKeyIdError, JoseError
from joserfc.jwk import KeySet
from starlette.requests import Request
from starlette.responses import Response

from kokoma.auth.sso.models import IdentityProvider

with warnings.catch_warnings():
    # Authlib announces a move from httpx to its successor package; KoKoMa uses httpx,
    # which Authlib still supports, and the notice would reach every command's output.
    warnings.simplefilter("ignore", AuthlibDeprecationWarning)
    from authlib.integrations.starlette_client import OAuth, StarletteOAuth2App

ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512")
LEEWAY_SECONDS = 60
HTTP_TIMEOUT_SECONDS = 10
BACKCHANNEL_EVENT = "http://schemas.openid.net/event/backchannel-logout"

# One Authlib client per provider and version: a changed configuration makes a new one;
# each keeps its provider's discovery document and keys between sign-ins.
_clients: dict[tuple[uuid.UUID, int], StarletteOAuth2App] = {}


class SsoRefused(Exception):
    """A sign-in or logout token that is not accepted; `reason` goes to the audit log."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_secret(reference: str) -> str | None:
    """The client secret behind `env:NAME` or `file:/path`; None when it is not there."""
    kind, _, where = reference.partition(":")
    if kind == "env":
        return os.environ.get(where) or None
    if kind == "file":
        try:
            return Path(where).read_text("utf-8").strip() or None
        except OSError:
            return None
    return None


def discovery_url(issuer: str) -> str:
    return issuer.rstrip("/") + "/.well-known/openid-configuration"


def client_for(provider: IdentityProvider) -> StarletteOAuth2App:
    """The provider's Authlib client (kept per configuration version)."""
    key = (provider.id, provider.version)
    client = _clients.get(key)
    if client is None:
        secret = read_secret(provider.client_secret_ref)
        if secret is None:
            raise SsoRefused("secret-missing")
        client = OAuth().register(
            name=f"idp-{provider.id.hex}",
            client_id=provider.client_id,
            client_secret=secret,
            server_metadata_url=discovery_url(provider.issuer),
            client_kwargs={
                "scope": " ".join(provider.scopes),
                "code_challenge_method": "S256",
                "timeout": HTTP_TIMEOUT_SECONDS,
            },
        )
        for stale in [k for k in _clients if k[0] == provider.id]:
            del _clients[stale]
        _clients[key] = client
    return client


async def metadata(provider: IdentityProvider) -> dict[str, Any]:
    """The discovery document, refused unless it names exactly the configured issuer."""
    try:
        document = await client_for(provider).load_server_metadata()
    except (OSError, ValueError, RuntimeError) as error:  # network, HTTP status, JSON
        raise SsoRefused("discovery-failed") from error
    if document.get("issuer") != provider.issuer:
        raise SsoRefused("discovery-issuer-mismatch")
    return dict(document)


async def start(request: Request, provider: IdentityProvider, redirect_uri: str) -> Response:
    """Redirect to the provider's sign-in; state, nonce and PKCE verifier are kept in
    the signed, short-lived cookie of the SSO paths."""
    await metadata(provider)
    response: Response = await client_for(provider).authorize_redirect(request, redirect_uri)
    return response


async def finish(request: Request, provider: IdentityProvider) -> dict[str, Any]:
    """Check the provider's answer, exchange the code and return the ID token's claims."""
    client = client_for(provider)
    document = await metadata(provider)
    params = request.query_params
    if params.get("error"):
        raise SsoRefused(f"provider-error:{params['error'][:60]}")
    state = params.get("state") or ""
    stored = await client.framework.get_state_data(request.session, state)
    await client.framework.clear_state_data(request.session, state)
    if not state or not stored or not params.get("code"):
        raise SsoRefused("state-mismatch")
    issuer = params.get("iss")
    if issuer != provider.issuer and (
        issuer is not None or document.get("authorization_response_iss_parameter_supported")
    ):
        raise SsoRefused("response-issuer-mismatch")
    try:
        token = await client.fetch_access_token(
            code=params["code"],
            redirect_uri=stored["redirect_uri"],
            code_verifier=stored["code_verifier"],
        )
    except Exception as error:
        raise SsoRefused("code-exchange-failed") from error
    claims = await _verified(client, provider, token.get("id_token"))
    _check_id_token(claims, provider, stored.get("nonce"))
    return claims


async def logout_claims(provider: IdentityProvider, logout_token: str) -> dict[str, Any]:
    """Verify a back-channel logout token (OpenID Connect Back-Channel Logout 1.0 §2.6)."""
    await metadata(provider)
    claims = await _verified(client_for(provider), provider, logout_token)
    _validate(claims, provider, jti={"essential": True}, iat={"essential": True})
    events = claims.get("events")
    if not isinstance(events, dict) or not isinstance(events.get(BACKCHANNEL_EVENT), dict):
        raise SsoRefused("token-events")
    if "nonce" in claims:
        raise SsoRefused("token-nonce")
    if not claims.get("sub") and not claims.get("sid"):
        raise SsoRefused("token-subject")
    return claims


async def logout_url(provider: IdentityProvider, after_logout: str) -> str | None:
    """Where the browser ends the provider's session (RP-initiated logout), if it can."""
    try:
        document = await metadata(provider)
        if not document.get("end_session_endpoint"):
            return None
        result = await client_for(provider).create_logout_url(
            post_logout_redirect_uri=after_logout, client_id=provider.client_id
        )
    except SsoRefused:
        return None
    url: str = result["url"]
    return url


async def signing_keys(provider: IdentityProvider) -> int:
    """How many keys of the provider's JWKS fit the allowed algorithms (fetched anew)."""
    try:
        keys = await client_for(provider).fetch_jwk_set(force=True)
    except (OSError, ValueError, RuntimeError) as error:
        raise SsoRefused("jwks-failed") from error
    usable = {"RSA", "EC"}
    return sum(
        1
        for key in keys.get("keys", [])
        if key.get("kty") in usable and key.get("alg", "RS256") in ALGORITHMS
    )


async def _verified(
    client: StarletteOAuth2App, provider: IdentityProvider, value: object
) -> dict[str, Any]:
    if not isinstance(value, str) or len(value) > 20_000:
        raise SsoRefused("token-missing")
    try:
        try:
            keys = KeySet.import_key_set(await client.fetch_jwk_set())
            token = jwt.decode(value, keys, algorithms=ALGORITHMS)
        except InvalidKeyIdError:
            # An unknown key id: the provider rotated its keys since they were fetched.
            keys = KeySet.import_key_set(await client.fetch_jwk_set(force=True))
            token = jwt.decode(value, keys, algorithms=ALGORITHMS)
    except JoseError as error:
        raise SsoRefused("token-signature") from error
    except (OSError, ValueError, RuntimeError) as error:
        raise SsoRefused("jwks-failed") from error
    return dict(token.claims)


def _check_id_token(claims: dict[str, Any], provider: IdentityProvider, nonce: object) -> None:
    _validate(claims, provider, nonce={"essential": True, "value": nonce})
    audience = claims.get("aud")
    if (
        isinstance(audience, list)
        and len(audience) > 1
        and claims.get("azp") != provider.client_id
    ):
        raise SsoRefused("token-azp")


def _validate(claims: dict[str, Any], provider: IdentityProvider, **extra: Any) -> None:
    registry = jwt.JWTClaimsRegistry(
        leeway=LEEWAY_SECONDS,
        iss={"essential": True, "value": provider.issuer},
        aud={"essential": True, "value": provider.client_id},
        exp={"essential": True},
        **extra,
    )
    try:
        registry.validate(claims)
    except ExpiredTokenError as error:
        raise SsoRefused("token-expired") from error
    except ClaimError as error:
        raise SsoRefused(f"token-{error.claim}") from error
