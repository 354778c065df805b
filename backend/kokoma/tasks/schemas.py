from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from pydantic import Field

from kokoma.core.schemas import (
    InputModel,
    LongText,
    Name,
    OutputModel,
    PageQuery,
    SaneDate,
    keep_if_absent,
    with_examples,
)
from kokoma.tasks.models import TaskKind, TaskStatus


class DueGroup(StrEnum):
    """Where an open task stands on "My tasks" (German calendar days)."""

    OVERDUE = "overdue"
    TODAY = "today"
    THIS_WEEK = "this_week"
    LATER = "later"


class TaskOwnerFilter(StrEnum):
    MINE = "mine"
    ALL = "all"


class TaskListQuery(PageQuery):
    owner: TaskOwnerFilter = Field(
        default=TaskOwnerFilter.MINE,
        description="`mine` (the default) or `all` tasks of the municipality (coordinators).",
    )
    owner_id: uuid.UUID | None = Field(
        default=None, description="Only the tasks of this user (coordinators)."
    )
    status: TaskStatus | None = Field(
        default=TaskStatus.OPEN, description="Only tasks in this status; open unless told."
    )
    case_id: uuid.UUID | None = Field(default=None, description="Only the tasks of this case.")
    due_before: SaneDate | None = Field(default=None, description="Due on or before this day.")


class TaskCreate(InputModel):
    title: Name = Field(description="What is to be done.")
    description: LongText | None = Field(default=None, description="Details, if any.")
    owner_id: uuid.UUID | None = Field(
        default=None,
        description="Who does it: a user of the municipality; the caller unless told. "
        "Only coordinators give tasks to others.",
    )
    due_on: SaneDate = Field(description="The day it is due; a day in the past is allowed.")
    case_id: uuid.UUID | None = Field(default=None, description="The case it belongs to.")
    activation_id: uuid.UUID | None = Field(
        default=None, description="The crisis-plan activation it belongs to."
    )

    model_config = with_examples(
        {"title": "Gesprächstermin mit der Bürgerinitiative vereinbaren", "due_on": "2026-03-12"}
    )


class TaskUpdate(InputModel):
    title: Name = keep_if_absent("What is to be done.")
    description: LongText | None = Field(default=None, description="Details; null removes them.")
    owner_id: uuid.UUID = keep_if_absent("Hand the task to another user (coordinators).")
    due_on: SaneDate = keep_if_absent("The day it is due.")
    status: TaskStatus = keep_if_absent("`done` or `cancelled` ends it, `open` reopens it.")

    model_config = with_examples({"status": "done"}, {"due_on": "2026-03-19"})


class TaskOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    title: str = Field(description="What is to be done.")
    description: str | None = Field(description="Details.")
    kind: TaskKind = Field(description="`task`, or `case_follow_up` for a case's follow-up date.")
    owner_id: uuid.UUID = Field(description="Who does it.")
    owner_name: str = Field(description="The owner's name.")
    due_on: date = Field(description="The day it is due.")
    due_group: DueGroup | None = Field(
        description="Overdue, today, this week or later; null once the task is ended."
    )
    status: TaskStatus = Field(description="`open`, `done` or `cancelled`.")
    done_at: datetime | None = Field(description="When it was marked done.")
    case_id: uuid.UUID | None = Field(description="The case it belongs to.")
    case_reference: str | None = Field(description="The case's reference number.")
    activation_id: uuid.UUID | None = Field(description="The crisis-plan activation.")
    steering_meeting_id: uuid.UUID | None = Field(
        description="The steering-group meeting whose action item it is."
    )
    steering_item_id: uuid.UUID | None = Field(description="That meeting's agenda item.")
    steering_decision_id: uuid.UUID | None = Field(description="The decision it carries out.")
    created_at: datetime = Field(description="When it was created.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "id": "5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d",
            "title": "Wiedervorlage WAK-2026-0007",
            "description": None,
            "kind": "case_follow_up",
            "owner_id": "0c8a7c55-4a5e-4d0c-9d1e-6a0f3c1b2d44",
            "owner_name": "Jana Beispiel",
            "due_on": "2026-03-02",
            "due_group": "this_week",
            "status": "open",
            "done_at": None,
            "case_id": "1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b",
            "case_reference": "WAK-2026-0007",
            "activation_id": None,
            "steering_meeting_id": None,
            "steering_item_id": None,
            "steering_decision_id": None,
            "created_at": "2026-02-20T09:00:00Z",
            "version": 1,
        }
    )


class DueCounts(OutputModel):
    overdue: int = Field(description="Open tasks due before today.")
    today: int = Field(description="Open tasks due today.")
    this_week: int = Field(description="Open tasks due later this week.")
    later: int = Field(description="Open tasks due after this week.")

    model_config = with_examples({"overdue": 2, "today": 1, "this_week": 3, "later": 5})


class TaskSummary(OutputModel):
    mine: DueCounts = Field(description="The caller's own open tasks.")
    municipality_overdue: int | None = Field(
        description="Overdue open tasks of everyone in the municipality (coordinators); "
        "null for others."
    )

    model_config = with_examples(
        {
            "mine": {"overdue": 2, "today": 1, "this_week": 3, "later": 5},
            "municipality_overdue": 7,
        }
    )


class StalledCaseQuery(PageQuery):
    inactive_days: int = Field(
        default=30, ge=1, le=3650, description="Days without any activity; 30 unless told."
    )


class StalledCase(OutputModel):
    id: uuid.UUID = Field(description="The case.")
    reference: str = Field(description="Reference number.")
    title: str = Field(description="Title.")
    status: str = Field(description="Workflow status.")
    last_activity_at: datetime = Field(description="The last change, timeline entry or task.")
    inactive_days: int = Field(description="Whole days since then.")

    model_config = with_examples(
        {
            "id": "1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b",
            "reference": "WAK-2026-0007",
            "title": "Streit um den Bolzplatz",
            "status": "in_progress",
            "last_activity_at": "2026-01-20T10:00:00Z",
            "inactive_days": 41,
        }
    )
