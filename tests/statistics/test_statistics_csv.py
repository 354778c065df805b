"""CSV downloads: the same figures as the JSON, in a form German spreadsheets open."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.statistics import scenario
from tests.statistics.builders import STATISTICS
from tests.statistics.scenario import EZRA, MOBIT, YEAR_2025

ROUTES = [
    "overview",
    "cases",
    "consultations",
    "referrals",
    "contacts",
    "trainings",
    "activations",
]
CSV = {"Accept": "text/csv"}
COLUMNS = ["section_label", "section", "label", "key", "measure_label", "measure", "value"]
GERMAN_HEADER = [
    "Bereich",
    "Bereich (Code)",
    "Kategorie",
    "Kategorie (Code)",
    "Kennzahl",
    "Kennzahl (Code)",
    "Wert (leer = unterdrückt oder nicht anwendbar)",
]


def parse(raw: bytes, header: list[str] = GERMAN_HEADER) -> list[dict[str, str]]:
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 byte-order mark"
    text = raw.decode("utf-8-sig")
    assert "\r\n" in text
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    first, *lines = list(reader)
    assert first == header
    return [dict(zip(COLUMNS, line, strict=True)) for line in lines]


def figure(rows: list[dict[str, str]], section: str, key: str, measure: str) -> str:
    found = [
        r["value"]
        for r in rows
        if (r["section"], r["key"], r["measure"]) == (section, key, measure)
    ]
    assert len(found) == 1, (section, key, measure)
    return found[0]


def flatten(body: dict[str, Any]) -> dict[tuple[str, str, str], Any]:
    """The figures of a JSON body keyed like the CSV lines."""
    out: dict[tuple[str, str, str], Any] = {}

    def row(section: str, item: dict[str, Any]) -> None:
        for measure, cell in item.items():
            if isinstance(cell, dict) and "suppressed" in cell:
                out[(section, str(item.get("key") or ""), measure)] = cell["value"]

    row("", body)
    for section, value in body.items():
        if isinstance(value, list):
            for item in value:
                row(section, item)
        elif isinstance(value, dict) and "suppressed" not in value:
            row(section, value)
    return out


def as_csv_value(value: Any) -> str:
    if value is None:
        return ""
    return f"{value:.1f}".replace(".", ",") if isinstance(value, float) else str(value)


@pytest.fixture
async def year(db, tenants):
    tenant = await tenants.make()
    await scenario.arrange(db, tenant)
    return tenant


@pytest.mark.parametrize("role", ["coordinator", "steering_group"])
@pytest.mark.parametrize("route", ROUTES)
async def test_csv_carries_exactly_the_json_figures(client, year, route: str, role: str) -> None:
    url = f"{STATISTICS}/{route}"
    as_json = await client.get(url, params=YEAR_2025, headers=year.headers(role))
    as_csv = await client.get(url, params=YEAR_2025, headers={**year.headers(role), **CSV})
    assert as_csv.status_code == 200
    assert as_csv.headers["content-type"] == "text/csv; charset=utf-8"
    assert as_csv.headers["content-disposition"] == (
        f'attachment; filename="kokoma-{route}-2025-01-01-2025-12-31.csv"'
    )
    assert "Accept" in as_csv.headers["vary"]
    lines = parse(as_csv.content)
    expected = {key: as_csv_value(v) for key, v in flatten(as_json.json()).items()}
    assert {(r["section"], r["key"], r["measure"]): r["value"] for r in lines} == expected
    assert as_csv.headers["content-language"] == "de"
    assert len(lines) == len(expected)


async def test_csv_values_labels_and_umlauts(client, year) -> None:
    headers = {**year.headers("coordinator"), **CSV}
    response = await client.get(f"{STATISTICS}/referrals", params=YEAR_2025, headers=headers)
    rows = parse(response.content)
    assert figure(rows, "", "", "total") == "2"
    assert figure(rows, "by_target_service", MOBIT, "count") == "1"
    assert figure(rows, "by_target_service", EZRA, "count") == "1"
    response = await client.get(f"{STATISTICS}/cases", params=YEAR_2025, headers=headers)
    rows = parse(response.content)
    level_five = [r for r in rows if r["section"] == "by_escalation_level" and r["key"] == "5"]
    assert level_five[0]["label"] == "Gesichtsverlust"
    assert level_five[0]["section_label"] == "Nach Eskalationsstufe (Glasl)"
    assert figure(rows, "by_month", "2025-04", "closed") == "1"
    response = await client.get(f"{STATISTICS}/consultations", params=YEAR_2025, headers=headers)
    rows = parse(response.content)
    # Decimal comma, as German spreadsheets expect.
    assert figure(rows, "", "", "hours") == "4,0"
    assert figure(rows, "by_month", "2025-01", "hours") == "2,5"


async def test_csv_names_every_code_in_the_readers_language(client, year) -> None:
    german = {**year.headers("coordinator"), **CSV}
    english = {**german, "Accept-Language": "en-GB,en;q=0.9,de;q=0.5"}
    url = f"{STATISTICS}/consultations"
    rows = parse((await client.get(url, params=YEAR_2025, headers=german)).content)
    kinds = {r["key"]: r for r in rows if r["section"] == "by_kind" and r["measure"] == "count"}
    assert kinds["initial_talk"]["label"] == "Erstgespräch"
    assert kinds["initial_talk"]["section_label"] == "Nach Art"
    assert kinds["initial_talk"]["measure_label"] == "Anzahl"
    months = {r["key"]: r["label"] for r in rows if r["section"] == "by_month"}
    assert months["2025-03"] == "März 2025"
    # Every category and every figure has a name, not just a code.
    assert all(r["label"] for r in rows if r["key"]) and all(r["measure_label"] for r in rows)
    response = await client.get(url, params=YEAR_2025, headers=english)
    assert response.headers["content-language"] == "en"
    english_header = [
        "Section",
        "Section (code)",
        "Category",
        "Category (code)",
        "Measure",
        "Measure (code)",
    ]
    rows = parse(
        response.content, [*english_header, "Value (empty = suppressed or not applicable)"]
    )
    kinds = {r["key"]: r for r in rows if r["section"] == "by_kind" and r["measure"] == "count"}
    assert kinds["initial_talk"]["label"] == "Initial talk"
    assert kinds["initial_talk"]["measure_label"] == "Count"


async def test_json_keeps_codes_and_fills_labels(client, year) -> None:
    for route, section, key, german, english in (
        ("cases", "by_status", "in_progress", "Bearbeitung", "In progress"),
        ("cases", "by_topic", "local_politics", "Kommunalpolitik", "Local politics"),
        ("consultations", "by_format", "in_person", "Vor Ort", "In person"),
        ("contacts", "by_actor_group", "civil_society", "Zivilgesellschaft", "Civil society"),
        ("trainings", "attendance", "present", "Anwesend", "Present"),
        (
            "activations",
            "by_level",
            "2",
            "Stufe 2 – Lage (Koordinierungsrunde)",
            "Level 2 – situation (coordination round)",
        ),
    ):
        for language, expected in (("de", german), ("en", english)):
            headers = {**year.headers("coordinator"), "Accept-Language": language}
            body = (
                await client.get(f"{STATISTICS}/{route}", params=YEAR_2025, headers=headers)
            ).json()
            labels = {row["key"]: row["label"] for row in body[section]}
            assert labels[key] == expected, (route, language)
            assert all(labels.values()), (route, section)


async def test_suppressed_figures_are_empty(client, year) -> None:
    headers = {**year.headers("steering_group"), **CSV}
    response = await client.get(f"{STATISTICS}/overview", params=YEAR_2025, headers=headers)
    rows = parse(response.content)
    assert figure(rows, "", "", "cases_closed") == ""
    assert figure(rows, "", "", "cases_new") == "4"


async def test_json_unless_csv_is_preferred(client, year) -> None:
    url = f"{STATISTICS}/overview"
    for accept in ("application/json", "*/*", "text/csv;q=0.2, application/json"):
        headers = {**year.headers("coordinator"), "Accept": accept}
        response = await client.get(url, params=YEAR_2025, headers=headers)
        assert response.headers["content-type"] == "application/json", accept
        assert response.json()["cases_new"]["value"] == 4


async def test_refusals_stay_problems_when_csv_is_asked_for(client, year) -> None:
    headers = {**year.headers("conflict_manager"), **CSV}
    response = await client.get(f"{STATISTICS}/cases", headers=headers)
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/problem+json")
    headers = {**year.headers("coordinator"), **CSV}
    response = await client.get(
        f"{STATISTICS}/cases", params={"from": "2025-02-01", "to": "2025-01-01"}, headers=headers
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "query.to"
