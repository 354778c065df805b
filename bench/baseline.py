"""The baselines: what raw asyncpg gives for the application's read requests.

No framework beyond Starlette, no ORM, no validation, no authentication: the same
SQL the application runs, for the same caller, and the same JSON, for
``GET /api/v1/cases`` (the visible, not archived cases of one municipality, newest
first, with topics, assignees and parties), ``GET /api/v1/cases/{id}`` (the same plus
the referrals and the allowed status steps, with its ETag), ``GET /api/v1/consultations``
(newest first, of visible cases or of none, with participants and case),
``GET /api/v1/contacts`` (by name, with organisation and topics) and
``GET /api/v1/statistics/overview`` (this year's key figures from the daily totals,
small counts suppressed as the application does). It shows what the hardware and
database give at most; the benchmark divides the application's throughput by this
one's, after checking that both answer the same JSON (``bench.quick.compare``).

Configured by ``BENCH_DSN``, ``BENCH_MUNICIPALITY_ID``, ``BENCH_USER_ID`` and
``BENCH_STATISTICS_THRESHOLD`` (empty for a caller who sees exact figures).
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kokoma.cases.workflow import TRANSITIONS

PAGE = 50
BERLIN = ZoneInfo("Europe/Berlin")
COLUMNS = """
SELECT c.id, c.reference, c.title, c.summary, c.status, c.escalation_level,
       c.endangers_democracy, c.democracy_indicators, c.place_id, c.place, c.requesting_body,
       c.visibility, c.follow_up_date, c.outcome, c.outcome_note,
       c.closed_at, c.archived, c.archived_at, c.created_at, c.updated_at, c.version
FROM cases c"""
CASES = f"""{COLUMNS}
WHERE c.municipality_id = $1 AND c.archived = false
  AND CASE WHEN c.visibility = 'team' THEN true ELSE EXISTS (
       SELECT 1 FROM case_assignees a WHERE a.case_id = c.id AND a.user_id = $2) END
ORDER BY c.created_at DESC, c.id DESC
LIMIT $3
"""
CASE = f"""{COLUMNS}
WHERE c.id = $1 AND c.municipality_id = $2
  AND CASE WHEN c.visibility = 'team' THEN true ELSE EXISTS (
       SELECT 1 FROM case_assignees a WHERE a.case_id = c.id AND a.user_id = $3) END
"""
REFERRALS = """
SELECT r.id, coalesce(c.name, r.target_name, '') AS receiver_name, r.contact_id, r.status,
       r.referred_on, r.follow_up_date
