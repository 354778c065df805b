"""Deny by default: every route states the permission it needs."""

from __future__ import annotations

from kokoma.access.permissions import ROLE_PERMISSIONS, Role
from tests.system.routes import api_routes, required_permissions

# The only routes anyone may call without a token, each for a reason.
PUBLIC_ROUTES = {
    ("POST", "/api/v1/auth/token"),  # signing in
    ("POST", "/api/v1/auth/refresh"),  # the refresh token is the credential
    ("POST", "/api/v1/auth/logout"),  # the refresh token is the credential
    ("POST", "/api/v1/auth/session"),  # the web app signing in
    ("POST", "/api/v1/auth/session/refresh"),  # the session cookie is the credential
    ("POST", "/api/v1/auth/session/logout"),  # the session cookie is the credential
    ("GET", "/api/v1/auth/sso/providers"),  # the sign-in page's single sign-on buttons
    ("GET", "/api/v1/auth/sso/{provider_id}/login"),  # starts a sign-in at the provider
    ("GET", "/api/v1/auth/sso/{provider_id}/callback"),  # the provider's signed answer
    ("GET", "/api/v1/health"),  # load balancers and monitoring
    ("GET", "/api/v1/health/live"),  # orchestrators: the process answers
    ("GET", "/api/v1/health/ready"),  # load balancers: database and schema ready
    ("GET", "/api/v1/certificates/verify/{code}"),  # anyone checking a certificate
    ("POST", "/api/v1/accessibility/feedback"),  # anyone reporting a barrier (BITV 2.0)
    ("GET", "/api/v1/public/privacy"),  # the privacy notices, for everyone
    ("GET", "/api/v1/public/privacy/{slug}"),
    # The contact page of a municipality and its form: anyone asking for help, without
    # an account (rate-limited; they answer the page and a reference, nothing else).
    ("GET", "/api/v1/public/municipalities/{slug}"),
    ("POST", "/api/v1/public/municipalities/{slug}/requests"),
}

# Routes for machines rather than people: no user permission, guarded otherwise.
MACHINE_ROUTES = {
    ("GET", "/api/v1/metrics"),  # KOKOMA_METRICS_ALLOW addresses or KOKOMA_METRICS_TOKEN
    # The identity provider ending sessions: its signed logout token is the credential.
    ("POST", "/api/v1/auth/sso/{provider_id}/backchannel-logout"),
}


def test_every_route_requires_a_permission_unless_public(app) -> None:
    unguarded = []
    for route in api_routes():
        for method in route.methods:
            if (method, route.path) in PUBLIC_ROUTES | MACHINE_ROUTES:
                continue
            if not required_permissions(route):
                unguarded.append(f"{method} {route.path}")
    assert unguarded == []


def test_public_routes_exist(app) -> None:
    present = {(m, r.path) for r in api_routes() for m in r.methods}
    missing = {
        route
        for route in (PUBLIC_ROUTES | MACHINE_ROUTES) - present
        if "certificates" not in route[1]
    }
    assert missing == set()


async def test_roles_without_the_permission_get_403(app, client, tenants) -> None:
    """Walks every guarded route with every role that lacks its permission."""
    tenant = await tenants.make()
    placeholder = "00000000-0000-4000-8000-000000000000"
    checked = 0
    for route in api_routes():
        needed = required_permissions(route)
        if not needed:
            continue
        path = route.path
        for name in route.param_names:
            path = path.replace("{" + name + "}", placeholder)
        for role in Role:
            if needed & {p.value for p in ROLE_PERMISSIONS[role]}:
                continue
            for method in route.methods:
                response = await client.request(method, path, headers=tenant.headers(role))
                assert response.status_code == 403, (method, route.path, role)
                checked += 1
    assert checked > 0


async def test_no_token_is_401_everywhere(app, client) -> None:
    for route in api_routes():
        if not required_permissions(route):
            continue
        path = route.path
        for name in route.param_names:
            path = path.replace("{" + name + "}", "00000000-0000-4000-8000-000000000000")
        for method in route.methods:
            response = await client.request(method, path)
            assert response.status_code == 401, (method, route.path)
            assert response.headers["content-type"].startswith("application/problem+json")
