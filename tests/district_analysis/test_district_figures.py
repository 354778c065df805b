"""The district's figures: computed from the cases, small counts withheld from the
steering group as in the statistics, other municipalities never counted, no actor
label or case title in the answer."""

from __future__ import annotations

from typing import Any

from kokoma.core.calendar import local_today
from tests.case_analysis.helpers import put_analysis
from tests.district_analysis.helpers import FIGURES, cases_in, make_field, make_place
from tests.support import make_case

HIDDEN = {"value": None, "suppressed": True}


def _row(rows: list[dict[str, Any]], key: str) -> dict[str, Any]:
    return next(r for r in rows if r["key"] == key)


def _shown(value: float) -> dict[str, Any]:
    return {"value": value, "suppressed": False}


async def _district(client, tenants):
    tenant = await tenants.make()
    big = await make_place(client, tenant, "Eisenach")
    small = await make_place(client, tenant, "Gerstungen")
    many = await cases_in(
        client, tenant, big, 5, escalation_level=5, topics=["energy_infrastructure"]
    )
    few = await cases_in(
        client,
        tenant,
        small,
        1,
        escalation_level=7,
        topics=["right_wing_extremism"],
        endangers_democracy=True,
        democracy_indicators=["threats_against_officials"],
    )
    field = await make_field(client, tenant, case_ids=[c["id"] for c in many])
    lonely = await make_field(
        client, tenant, name="Rechtsextreme Raumnahme", case_ids=[few[0]["id"]]
    )
    return tenant, big, small, many, few, field, lonely