FROM referrals r LEFT JOIN contacts c ON c.id = r.contact_id
WHERE r.case_id = $1 ORDER BY r.created_at, r.id
"""
# Status steps by source status: the caller of the benchmark is assigned to the case.
STEPS: dict[str, list[str]] = defaultdict(list)
for _step in TRANSITIONS:
    STEPS[_step.source.value].append(_step.target.value)
TOPICS = "SELECT case_id, topic FROM case_topics WHERE case_id = ANY($1::uuid[])"
ASSIGNEES = """
SELECT a.case_id, a.user_id, u.full_name FROM case_assignees a JOIN users u ON u.id = a.user_id
WHERE a.case_id = ANY($1::uuid[])
"""
PARTIES = """
SELECT p.case_id, p.contact_id, c.name, c.kind, p.role_in_conflict, p.note
FROM case_parties p JOIN contacts c ON c.id = p.contact_id
WHERE p.case_id = ANY($1::uuid[])
"""


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        # As the application's JSON writes UTC times.
        return value.isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _cursor(created_at: datetime, case_id: uuid.UUID) -> str:
    raw = json.dumps([{"t": created_at.isoformat()}, {"u": str(case_id)}], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


async def _children(connection: asyncpg.Connection, ids: list[uuid.UUID]) -> dict[str, Any]:
    topics: dict[uuid.UUID, list[str]] = defaultdict(list)
    assignees: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    parties: dict[uuid.UUID, list[dict[str, Any]]] = defaultdict(list)
    for row in await connection.fetch(TOPICS, ids):
        topics[row["case_id"]].append(row["topic"])
    for row in await connection.fetch(ASSIGNEES, ids):
        assignees[row["case_id"]].append(
            {"user_id": str(row["user_id"]), "full_name": row["full_name"]}
        )
    for row in await connection.fetch(PARTIES, ids):
        parties[row["case_id"]].append(
            {
                "contact_id": str(row["contact_id"]),
                "name": row["name"],
                "kind": row["kind"],
                "role_in_conflict": row["role_in_conflict"],
                "note": row["note"],
            }
        )
    return {"topics": topics, "assignees": assignees, "parties": parties}


def _item(row: asyncpg.Record, children: dict[str, Any]) -> dict[str, Any]:
    item = {key: _plain(value) for key, value in row.items()}
    item["democracy_indicators"] = json.loads(row["democracy_indicators"])
    item["topics"] = sorted(children["topics"][row["id"]])
    item["assignees"] = sorted(children["assignees"][row["id"]], key=lambda a: a["full_name"])
    item["parties"] = sorted(children["parties"][row["id"]], key=lambda p: p["name"])
    return item


async def cases(request: Request) -> Response:
    config = request.app.state
    async with config.pool.acquire() as connection:
        rows = await connection.fetch(CASES, config.municipality_id, config.user_id, PAGE + 1)
        page = rows[:PAGE]
        children = await _children(connection, [row["id"] for row in page])
    # Words of a search are matched in no field: there is no search here.
    items = [{**_item(row, children), "matched_in": []} for row in page]
    last = page[-1] if len(rows) > PAGE else None
    next_cursor = _cursor(last["created_at"], last["id"]) if last else None
    return JSONResponse({"items": items, "next_cursor": next_cursor})


async def case(request: Request) -> Response:
    config = request.app.state
    case_id = uuid.UUID(request.path_params["case_id"])
    async with config.pool.acquire() as connection:
        row = await connection.fetchrow(CASE, case_id, config.municipality_id, config.user_id)
        if row is None:
            return JSONResponse({"title": "Not found"}, status_code=404)
        children = await _children(connection, [case_id])
        referrals = await connection.fetch(REFERRALS, case_id)
    item = _item(row, children)
    item["allowed_transitions"] = [] if row["archived"] else STEPS[row["status"]]
    item["referrals"] = [{key: _plain(value) for key, value in r.items()} for r in referrals]
    return JSONResponse(item, headers={"ETag": f'"{row["version"]}"'})


# --- consultation list: newest first, of cases the caller sees or of none -----------
CONSULTATIONS = """
SELECT co.id, co.case_id, co.started_at, co.duration_minutes, co.format, co.kind,
       co.counselling_role, co.head_count, co.summary, co.agreements, co.next_steps,
       coalesce(co.confidential_notes, '') <> '' AS has_confidential_notes,
       co.version, co.created_at, co.updated_at, c.reference, c.title
FROM consultations co LEFT JOIN cases c ON c.id = co.case_id
WHERE co.municipality_id = $1
  AND (co.case_id IS NULL OR (c.municipality_id = $1 AND CASE WHEN c.visibility = 'team'
       THEN true ELSE EXISTS (SELECT 1 FROM case_assignees a
                              WHERE a.case_id = c.id AND a.user_id = $2) END))
