"""Filtering and sorting case lists (query parameters of ``GET /cases``)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import timedelta
from enum import StrEnum
from operator import itemgetter
from typing import Annotated, Any

from pydantic import Field, model_validator
from sqlalchemy import Row, Select, and_, bindparam, exists, or_, select

from kokoma.cases.models import (
    SEARCHED_FIELDS,
    Case,
    CaseAssignment,
    CaseParty,
    CaseStatus,
    CaseTopic,
    CaseTopicRow,
)
from kokoma.contacts.models import Contact
from kokoma.core.calendar import local_midnight
from kokoma.core.folding import fold, search_terms
from kokoma.core.pagination import MAX_LIMIT, SortKey
from kokoma.core.reads import json_list
from kokoma.core.schemas import PageQuery, SaneDate, Text
from kokoma.users.models import User


class CaseSort(StrEnum):
    CREATED_AT = "created_at"
    CREATED_AT_DESC = "-created_at"
    UPDATED_AT = "updated_at"
    UPDATED_AT_DESC = "-updated_at"
    REFERENCE = "reference"
    REFERENCE_DESC = "-reference"
    ESCALATION_LEVEL = "escalation_level"
    ESCALATION_LEVEL_DESC = "-escalation_level"
    FOLLOW_UP_DATE = "follow_up_date"
    FOLLOW_UP_DATE_DESC = "-follow_up_date"


class CaseListQuery(PageQuery):
    """Filters combine with AND; repeated `status` or `topic` parameters match any of them."""

    status: Annotated[list[CaseStatus], Field(max_length=len(CaseStatus))] = Field(
        default_factory=list, description="Any of these statuses."
    )
    topic: Annotated[list[CaseTopic], Field(max_length=len(CaseTopic))] = Field(
        default_factory=list, description="Cases with any of these topics."
    )
    escalation_min: int | None = Field(default=None, ge=1, le=9, description="Glasl stage ≥.")
    escalation_max: int | None = Field(default=None, ge=1, le=9, description="Glasl stage ≤.")
    assignee: uuid.UUID | None = Field(default=None, description="Cases this user works on.")
    assigned: bool | None = Field(
        default=None,
        description="`false`: cases nobody is assigned to yet; `true`: cases someone works on.",
    )
    endangers_democracy: bool | None = Field(default=None, description="Demokratiegefährdend.")
    follow_up_before: SaneDate | None = Field(
        default=None, description="Wiedervorlage on or before this date."
    )
    created_from: SaneDate | None = Field(default=None, description="Opened on or after this day.")
    created_to: SaneDate | None = Field(default=None, description="Opened on or before this day.")
    q: Text(200) | None = Field(
        default=None,
        description="Words, each found in the reference (`WAK-2026-0042` or `0042`), title, "
        "summary, place, requesting body or a party's name; case and umlauts do not matter "
        "(`müller` finds `Müller` and `MULLER`). Each item says where it matched.",
    )
    archived: bool = Field(default=False, description="Archived cases instead of working ones.")
    sort: CaseSort = Field(
        default=CaseSort.CREATED_AT_DESC,
        description="`-` sorts descending. Sorting by `follow_up_date` lists only cases "
        "that have one.",
    )

    @model_validator(mode="after")
    def _ranges(self) -> CaseListQuery:
        low, high = self.escalation_min, self.escalation_max
        if low and high and low > high:
            raise ValueError("escalation_min must not exceed escalation_max")
        if self.created_from and self.created_to and self.created_from > self.created_to:
            raise ValueError("created_from must not be after created_to")
        return self


def sort_keys(sort: CaseSort) -> list[SortKey]:
    descending = sort.value.startswith("-")
    columns: dict[str, list[Any]] = {
        "created_at": [Case.created_at],
        "updated_at": [Case.updated_at],
        "reference": [Case.year, Case.number],
        "escalation_level": [Case.escalation_rank],
        "follow_up_date": [Case.follow_up_date],
    }
    return [SortKey(c, descending) for c in columns[sort.value.lstrip("-")]]


def _party_named(term: str) -> Any:
    return exists(
        select(CaseParty.case_id)
        .join(Contact, Contact.id == CaseParty.contact_id)
        .where(CaseParty.case_id == Case.id, Contact.sort_name.contains(term, autoescape=True))
    )


def _text_filter(q: str) -> Any:
    # Both sides folded (``kokoma.core.folding``): the same matches on SQLite and PostgreSQL.
    return and_(
        *(
            or_(Case.search_text.contains(term, autoescape=True), _party_named(term))
            for term in search_terms(q)
        )
    )


def matched_in(row: dict[str, Any], q: str) -> list[str]:
    """The searched fields of a list row in which any word of ``q`` occurs."""
    terms = search_terms(q)
    texts = {name: fold(str(row.get(name) or "")) for name in SEARCHED_FIELDS}
    texts["parties"] = fold(" ".join(p["name"] for p in row["parties"]))
    return [name for name, text in texts.items() if any(t in text for t in terms)]


def _anyone_assigned() -> Any:
    return exists(select(CaseAssignment.case_id).where(CaseAssignment.case_id == Case.id))


# Each filter of the list as a condition on bound parameters named like the filter, so
# that a list statement is built once per combination of filters (``cases.service._case_page``).
_FILTERS: dict[str, Callable[[], Any]] = {
    "archived": lambda: Case.archived == bindparam("archived"),
    "status": lambda: Case.status.in_(bindparam("status", expanding=True)),
    "topic": lambda: exists(
        select(CaseTopicRow.case_id).where(
            CaseTopicRow.case_id == Case.id,
            CaseTopicRow.topic.in_(bindparam("topic", expanding=True)),
        )
    ),
    "escalation_min": lambda: Case.escalation_level >= bindparam("escalation_min"),
    "escalation_max": lambda: Case.escalation_level <= bindparam("escalation_max"),
    "assignee": lambda: exists(
        select(CaseAssignment.case_id).where(
            CaseAssignment.case_id == Case.id, CaseAssignment.user_id == bindparam("assignee")
        )
    ),
    "assigned": _anyone_assigned,
    "unassigned": lambda: ~_anyone_assigned(),
    "endangers_democracy": lambda: Case.endangers_democracy == bindparam("endangers_democracy"),
    "follow_up_before": lambda: Case.follow_up_date <= bindparam("follow_up_before"),
    "has_follow_up": lambda: Case.follow_up_date.is_not(None),
    "created_from": lambda: Case.created_at >= bindparam("created_from"),
    "created_to": lambda: Case.created_at < bindparam("created_to"),
}


def filter_params(query: CaseListQuery) -> dict[str, Any]:
    """The filters ``query`` sets, by name (``_FILTERS``), with their parameter values."""
    params: dict[str, Any] = {"archived": query.archived}
    for name in ("status", "topic", "escalation_min", "escalation_max", "assignee"):
        if getattr(query, name):
            params[name] = getattr(query, name)
    if query.assigned is not None:
        params["assigned" if query.assigned else "unassigned"] = None
    if query.endangers_democracy is not None:
        params["endangers_democracy"] = query.endangers_democracy
    if query.follow_up_before:
        params["follow_up_before"] = query.follow_up_before
    if query.sort.value.lstrip("-") == "follow_up_date":
        params["has_follow_up"] = None
    if query.created_from:
        params["created_from"] = local_midnight(query.created_from)
    if query.created_to:
        params["created_to"] = local_midnight(query.created_to + timedelta(days=1))
    return params


def filtered(stmt: Select[Any], filters: Iterable[str], q: str | None) -> Select[Any]:
    """``stmt`` narrowed by the named ``filters`` (bound as ``filter_params`` gives them)
    and the words of ``q``."""
    stmt = stmt.where(*(_FILTERS[name]() for name in filters))
    return stmt.where(_text_filter(q)) if q else stmt


# What a case response shows of the case row itself, plus the keys lists sort by;
# search_text and the other internal columns stay in the database.
_SHOWN = (
    "id",
    "reference",
    "title",
    "summary",
    "status",
    "escalation_level",
    "endangers_democracy",
    "democracy_indicators",
    "place_id",
    "place",
    "requesting_body",
    "visibility",
    "follow_up_date",
    "outcome",
    "outcome_note",
    "closed_at",
    "archived",
    "archived_at",
    "created_at",
    "updated_at",
    "version",
)
# Labelled: read through Core (``kokoma.core.reads``), the computed sort key would
# otherwise come back under an anonymous name instead of its attribute's.
CASE_COLUMNS = tuple(
    getattr(Case, name).label(name) for name in (*_SHOWN, "year", "number", "escalation_rank")
)


def _child_lists() -> tuple[Any, ...]:
    """Columns ``topics``, ``assignees`` and ``parties``: those of the enclosing select's
    case as JSON lists, so that a case comes with its child rows in one round trip.

    PostgreSQL runs them for the rows a page returns only, after its sort and limit
    (checked with ``EXPLAIN ANALYZE`` at bench scale, bench/RESULTS.md)."""
    topics = select(json_list(CaseTopicRow.topic)).where(CaseTopicRow.case_id == Case.id)
    assignees = (
        select(json_list({"user_id": CaseAssignment.user_id, "full_name": User.full_name}))
        .select_from(CaseAssignment)
        .join(User, User.id == CaseAssignment.user_id)
        .where(CaseAssignment.case_id == Case.id)
    )
    party = {
        "contact_id": CaseParty.contact_id,
        "role_in_conflict": CaseParty.role_in_conflict,
        "note": CaseParty.note,
        "name": Contact.name,
        "kind": Contact.kind,
    }
    parties = (
        select(json_list(party))
        .select_from(CaseParty)
        .join(Contact, Contact.id == CaseParty.contact_id)
        .where(CaseParty.case_id == Case.id)
    )
    lists = {"topics": topics, "assignees": assignees, "parties": parties}
    return tuple(stmt.correlate(Case).scalar_subquery().label(n) for n, stmt in lists.items())


# What a case response shows: its columns and child lists.
CASE_RESPONSE_COLUMNS = (*CASE_COLUMNS, *_child_lists())


def with_children(case: Row[Any]) -> dict[str, Any]:
    """A row of ``CASE_RESPONSE_COLUMNS`` as a plain row shaped like ``CaseOut``, its
    child lists in the order of ``Case.topics``, ``Case.assignees`` and ``Case.parties``."""
    row = case._asdict()
    row["topics"] = sorted(row["topics"])
    row["assignees"] = sorted(row["assignees"], key=itemgetter("full_name"))
    row["parties"] = sorted(row["parties"], key=itemgetter("name"))
    return row


def page_items(cases: Sequence[Row[Any]], q: str | None = None) -> list[dict[str, Any]]:
    """The cases of a list page (rows of ``CASE_RESPONSE_COLUMNS``) as plain rows shaped like
    ``CaseOut``, with the fields a search ``q`` matched.

    The page's child rows came in the page's own query, as JSON lists of plain values,
    instead of ORM entities and relationship loading or a query per kind of child: a
    page of 50 cases has hundreds of child rows, and building objects for them cost
    more than the rest of the request together (see bench/RESULTS.md).
    """
    rows = [with_children(case) for case in cases]
    if q:
        for row in rows:
            row["matched_in"] = matched_in(row, q)
    return rows


class TimelineQuery(PageQuery):
    limit: int = Field(default=100, ge=1, le=MAX_LIMIT, description="Page size, at most 100.")
