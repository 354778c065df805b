"""Every error is application/problem+json, and a 500 reveals nothing but a request id."""

from __future__ import annotations

import logging

from httpx import ASGITransport, AsyncClient

from kokoma.access.permissions import Role
from kokoma.app import create_app

PROBLEM = "application/problem+json"


def _is_problem(response, status: int) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status
    assert body["title"] and body["type"]
    return body


async def test_unknown_route_and_method(client):
    _is_problem(await client.get("/api/v1/does-not-exist"), 404)
    _is_problem(await client.delete("/api/v1/health"), 405)


async def test_validation_errors_list_fields(client, tenants):
    tenant = await tenants.make((Role.ADMIN,))
    response = await client.post(
        "/api/v1/municipalities",
        json={"name": "", "slug": "Not A Slug", "unexpected": 1},
        headers=tenant.headers("admin"),
    )
    body = _is_problem(response, 422)
    fields = {error["field"] for error in body["errors"]}
    assert {"body.name", "body.slug", "body.unexpected"} <= fields


async def test_nul_bytes_and_huge_numbers_are_422(client, tenants):
    tenant = await tenants.make((Role.ADMIN,))
    headers = tenant.headers("admin")
    nul = await client.post(
        "/api/v1/municipalities",
        json={"name": "Gotha\u0000", "slug": "gotha-nul"},
        headers=headers,
    )
    _is_problem(nul, 422)
    huge = await client.get("/api/v1/users", params={"limit": 10**30}, headers=headers)
    _is_problem(huge, 422)


async def test_body_too_large_is_413(client, settings):
    response = await client.post(
        "/api/v1/auth/refresh",
        content=b"{" + b" " * (settings.max_body_bytes + 10) + b"}",
        headers={"content-type": "application/json"},
    )
    _is_problem(response, 413)


async def test_chunked_body_too_large_is_413(client, settings):
    async def chunks():
        for _ in range(settings.max_body_bytes // 65536 + 2):
            yield b" " * 65536

    response = await client.post(
        "/api/v1/auth/refresh", content=chunks(), headers={"content-type": "application/json"}
    )
    _is_problem(response, 413)


async def test_wrong_body_type_is_415(client):
    response = await client.post(
        "/api/v1/auth/refresh", content=b"<xml/>", headers={"content-type": "application/xml"}
    )
    _is_problem(response, 415)


async def test_request_id_is_echoed_or_created(client):
    given = await client.get("/api/v1/health", headers={"X-Request-ID": "trace-1234567890"})
    assert given.headers["x-request-id"] == "trace-1234567890"
    made = await client.get("/api/v1/health", headers={"X-Request-ID": "bad id with spaces"})
    assert made.headers["x-request-id"] != "bad id with spaces"
    assert len(made.headers["x-request-id"]) >= 16


async def _post_boom(settings, error: Exception):
    """POST to a route that fails with ``error``; the response and what was logged."""
    app = create_app(settings)

    @app.post("/api/v1/boom")  # POST: the web UI catch-all answers every GET
    async def boom() -> None:
        raise error

    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect()
    logging.getLogger("kokoma").addHandler(handler)
    try:
        transport = ASGITransport(app=app, raise_app_exceptions=False)
        async with AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.post("/api/v1/boom")
    finally:
        logging.getLogger("kokoma").removeHandler(handler)
        await app.state.db.dispose()
    return response, records


async def test_internal_error_shows_only_a_request_id(settings):
    response, records = await _post_boom(
        settings, RuntimeError("secret detail: Gemeinderat Tiefenort")
    )
    body = _is_problem(response, 500)
    assert "Tiefenort" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    logged = [r for r in records if r.exc_info]
    assert logged and "Tiefenort" in str(logged[0].exc_info[1])


async def test_an_os_error_outside_the_database_is_a_500_not_an_outage(settings, tmp_path):
    # Only an unreachable database may be answered as "try again later" (503).
    try:
        (tmp_path / "missing" / "template.pdf").read_bytes()
    except OSError as exc:
        error = exc
    response, records = await _post_boom(settings, error)
    body = _is_problem(response, 500)
    assert "Retry-After" not in response.headers
    assert "template.pdf" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    assert any(r.exc_info and r.exc_info[1] is error for r in records)