ORDER BY co.started_at DESC, co.id DESC
LIMIT $3
"""
PARTICIPANTS = """
SELECT p.consultation_id, c.id, c.name, c.kind, c.actor_group
FROM consultation_participants p JOIN contacts c ON c.id = p.contact_id
WHERE p.consultation_id = ANY($1::uuid[])
ORDER BY c.sort_name
"""
CONSULTATION_FIELDS = (
    "id", "case_id", "started_at", "ended_at", "duration_minutes", "format", "kind",
    "counselling_role", "participants", "head_count", "summary", "agreements",
    "next_steps", "case", "planned", "has_confidential_notes", "version", "created_at",
    "updated_at",
)  # fmt: skip


def _ref(row: asyncpg.Record) -> dict[str, Any]:
    return {key: _plain(row[key]) for key in ("id", "name", "kind", "actor_group")}


def _consultation(row: asyncpg.Record, participants: list[Any], now: datetime) -> dict[str, Any]:
    values = dict(row.items())
    values["ended_at"] = row["started_at"] + timedelta(minutes=row["duration_minutes"])
    values["planned"] = row["started_at"] > now
    values["participants"] = participants
    values["case"] = (
        {
            "id": str(row["case_id"]),
            "reference": row["reference"],
            "title": row["title"],
        }
        if row["case_id"]
        else None
    )
    return {key: _plain(values[key]) for key in CONSULTATION_FIELDS}


async def _page_with_children(
    request: Request, sql: str, args: tuple[Any, ...], children_sql: str
) -> tuple[list[asyncpg.Record], dict[uuid.UUID, list[asyncpg.Record]], str | None]:
    """A page of ``sql`` and the rows of ``children_sql`` by the page's ids (first column),
    and a stand-in for the application's sealed cursor (compared for presence only)."""
    async with request.app.state.pool.acquire() as connection:
        rows = await connection.fetch(sql, *args, PAGE + 1)
        page = rows[:PAGE]
        found = await connection.fetch(children_sql, [row["id"] for row in page])
    children: dict[uuid.UUID, list[asyncpg.Record]] = defaultdict(list)
    for row in found:
        children[row[0]].append(row)
    return page, children, "more" if len(rows) > PAGE else None


async def consultations(request: Request) -> Response:
    config = request.app.state
    page, participants, next_cursor = await _page_with_children(
        request, CONSULTATIONS, (config.municipality_id, config.user_id), PARTICIPANTS
    )
    now = datetime.now(UTC)
    items = [_consultation(row, [_ref(p) for p in participants[row["id"]]], now) for row in page]
    return JSONResponse({"items": items, "next_cursor": next_cursor})


# --- contact list: by name -------------------------------------------------------------
CONTACTS = """
SELECT c.id, c.kind, c.name, c.given_name, c.family_name, c.actor_group, c.position,
       c.email, c.phone, c.address, c.legal_basis, c.consent_date, c.consent_expires_on,
       c.steering_group_member, c.notes, c.version, c.created_at, c.updated_at,
       o.id AS org_id, o.name AS org_name, o.kind AS org_kind, o.actor_group AS org_group
FROM contacts c LEFT JOIN contacts o ON o.id = c.organisation_id
WHERE c.municipality_id = $1
ORDER BY c.sort_name, c.id
LIMIT $2
"""
CONTACT_TOPICS = """
SELECT contact_id, topic FROM contact_topics WHERE contact_id = ANY($1::uuid[])
ORDER BY position
"""
CONTACT_FIELDS = (
    "id", "kind", "name", "given_name", "family_name", "actor_group", "position",
    "organisation", "email", "phone", "address", "topics", "legal_basis", "consent_date",
    "consent_expires_on", "steering_group_member", "notes", "version", "created_at",
    "updated_at",
)  # fmt: skip


def _contact(row: asyncpg.Record, topics: list[str]) -> dict[str, Any]:
    values = dict(row.items())
    values["topics"] = topics
    values["organisation"] = (
        {
            "id": str(row["org_id"]),
            "name": row["org_name"],
            "kind": row["org_kind"],
            "actor_group": row["org_group"],
        }
        if row["org_id"]
        else None
    )
    return {key: _plain(values[key]) for key in CONTACT_FIELDS}


async def contacts(request: Request) -> Response:
    config = request.app.state
    page, topics, next_cursor = await _page_with_children(
        request, CONTACTS, (config.municipality_id,), CONTACT_TOPICS
    )
    items = [_contact(row, [t["topic"] for t in topics[row["id"]]]) for row in page]
    return JSONResponse({"items": items, "next_cursor": next_cursor})


