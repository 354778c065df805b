"""The network view: every municipality's key figures side by side, for the project lead."""

from __future__ import annotations

from typing import Any

from kokoma.municipalities.models import Municipality
from tests.statistics import scenario
from tests.statistics.builders import STATISTICS, CaseRow, add_cases
from tests.statistics.scenario import YEAR_2025
from tests.statistics.test_statistics_csv import figure, parse

FIGURES = (
    "cases_open",
    "cases_new",
    "cases_closed",
    "consultations",
    "consultation_hours",
    "referrals",
    "active_contacts",
    "qualified_conflict_managers",
)
HIDDEN = {"value": None, "suppressed": True}


async def _network(client, tenant, **headers: str) -> Any:
    response = await client.get(
        f"{STATISTICS}/network", params=YEAR_2025, headers={**tenant.headers("admin"), **headers}
    )
    assert response.status_code == 200, response.text
    return response


async def test_side_by_side_with_the_same_suppression(client, db, tenants) -> None:
    home, busy, quiet = await tenants.make(), await tenants.make(), await tenants.make()
    await scenario.arrange(db, busy)
    await add_cases(db, quiet, *[CaseRow("2025-05-01T10:00+02:00")] * 5)
    async with db() as session:
        municipality = await session.get(Municipality, busy.id)
        municipality.name = f"Hörselberg-Hainich {busy.slug}"
        await session.commit()

    body = (await _network(client, home)).json()
    assert body["period"] == {"from": "2025-01-01", "to": "2025-12-31"}
    assert body["suppression_threshold"] == 3
    rows = {row["municipality_id"]: row for row in body["municipalities"]}
    assert [r["label"] for r in body["municipalities"]] == sorted(
        r["label"] for r in body["municipalities"]
    )
    # Each municipality's figures are those its own steering group sees.
    for tenant in (busy, quiet):
        own = (
            await client.get(
                f"{STATISTICS}/overview",
                params=YEAR_2025,
                headers=tenant.headers("steering_group"),
            )
        ).json()
        row = rows[str(tenant.id)]
        assert row["key"] == tenant.slug
        assert {name: row[name] for name in FIGURES} == {name: own[name] for name in FIGURES}
    assert rows[str(busy.id)]["label"].startswith("Hörselberg-Hainich")
    assert rows[str(busy.id)]["cases_new"] == {"value": 4, "suppressed": False}
    assert rows[str(busy.id)]["referrals"] == HIDDEN
    assert rows[str(quiet.id)]["cases_new"] == {"value": 5, "suppressed": False}
    assert rows[str(home.id)]["cases_new"] == {"value": 0, "suppressed": False}

    # A sum is only shown where no municipality's figure is hidden, so it gives nothing away.
    total = body["total"]
    for name in FIGURES[:4] + FIGURES[5:]:
        cells = [row[name] for row in body["municipalities"]]
        if any(cell["suppressed"] for cell in cells):
            assert total[name] == HIDDEN, name
        else:
            assert total[name]["value"] == sum(cell["value"] for cell in cells), name
    assert total["referrals"] == HIDDEN
    # Hours go with the number of consultations (a sum of rounded hours would not match).
    assert total["consultation_hours"]["suppressed"] == total["consultations"]["suppressed"]


async def test_network_as_csv(client, db, tenants) -> None:
    home, busy = await tenants.make(), await tenants.make()
    await scenario.arrange(db, busy)
    response = await _network(client, home, Accept="text/csv")
    assert (
        'filename="kokoma-network-2025-01-01-2025-12-31.csv"'
        in response.headers["content-disposition"]
    )
    rows = parse(response.content)
    assert figure(rows, "municipalities", busy.slug, "cases_new") == "4"
    assert figure(rows, "municipalities", busy.slug, "referrals") == ""
    assert figure(rows, "municipalities", busy.slug, "consultation_hours") == "4,0"
    labels = {r["label"] for r in rows if r["key"] == busy.slug}
    assert labels == {busy.municipality.name}
    assert figure(rows, "total", "", "referrals") == ""
