"""Locust users for the load test (``python -m bench load``): a working day in the district.

Conflict managers browse, search and open cases, read consultations and contacts,
document consultations, open cases and contacts and edit cases; the steering group
reads statistics. Every id answered with 201 is written, with the count of 5xx
answers and transport errors, to ``BENCH_WRITES_FILE`` when the run stops.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from typing import Any

from locust import HttpUser, between, events, task

from bench.api import API, case_body, consultation_body
from bench.config import PASSWORD
from bench.dataset import DISTRICTS, staff_email
from bench.scenarios import SEARCH_TERMS
from kokoma.access.permissions import Role

DISTRICT = DISTRICTS[0]
_managers = itertools.cycle(range(1, DISTRICT.managers + 1))
CREATED: dict[str, list[str]] = {"cases": [], "consultations": [], "contacts": []}
TROUBLE: dict[str, int] = {"5xx": 0, "transport": 0}


@events.request.add_listener
def _count_trouble(response: Any = None, exception: Any = None, **_: Any) -> None:
    status = getattr(response, "status_code", 0) or 0
    if status >= 500:
        TROUBLE["5xx"] += 1
    elif exception is not None and status == 0:
        TROUBLE["transport"] += 1


@events.test_stop.add_listener
def _write_log(**_: Any) -> None:
    path = os.environ.get("BENCH_WRITES_FILE")
    if path:
        with open(path, "w") as handle:
            json.dump({"created": CREATED, "trouble": TROUBLE}, handle)


class _Signed(HttpUser):
    abstract = True
    email = ""

    def on_start(self) -> None:
        self.rng = random.Random()
        response = self.client.post(
            f"{API}/auth/token",
            name="/auth/token",
            data={"grant_type": "password", "username": self.email, "password": PASSWORD},
        )
        token = response.json()["access_token"]
        self.client.headers["Authorization"] = f"Bearer {token}"

    def get(self, path: str, name: str, **params: Any) -> Any:
        response = self.client.get(f"{API}{path}", params=params or None, name=name)
        return response.json() if response.status_code == 200 else None

    def created(self, kind: str, path: str, body: dict[str, Any], name: str) -> Any:
        response = self.client.post(f"{API}{path}", json=body, name=name)
        if response.status_code == 201:
            CREATED[kind].append(response.json()["id"])
            return response.json()
        return None


class ConflictManager(_Signed):
    weight = 9
    wait_time = between(0.5, 2.0)

    def on_start(self) -> None:
        self.email = staff_email(DISTRICT, Role.CONFLICT_MANAGER, next(_managers))
        super().on_start()
        self.case_ids: list[str] = []
        self.contact_ids: list[str] = []
        self.cursor: str | None = None
        self.list_cases()

    def _remember(self, page: Any, into: list[str]) -> None:
        if page:
            into[:] = ([item["id"] for item in page["items"]] + into)[:200]

    @task(6)
    def list_cases(self) -> None:
        page = self.get("/cases", "/cases", limit=50)
        self._remember(page, self.case_ids)
        self.cursor = page and page["next_cursor"]

    @task(2)
    def next_page(self) -> None:
        if self.cursor:
            page = self.get("/cases", "/cases?cursor", limit=50, cursor=self.cursor)
            self.cursor = page and page["next_cursor"]

    @task(2)
    def filtered_cases(self) -> None:
        self.get("/cases", "/cases?filter", status="in_progress", topic="local_politics", limit=50)

    @task(2)
    def search(self) -> None:
        self.get("/cases", "/cases?q", q=self.rng.choice(SEARCH_TERMS), limit=50)

    @task(5)
    def case_detail(self) -> None:
        if self.case_ids:
            self.get(f"/cases/{self.rng.choice(self.case_ids)}", "/cases/{id}")

    @task(1)
    def timeline(self) -> None:
        if self.case_ids:
            self.get(f"/cases/{self.rng.choice(self.case_ids)}/timeline", "/cases/{id}/timeline")

    @task(2)
    def case_consultations(self) -> None:
        if self.case_ids:
            self.get(
                f"/cases/{self.rng.choice(self.case_ids)}/consultations",
                "/cases/{id}/consultations",
            )

    @task(1)
    def consultations(self) -> None:
        self.get("/consultations", "/consultations", limit=50)

    @task(2)
    def contacts(self) -> None:
        self._remember(self.get("/contacts", "/contacts", limit=50), self.contact_ids)

    @task(1)
    def contact_detail(self) -> None:
        if self.contact_ids:
            self.get(f"/contacts/{self.rng.choice(self.contact_ids)}", "/contacts/{id}")

    @task(1)
    def me(self) -> None:
        self.get("/auth/me", "/auth/me")

    @task(3)
    def document_consultation(self) -> None:
        if self.case_ids:
            case_id = self.rng.choice(self.case_ids)
            self.created(
                "consultations",
                f"/cases/{case_id}/consultations",
                consultation_body(self.rng),
                "POST /cases/{id}/consultations",
            )

    @task(1)
    def open_case(self) -> None:
        case = self.created("cases", "/cases", case_body(self.rng), "POST /cases")
        if case:
            self.case_ids.insert(0, case["id"])

    @task(1)
    def add_contact(self) -> None:
        given = self.rng.choice(("Katrin", "Jens", "Doreen", "Uwe"))
        body = {
            "kind": "person",
            "given_name": given,
            "family_name": "Lasttest",
            "actor_group": "civil_society",
            "legal_basis": "public_task",
        }
        self.created("contacts", "/contacts", body, "POST /contacts")

    @task(1)
    def edit_case(self) -> None:
        if not self.case_ids:
            return
        case_id = self.rng.choice(self.case_ids)
        response = self.client.get(f"{API}/cases/{case_id}", name="/cases/{id}")
        if response.status_code != 200:
            return
        with self.client.patch(
            f"{API}/cases/{case_id}",
            name="PATCH /cases/{id}",
            catch_response=True,
            json={"follow_up_date": f"2027-0{self.rng.randint(1, 9)}-1{self.rng.randint(0, 9)}"},
            headers={"If-Match": response.headers["ETag"]},
        ) as patch:
            # Someone else may have changed it in between: 412 is the right answer then.
            if patch.status_code in (200, 409, 412):
                patch.success()


class SteeringGroup(_Signed):
    weight = 1
    wait_time = between(2.0, 5.0)
    email = staff_email(DISTRICT, Role.STEERING_GROUP, 1)

    @task(3)
    def overview(self) -> None:
        self.get("/statistics/overview", "/statistics/overview")

    @task(1)
    def cases(self) -> None:
        self.get("/statistics/cases", "/statistics/cases")

    @task(1)
    def consultations(self) -> None:
        self.get("/statistics/consultations", "/statistics/consultations")