async def test_coordinator_sees_exact_figures(client, tenants) -> None:
    tenant, big, small, _, _, field, lonely = await _district(client, tenants)
    response = await client.get(FIGURES, headers=tenant.headers("coordinator"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["suppression_threshold"] is None
    assert body["cases"] == _shown(6)
    energy = _row(body["by_field"], field["id"])
    assert energy["cases"] == _shown(5)
    assert energy["highest_stage"] == _shown(5.0) and energy["median_stage"] == _shown(5.0)
    assert _row(body["by_field"], lonely["id"])["endangering_democracy"] == _shown(1)
    assert _row(body["by_place"], small["official_key"])["cases"] == _shown(1)
    heat = {
        r["key"]: {c["column"]: c for c in r["cells"]} for r in body["places_by_topic"]["rows"]
    }
    assert heat[big["official_key"]]["energy_infrastructure"]["cases"] == _shown(5)
    assert heat[small["official_key"]]["right_wing_extremism"]["highest_stage"] == _shown(7.0)
    month = f"{local_today():%Y-%m}"
    levels = {
        r["key"]: {c["column"]: c for c in r["cells"]} for r in body["levels_by_month"]["rows"]
    }
    assert levels[month]["win_lose"]["cases"] == _shown(5)
    assert levels[month]["lose_lose"]["cases"] == _shown(1)


async def test_steering_group_gets_small_counts_suppressed(client, tenants) -> None:
    tenant, big, small, _, _, field, lonely = await _district(client, tenants)
    year = local_today().year
    response = await client.get(FIGURES, headers=tenant.headers("steering_group"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["suppression_threshold"] == 3
    assert body["cases"] == _shown(6)
    # One case in Gerstungen and in its field: withheld with all that is derived from it,
    # and the smallest other cell with it, so that 6 − 5 cannot give it away.
    single = _row(body["by_field"], lonely["id"])
    assert single["cases"] == HIDDEN and single["highest_stage"] == HIDDEN
    assert single["endangering_democracy"] == HIDDEN
    assert _row(body["by_place"], small["official_key"])["cases"] == HIDDEN
    assert _row(body["by_place"], big["official_key"])["cases"] == HIDDEN
    cells = [c for r in body["places_by_topic"]["rows"] for c in r["cells"]]
    assert all(c["cases"]["value"] in (None, 0) or c["cases"]["value"] >= 3 for c in cells)
    heat = {
        r["key"]: {c["column"]: c for c in r["cells"]} for r in body["places_by_topic"]["rows"]
    }
    assert heat[small["official_key"]]["right_wing_extremism"]["cases"] == HIDDEN
    assert heat[small["official_key"]]["right_wing_extremism"]["highest_stage"] == HIDDEN
    # Only whole calendar years: periods cannot be subtracted from each other.
    part = await client.get(
        FIGURES,
        params={"from": f"{year}-01-01", "to": f"{year}-06-30"},
        headers=tenant.headers("steering_group"),
    )
    assert part.status_code == 422
    exact = await client.get(
        FIGURES,
        params={"from": f"{year}-01-01", "to": f"{year}-06-30"},
        headers=tenant.headers("coordinator"),
    )
    assert exact.status_code == 200


async def test_other_municipalities_are_never_counted(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    for _ in range(4):
        await make_case(client, other, escalation_level=9)
    await make_field(client, other, name="Fremdes Feld")
    body = (await client.get(FIGURES, headers=tenant.headers("coordinator"))).json()
    assert body["cases"] == _shown(0)
    assert body["by_field"] == [] and body["conflict_lines"] == []
    assert "Fremdes Feld" not in str(body)


async def test_conflict_lines_count_actor_groups_never_labels(client, tenants) -> None:
    tenant = await tenants.make()
    cases = [await make_case(client, tenant) for _ in range(4)]
    for number, case in enumerate(cases):
        body = {
            "actors": [
                {"key": "bi", "label": f"Initiative Nr. {number}", "sector": "civil_society"},
                {"key": "rat", "label": "Bürgermeister Krause", "sector": "politics"},
                {"key": "x", "label": "Unbekannt"},
                {"key": "amt", "label": "Bauamt", "sector": "administration"},
            ],
            "assessments": [
                {"actor_a": "bi", "actor_b": "rat", "stage": 3 + number},
                {"actor_a": "bi", "actor_b": "x", "stage": 9},
            ]
            # Three cases also set the initiative against the administration.
            + ([{"actor_a": "amt", "actor_b": "bi", "stage": 2}] if number < 3 else []),
        }
        assert (await put_analysis(client, tenant, case, body)).status_code == 200
    one_more = await make_case(client, tenant)
    lone = {
        "actors": [
            {"key": "p", "label": "Polizeiinspektion", "sector": "police"},
            {"key": "m", "label": "Lokalzeitung", "sector": "media"},
        ],
        "assessments": [{"actor_a": "p", "actor_b": "m", "stage": 2}],
    }
    assert (await put_analysis(client, tenant, one_more, lone)).status_code == 200

    for role in ("coordinator", "steering_group"):
        response = await client.get(FIGURES, headers=tenant.headers(role))
        text = response.text
        assert (
            "Initiative Nr." not in text
            and "Krause" not in text
            and "Polizeiinspektion" not in text
        )
        lines = {(x["sector_a"], x["sector_b"]): x for x in response.json()["conflict_lines"]}
        civil_politics = lines[("civil_society", "politics")]
        assert civil_politics["cases"] == _shown(4)
        assert civil_politics["highest_stage"] == _shown(6.0)
        assert civil_politics["mean_stage"] == _shown(4.5)
    # For the steering group the single case is withheld, and the smallest other line
    # with it (rule 2 of the statistics), so that no sum gives it away.
    assert lines[("police", "media")]["cases"] == HIDDEN
    assert lines[("police", "media")]["highest_stage"] == HIDDEN
    assert lines[("civil_society", "administration")]["cases"] == HIDDEN


async def test_steering_group_reads_district_but_not_case_analyses(client, tenants) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    analysis = await client.get(
        f"/api/v1/cases/{case['id']}/analysis", headers=tenant.headers("steering_group")
    )
    assert analysis.status_code == 403
    assert (await client.get(FIGURES, headers=tenant.headers("steering_group"))).status_code == 200
    assert (
        await client.get(FIGURES, headers=tenant.headers("conflict_manager"))
    ).status_code == 403


def test_two_way_tables_hide_a_second_cell_in_row_and_column() -> None:
    from kokoma.statistics.suppression import Disclosure

    hidden = Disclosure(3).hidden_table([[1, 5, 4], [6, 7, 0], [3, 3, 3]])
    # The 1 is hidden; its row needs a second cell (the 4), and the columns of both
    # need a second one each, so no row or column total gives a hidden cell away.
    assert hidden[0] == [True, False, True]
    for line in [*hidden, *zip(*hidden, strict=True)]:
        assert sum(line) != 1
    assert Disclosure(None).hidden_table([[1, 2]]) == [[False, False]]
