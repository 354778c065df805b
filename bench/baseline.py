"""The baselines: a conflict manager's case list and one case with raw asyncpg.

No framework beyond Starlette, no ORM, no validation, no authentication: the same
SQL the application runs for ``GET /api/v1/cases`` (the visible, not archived cases
of one municipality, newest first, with topics, assignees and parties) and for
``GET /api/v1/cases/{id}`` (the same plus the referrals and the allowed status
steps, with its ETag), and the same JSON shape. It shows what the hardware and
database give at most; the benchmark divides the application's throughput by this one's.

Configured by ``BENCH_DSN``, ``BENCH_MUNICIPALITY_ID`` and ``BENCH_USER_ID``.
"""

from __future__ import annotations

import base64
import json
import os
import uuid
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, datetime
from typing import Any

import asyncpg
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from kokoma.cases.workflow import TRANSITIONS

PAGE = 50
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
    if isinstance(value, (datetime, date)):
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
    item["parties"] = children["parties"][row["id"]]
    return item


async def cases(request: Request) -> Response:
    config = request.app.state
    async with config.pool.acquire() as connection:
        rows = await connection.fetch(CASES, config.municipality_id, config.user_id, PAGE + 1)
        page = rows[:PAGE]
        children = await _children(connection, [row["id"] for row in page])
    items = [_item(row, children) for row in page]
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
    yield
    await state.pool.close()


app = Starlette(
    routes=[Route("/cases", cases), Route("/cases/{case_id}", case), Route("/health", health)],
    lifespan=lifespan,
)
