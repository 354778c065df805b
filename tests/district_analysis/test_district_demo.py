"""Demo data: the Wartburgkreis has a regional analysis with four conflict fields."""

from __future__ import annotations

from kokoma.demo.loader import load_demo_data
from tests.case_analysis.test_case_analysis_demo import _headers
from tests.district_analysis.helpers import FIELDS, FIGURES, REPORTS


async def test_wartburgkreis_has_four_conflict_fields_and_an_adopted_report(
    client, db, settings
) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    headers = await _headers(db, settings, "koordination@wartburgkreis.example")
    fields = (await client.get(FIELDS, headers=headers)).json()["items"]
    assert len(fields) == 4
    assert all(f["case_count"]["value"] for f in fields)
    reports = (await client.get(REPORTS, headers=headers)).json()["items"]
    assert len(reports) == 2 and reports[0]["adopted_on"]
    figures = (await client.get(FIGURES, headers=headers)).json()
    assert figures["cases"]["value"] > 0 and figures["conflict_lines"]
