"""The measured requests, built from what ``bench.facts`` found in the database."""

from __future__ import annotations

import random
from urllib.parse import urlencode

from bench.api import API, consultation_body
from bench.dataset import DISTRICTS, staff_email
from bench.facts import FILTER, Facts
from bench.loadgen import Call, Scenario
from kokoma.access.permissions import Role

MANAGER = staff_email(DISTRICTS[0], Role.CONFLICT_MANAGER, 1)
STEERING = staff_email(DISTRICTS[0], Role.STEERING_GROUP, 1)
# Words people look for: a few topics' key words and places, each in a few percent of cases.
SEARCH_TERMS = (
    "Freibad",
    "Tiefenort",
    "Windvorranggebiet",
    "Gebetsraum",
    "Heimatfest",
    "Schulstandort",
)
PAGE = 50


def _get(path: str, **params: str | int) -> Call:
    return ("GET", f"{API}{path}?{urlencode(params)}" if params else f"{API}{path}", None)


def case_list_scenarios(facts: Facts) -> list[Scenario]:
    """The case list: first and deep page, with and without the filter."""

    def page(name: str, cursor: str | None, **filters: str) -> Scenario:
        params = {**filters, "limit": PAGE, **({"cursor": cursor} if cursor else {})}
        call = _get("/cases", **params)
        return Scenario(name, MANAGER, lambda _rng: call)

    return [
        page("case list, first page", None),
        page("case list, deep page", facts.deep_cursor),
        page("case list + filter, first page", None, **FILTER),
        page("case list + filter, deep page", facts.deep_filtered_cursor, **FILTER),
    ]


def scenarios(facts: Facts) -> list[Scenario]:
    def detail(rng: random.Random) -> Call:
        return _get(f"/cases/{rng.choice(facts.readable_case_ids)}")

    def search(rng: random.Random) -> Call:
        return _get("/cases", q=rng.choice(SEARCH_TERMS), limit=PAGE)

    def write(rng: random.Random) -> Call:
        case_id = rng.choice(facts.writable_case_ids)
        return ("POST", f"{API}/cases/{case_id}/consultations", consultation_body(rng))

    return [
        Scenario("case detail", MANAGER, detail),
        *case_list_scenarios(facts),
        Scenario("free-text search", MANAGER, search),
        Scenario("statistics overview", STEERING, lambda _rng: _get("/statistics/overview")),
        Scenario("consultation write", MANAGER, write, expect=201),
    ]
