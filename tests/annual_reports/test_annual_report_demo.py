"""Demo data: the Wartburgkreis generated last year's report for the funder."""

from __future__ import annotations

from kokoma.core.calendar import local_today
from kokoma.demo.loader import load_demo_data
from tests.annual_reports.helpers import BASE, VERSIONS
from tests.case_analysis.test_case_analysis_demo import _headers


async def test_last_years_report_is_generated(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    year = local_today().year - 1
    coordinator = await _headers(db, settings, "koordination@wartburgkreis.example")
    versions = (await client.get(VERSIONS, params={"year": year}, headers=coordinator)).json()
    assert [v["number"] for v in versions["items"]] == [1]
    report = (await client.get(f"{BASE}/{year}/versions/1", headers=coordinator)).json()
    assert report["texts"]["goals"] and report["texts"]["next_year"]
    assert report["author_name"] == "Thomas Berger"
    # The demo's records span the last twelve months: what of them fell in last year.
    assert report["figures"]["year"] == year
    assert report["figures"]["cases_new"]["value"] is not None

    steering = await _headers(db, settings, "steuerung@wartburgkreis.example")
    seen = (await client.get(f"{BASE}/{year}/versions/1", headers=steering)).json()
    assert seen["figures"]["suppression_threshold"] == settings.suppression_threshold
    pdf = await client.get(f"{BASE}/{year}/versions/1/export", headers=steering)
    assert pdf.status_code == 200
    draft = (await client.get(f"{BASE}/{year + 1}", headers=coordinator)).json()
    assert draft["texts"]["goals"] and draft["versions"] == 0
