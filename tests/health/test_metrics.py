"""Prometheus metrics: only for the monitoring system, route templates, nothing personal."""

from __future__ import annotations

import re
import uuid

from kokoma.access.permissions import Role
from tests.health.helpers import app_client

TOKEN = "metrics-token-for-the-test-suite-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _value(metrics: str, name: str, **labels: str) -> float:
    wanted = ",".join(f'{k}="{v}"' for k, v in labels.items())
    match = re.search(rf"^{name}\{{{re.escape(wanted)}\}} (\S+)$", metrics, re.M)
    return float(match.group(1)) if match else 0.0


async def test_metrics_refused_without_token_or_allowed_address(settings):
    async with app_client(
        settings, client_address="192.0.2.7", metrics_allow="10.0.0.0/8", metrics_token=TOKEN
    ) as (_, client):
        refused = await client.get("/api/v1/metrics")
        wrong = await client.get("/api/v1/metrics", headers={"Authorization": "Bearer nope"})
        with_token = await client.get("/api/v1/metrics", headers=AUTH)
    assert refused.status_code == 403
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert wrong.status_code == 403
    assert with_token.status_code == 200
    async with app_client(settings, client_address="10.20.30.40", metrics_allow="10.0.0.0/8") as (
        _,
        client,
    ):
        assert (await client.get("/api/v1/metrics")).status_code == 200
    async with app_client(settings) as (_, client):  # neither configured: nobody
        assert (await client.get("/api/v1/metrics")).status_code == 403


async def test_requests_counted_per_route_template_and_status(settings, tenants):
    tenant = await tenants.make(roles=(Role.COORDINATOR,))
    case_id = str(uuid.uuid4())
    async with app_client(settings, metrics_token=TOKEN) as (_, client):
        before = (await client.get("/api/v1/metrics", headers=AUTH)).text
        labels = {"method": "GET", "route": "/api/v1/cases/{case_id}", "status": "404"}
        for _ in range(2):
            response = await client.get(
                f"/api/v1/cases/{case_id}", headers=tenant.headers(Role.COORDINATOR)
            )
            assert response.status_code == 404
        after = await client.get("/api/v1/metrics", headers=AUTH)
    assert after.headers["content-type"].startswith("text/plain")
    metrics = after.text
    name = "kokoma_http_request_duration_seconds_count"
    assert _value(metrics, name, **labels) == _value(before, name, **labels) + 2
    # Label values are templates and fixed names: no id, address or account.
    assert case_id not in metrics and tenant.slug not in metrics and "127.0.0.1" not in metrics
    assert _value(metrics, "kokoma_db_pool_connections", state="size") >= 1
    for outbox in ("domain_events", "webhook_deliveries"):
        assert f'kokoma_outbox_waiting{{outbox="{outbox}"}}' in metrics
        assert f'kokoma_outbox_oldest_age_seconds{{outbox="{outbox}"}}' in metrics


async def test_failed_logins_counted_without_the_account(settings, tenants):
    tenant = await tenants.make(roles=(Role.COORDINATOR,))
    email = tenant.user(Role.COORDINATOR).email
    async with app_client(settings, metrics_token=TOKEN) as (_, client):
        before = (await client.get("/api/v1/metrics", headers=AUTH)).text
        refused = await client.post(
            "/api/v1/auth/token", data={"username": email, "password": "falsch-falsch-falsch"}
        )
        assert refused.status_code == 401
        after = (await client.get("/api/v1/metrics", headers=AUTH)).text
    counter = "kokoma_failed_logins_total"
    assert _value(after, counter, kind="person") == _value(before, counter, kind="person") + 1
    assert email not in after


async def test_metrics_are_refused_to_callers_without_configuration(client):
    # The suite's app has neither allowed addresses nor a token.
    response = await client.get("/api/v1/metrics")
    assert response.status_code == 403