# --- statistics overview: the key figures of the caller's municipality this year --------
# The application's four statements (daily totals, contacts, qualified, participants)
# as one, with the same primary suppression of small counts.
OVERVIEW = """
SELECT d.*,
  (SELECT count(*) FROM contacts WHERE municipality_id = $1 AND created_at < $4)
    AS active_contacts,
  (SELECT count(DISTINCT coalesce(user_id, contact_id, id)) FROM training_participants
   WHERE municipality_id = $1 AND completed_on < $3) AS qualified_conflict_managers,
  (SELECT count(DISTINCT coalesce(user_id, contact_id, id)) FROM training_participants
   WHERE municipality_id = $1
     AND series_id IN (SELECT series_id FROM training_sessions WHERE day < $3))
    AS training_participants
FROM (SELECT coalesce(sum(cases_opened - cases_closed), 0) AS cases_open,
        coalesce(sum(CASE WHEN day >= $2 THEN cases_opened ELSE 0 END), 0) AS cases_new,
        coalesce(sum(CASE WHEN day >= $2 THEN cases_closed ELSE 0 END), 0) AS cases_closed,
        coalesce(sum(CASE WHEN day >= $2 THEN consultations ELSE 0 END), 0) AS consultations,
        coalesce(sum(CASE WHEN day >= $2 THEN consultation_minutes ELSE 0 END), 0) AS minutes,
        coalesce(sum(CASE WHEN day >= $2 THEN referrals ELSE 0 END), 0) AS referrals
      FROM statistics_daily_figures WHERE municipality_id = $1 AND day < $3) d
"""
COUNTED = ("cases_open", "cases_new", "cases_closed", "consultations", "referrals")


def _count(value: int, threshold: int | None, hidden: bool = False) -> dict[str, Any]:
    if hidden or (threshold is not None and 0 < value < threshold):
        return {"value": None, "suppressed": True}
    return {"value": value, "suppressed": False}


async def statistics_overview(request: Request) -> Response:
    config = request.app.state
    year = datetime.now(BERLIN).year
    first, end = date(year, 1, 1), date(year + 1, 1, 1)
    midnight = datetime(year + 1, 1, 1, tzinfo=BERLIN)
    async with config.pool.acquire() as connection:
        row = await connection.fetchrow(OVERVIEW, config.municipality_id, first, end, midnight)
    threshold = config.threshold
    body: dict[str, Any] = {
        "period": {"from": first.isoformat(), "to": date(year, 12, 31).isoformat()},
        "municipality_id": str(config.municipality_id),
        "suppression_threshold": threshold,
    }
    body.update({name: _count(row[name], threshold) for name in COUNTED})
    qualified, participants = (
        row["qualified_conflict_managers"],
        row["training_participants"],
    )
    rest_small = threshold is not None and 0 < participants - qualified < threshold
    body["qualified_conflict_managers"] = _count(qualified, threshold, rest_small)
    body["active_contacts"] = _count(row["active_contacts"], threshold)
    hidden = body["consultations"]["suppressed"]
    body["consultation_hours"] = {
        "value": None if hidden else round(row["minutes"] / 60, 1),
        "suppressed": hidden,
    }
    return JSONResponse(body)


async def health(request: Request) -> Response:
    # As the application's: one round trip to the database.
    async with request.app.state.pool.acquire() as connection:
        await connection.fetchval("SELECT 1")
    return JSONResponse({"status": "ok", "database": "ok", "version": "bench"})


@asynccontextmanager
async def lifespan(application: Starlette) -> AsyncIterator[None]:
    # The same pool size as the application's (10 plus 10 overflow).
    state = application.state
    state.pool = await asyncpg.create_pool(os.environ["BENCH_DSN"], min_size=4, max_size=20)
    state.municipality_id = uuid.UUID(os.environ["BENCH_MUNICIPALITY_ID"])
    state.user_id = uuid.UUID(os.environ["BENCH_USER_ID"])
    # The statistics caller's suppression threshold (none for exact figures).
    threshold = os.environ.get("BENCH_STATISTICS_THRESHOLD", "")
    state.threshold = int(threshold) if threshold else None
    yield
    await state.pool.close()


app = Starlette(
    routes=[
        Route("/cases", cases),
        Route("/cases/{case_id}", case),
        Route("/consultations", consultations),
        Route("/contacts", contacts),
        Route("/statistics/overview", statistics_overview),
        Route("/health", health),
    ],
    lifespan=lifespan,
)
