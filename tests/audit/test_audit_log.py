"""The audit log: read by administrators only, never written through the API."""

from __future__ import annotations

from kokoma.access.permissions import Role


async def test_audit_log_is_admin_only_and_read_only(client, tenants):
    tenant = await tenants.make((Role.ADMIN, Role.COORDINATOR))
    log = await client.get("/api/v1/audit-log?action=auth.", headers=tenant.headers("admin"))
    assert log.status_code == 200
    assert (
        await client.get("/api/v1/audit-log", headers=tenant.headers("coordinator"))
    ).status_code == 403
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        assert (
            await client.request(method, "/api/v1/audit-log", headers=tenant.headers("admin"))
        ).status_code == 405


async def test_audit_log_period_needs_a_time_zone_and_a_sane_year(client, tenants):
    admin = (await tenants.make((Role.ADMIN,))).headers("admin")
    since = await client.get("/api/v1/audit-log?since=2026-01-01T00:00:00%2B01:00", headers=admin)
    assert since.status_code == 200
    for query in (
        "since=2026-01-01T00:00:00",
        "since=0001-01-01T00:00:00Z",
        "until=9999-12-31T23:59:59-05:00",
    ):
        response = await client.get(f"/api/v1/audit-log?{query}", headers=admin)
        assert response.status_code == 422, query
