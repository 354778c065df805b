"""Headers, caching, query parameters, static paths and cursors: issue 12, points 5-11."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest

from kokoma.middleware import CONTENT_SECURITY_POLICY, PERMISSIONS_POLICY
from tests.consultations.helpers import make_consultation
from tests.support import app_client, make_case, make_contact

API = "/api/v1"
NGINX_CONF = Path(__file__).resolve().parents[2] / "docker" / "nginx.conf"
TAMPERED = "W3sieCI6IDF9LCB7IngiOiAxfV0"  # base64 of [{"x": 1}, {"x": 1}]


async def test_every_api_answer_with_personal_data_is_no_store(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    contact = await make_contact(client, t)
    consultation = await make_consultation(client, t)
    coordinator, admin = t.headers("coordinator"), t.headers("admin")
    routes = [
        (f"/cases/{case['id']}", coordinator),
        (f"/contacts/{contact['id']}", coordinator),
        (f"/consultations/{consultation['id']}", coordinator),
        ("/users", coordinator),
        ("/audit-log", admin),
        ("/auth/me", coordinator),
        ("/cases/nicht-da", coordinator),  # errors too
    ]
    for path, headers in routes:
        response = await client.get(API + path, headers=headers)
        assert response.headers["cache-control"] == "no-store", path
    token = await client.post(
        f"{API}/auth/token", data={"username": t.user("coordinator").email, "password": "falsch"}
    )
    assert token.headers["cache-control"] == "no-store"


def _nginx_header(name: str) -> str:
    match = re.search(rf'add_header\s+{name}\s+"([^"]+)"\s+always;', NGINX_CONF.read_text())
    assert match, name
    return match.group(1)


async def test_the_app_sends_the_same_security_headers_as_nginx(settings, tmp_path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>KoKoMa</title>")
    async with app_client(
        settings, frontend_dist=tmp_path, public_url="https://kokoma.test"
    ) as web:
        page = await web.get("/faelle")
        docs = await web.get(f"{API}/docs")
    async with app_client(settings, frontend_dist=tmp_path, public_url="http://intern") as plain:
        no_tls = await plain.get("/")

    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert csp == CONTENT_SECURITY_POLICY == _nginx_header("Content-Security-Policy")
    assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert page.headers["permissions-policy"] == PERMISSIONS_POLICY
    assert page.headers["permissions-policy"] == _nginx_header("Permissions-Policy")
    assert page.headers["x-content-type-options"] == "nosniff"
    assert page.headers["referrer-policy"] == "no-referrer"
    assert page.headers["strict-transport-security"] == _nginx_header("Strict-Transport-Security")
    assert "strict-transport-security" not in no_tls.headers
    # The API docs start Swagger UI with one inline script, allowed by its hash only.
    docs_csp = docs.headers["content-security-policy"]
    assert "'sha256-" in docs_csp and "unsafe-inline" not in docs_csp


@pytest.mark.parametrize("path", ["/index.html%00.js", "/assets/%01x.js", "/a%5C..%5Cindex.html"])
async def test_static_paths_with_odd_bytes_are_404(settings, tmp_path, path) -> None:
    (tmp_path / "index.html").write_text("<!doctype html><title>KoKoMa</title>")
    async with app_client(settings, frontend_dist=tmp_path) as web:
        response = await web.get(path)
    assert response.status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/contacts?q=a%00b",
        "/contacts?topic=%00",
        "/consultations?q=x%00",
        "/cases?q=%1b",
        "/users?x=%7f",
    ],
)
async def test_control_characters_in_query_parameters_are_422(client, tenants, path) -> None:
    t = await tenants.make()
    response = await client.get(API + path, headers=t.headers("coordinator"))
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


async def _cursor_lists(app) -> list[str]:  # type: ignore[no-untyped-def]
    paths = app.openapi()["paths"]
    return [
        path
        for path, operations in paths.items()
        if "{" not in path
        and "get" in operations
        and any(p["name"] == "cursor" for p in operations["get"].get("parameters", []))
    ]


async def test_tampered_or_foreign_cursors_are_400_on_every_list(client, tenants, app) -> None:
    t = await tenants.make()
    for _ in range(3):
        await make_contact(client, t)
    foreign = (
        await client.get(f"{API}/contacts", params={"limit": 1}, headers=t.headers("coordinator"))
    ).json()["next_cursor"]
    lists = await _cursor_lists(app)
    assert len(lists) >= 8
    for path in lists:
        role = (
            "admin" if path.endswith(("audit-log", "api-clients", "webhooks")) else "coordinator"
        )
        for cursor in (TAMPERED, foreign, foreign[:-4], "kaputt"):
            if path == "/api/v1/contacts" and cursor == foreign:
                continue
            response = await client.get(path, params={"cursor": cursor}, headers=t.headers(role))
            assert response.status_code in (400, 403), (path, cursor, response.text)
            if response.status_code == 400:
                assert response.json()["type"] == "urn:kokoma:problem:bad-cursor"
    # The same list sorted another way is another list.
    other_order = await client.get(
        f"{API}/contacts",
        params={"cursor": foreign, "sort": "-created_at"},
        headers=t.headers("coordinator"),
    )
    assert other_order.status_code == 400


def _b64_variants(text: str) -> list[bytes]:
    padded = text + "=" * (-len(text) % 4)
    try:
        return [base64.urlsafe_b64decode(padded)]
    except ValueError:
        return []


async def test_contact_cursors_reveal_no_names_and_still_page(client, tenants) -> None:
    t = await tenants.make()
    for family in ("Zimmermann", "Yilmaz", "Xaver"):
        await make_contact(client, t, family_name=family)
    headers = t.headers("coordinator")
    by_name = {"limit": 1, "sort": "name"}
    first = (await client.get(f"{API}/contacts", params=by_name, headers=headers)).json()
    cursor = first["next_cursor"]
    for raw in _b64_variants(cursor):
        for name in (b"zimmermann", b"yilmaz", b"xaver", b"katrin"):
            assert name not in raw.lower()
    second = await client.get(
        f"{API}/contacts", params={**by_name, "cursor": cursor}, headers=headers
    )
    assert second.status_code == 200
    assert second.json()["items"][0]["id"] != first["items"][0]["id"]
