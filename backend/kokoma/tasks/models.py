"""Tasks: a piece of work with an owner and a due date, on its own or belonging to a
case (its follow-up date, *Wiedervorlage*), a crisis-plan activation or a decision."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from kokoma.core.models import IdMixin, TenantMixin, TimestampMixin, VersionedMixin, code_column
from kokoma.db import Base


class TaskStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


class TaskKind(StrEnum):
    TASK = "task"
    # The one open task that follows a case's follow-up date; moved with it.
    CASE_FOLLOW_UP = "case_follow_up"


class Task(IdMixin, TenantMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "tasks"
    __table_args__ = (
        # "My tasks": a user's open tasks by due date.
        Index("ix_tasks_owner_status_due", "owner_id", "status", "due_on"),
        Index("ix_tasks_municipality_status_due", "municipality_id", "status", "due_on"),
    )

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    kind: Mapped[TaskKind] = mapped_column(code_column(TaskKind, 20), default=TaskKind.TASK)
    owner_id: Mapped[uuid.UUID] = mapped_column(Uuid, ForeignKey("users.id", ondelete="CASCADE"))
    due_on: Mapped[date]
    status: Mapped[TaskStatus] = mapped_column(
        code_column(TaskStatus, 20), default=TaskStatus.OPEN
    )
    done_at: Mapped[datetime | None]
    created_by_id: Mapped[uuid.UUID | None] = mapped_column(Uuid)
    case_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("cases.id", ondelete="CASCADE"), index=True
    )
    # A task that an activation of a crisis plan calls for.
    activation_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("crisis_plan_activations.id", ondelete="CASCADE"), index=True
    )
    # An action item of a steering-group meeting: the agenda item it was agreed under
    # and, if it follows from one, the decision.
    steering_item_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("steering_agenda_items.id", ondelete="CASCADE"), index=True
    )
    steering_decision_id: Mapped[uuid.UUID | None] = mapped_column(
        Uuid, ForeignKey("steering_decisions.id", ondelete="SET NULL"), index=True
    )
