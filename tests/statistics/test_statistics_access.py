"""Who may read which statistics, and what the OpenAPI document promises about them."""

from __future__ import annotations

import pytest

from kokoma.access.permissions import Role
from tests.statistics import scenario
from tests.statistics.builders import STATISTICS, client_headers
from tests.statistics.scenario import YEAR_2025

ROUTES = [
    "overview",
    "cases",
    "consultations",
    "referrals",
    "contacts",
    "trainings",
    "activations",
    "peer-sessions",
    "network",
]
READERS = {Role.STEERING_GROUP, Role.COORDINATOR, Role.ADMIN}


@pytest.mark.parametrize("route", ROUTES)
async def test_roles(client, tenants, route: str) -> None:
    tenant = await tenants.make()
    allowed = {Role.ADMIN} if route == "network" else READERS
    for role in Role:
        response = await client.get(f"{STATISTICS}/{route}", headers=tenant.headers(role))
        assert response.status_code == (200 if role in allowed else 403), (route, role)
    response = await client.get(f"{STATISTICS}/{route}")
    assert response.status_code == 401


async def test_administrators_see_aggregates_only(client, db, tenants) -> None:
    tenant = await tenants.make()
    await scenario.arrange(db, tenant)
    response = await client.get(
        f"{STATISTICS}/overview", params=YEAR_2025, headers=tenant.headers("admin")
    )
    body = response.json()
    assert body["suppression_threshold"] == 3
    assert body["referrals"] == {"value": None, "suppressed": True}


async def test_api_clients_with_the_scope(client, db, settings, tenants) -> None:
    tenant, other = await tenants.make(), await tenants.make()
    await scenario.arrange(db, tenant)
    await scenario.arrange(db, other)
    reader = await client_headers(db, settings, tenant, ["statistics:read"])
    response = await client.get(f"{STATISTICS}/overview", params=YEAR_2025, headers=reader)
    assert response.status_code == 200
    body = response.json()
    # Its own municipality only, with suppression (no client holds statistics:exact).
    assert body["municipality_id"] == str(tenant.id)
    assert body["cases_new"] == {"value": 4, "suppressed": False}
    assert body["cases_closed"] == {"value": None, "suppressed": True}
    network = await client.get(f"{STATISTICS}/network", headers=reader)
    assert network.status_code == 403
    other_scopes = await client_headers(db, settings, tenant, ["cases:read", "contacts:read"])
    response = await client.get(f"{STATISTICS}/cases", headers=other_scopes)
    assert response.status_code == 403


@pytest.mark.parametrize(
    "params",
    [
        {"from": "2025-06-01", "to": "2025-05-31"},
        {"from": "2010-01-01", "to": "2025-12-31"},
        {"from": "31.12.2025"},
        {"to": "1899-12-31"},
        {"to": "0"},  # not read as a Unix timestamp
    ],
)
async def test_impossible_periods_are_422(client, tenants, params: dict[str, str]) -> None:
    tenant = await tenants.make()
    response = await client.get(
        f"{STATISTICS}/overview", params=params, headers=tenant.headers("coordinator")
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["field"] in {"query.from", "query.to"}


def test_openapi_declares_csv_examples_and_errors(app) -> None:
    spec = app.openapi()
    schemas = spec["components"]["schemas"]
    for route in ROUTES:
        operation = spec["paths"][f"/api/v1/statistics/{route}"]["get"]
        content = operation["responses"]["200"]["content"]
        assert set(content) == {"application/json", "text/csv"}, route
        assert (
            "\ufeffBereich;Bereich (Code);Kategorie;Kategorie (Code)"
            in content["text/csv"]["example"]
        )
        assert {"401", "403", "422"} <= set(operation["responses"]), route
        assert {p["name"] for p in operation["parameters"]} == {"from", "to"}
        model = content["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
        assert schemas[model].get("examples"), model
    for name in (
        "Count",
        "Amount",
        "CountRow",
        "HoursRow",
        "CaseMonthRow",
        "ContactGroupRow",
        "MunicipalityFigures",
        "NetworkTotal",
        "PeriodOut",
    ):
        assert schemas[name].get("examples"), name
    count = schemas["Count"]["properties"]
    assert count["value"]["description"] and count["suppressed"]["description"]
