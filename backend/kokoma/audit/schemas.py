from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from pydantic import Field

from kokoma.core.schemas import OutputModel, PageQuery, SaneDateTime, Text, with_examples


class AuditEventOut(OutputModel):
    id: int = Field(description="Sequence number; higher is newer.")
    occurred_at: datetime = Field(description="When it happened (UTC).")
    action: str = Field(description="What happened, e.g. `case.update` or `auth.login_failed`.")
    outcome: str = Field(description="`success` or `failure`.")
    actor_kind: str | None = Field(
        description="`user`, `client`, or null for the command line and unknown accounts."
    )
    actor_id: uuid.UUID | None = Field(description="The user or API client.")
    actor_label: str | None = Field(
        description="E-mail or client name as given, also for failed sign-ins."
    )
    municipality_id: uuid.UUID | None = Field(description="The municipality concerned.")
    resource_type: str | None = Field(description="Kind of record, e.g. `case`.")
    resource_id: str | None = Field(description="The record's id.")
    ip_address: str | None = Field(description="Client address.")
    request_id: str | None = Field(description="Matches the X-Request-ID of the request.")
    details: dict[str, Any] | None = Field(
        description="Changed field names and similar; never content or passwords. "
        "`training.attendance.update` lists each participant whose attendance changed in "
        "`changes` (`participant_id`, `from`, `to`; null where there was or is no entry)."
    )
    actor_name: str | None = Field(
        default=None, description="The acting user's or API client's name as it is now."
    )
    resource_label: str | None = Field(
        default=None,
        description="A name of the record for the reader: a case's reference (with its "
        "title where the reader may see the case), a user's or municipality's name; null "
        "where the record is gone or the reader may not know more.",
    )
    resource_visible: bool = Field(
        default=False, description="Whether the reader may open the record (the UI links it)."
    )
    participant_names: dict[str, str] | None = Field(
        default=None,
        description="Names of the participants in `details.changes`, by id, where the "
        "reader may see the training series.",
    )

    model_config = with_examples(
        {
            "id": 42,
            "occurred_at": "2026-03-02T10:15:00Z",
            "action": "case.update",
            "outcome": "success",
            "actor_kind": "user",
            "actor_id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "actor_label": "konfliktmanagement@wartburgkreis.example",
            "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
            "resource_type": "case",
            "resource_id": "0b7d4c0e-5c39-4f0e-9a55-6f1a7c3f4e21",
            "ip_address": "10.0.0.7",
            "request_id": "3f2a9c1e8b7d4e6f",
            "details": {"fields": ["status"]},
            "actor_name": "Anna Schulze",
            "resource_label": "WAK-2026-0042",
            "resource_visible": False,
            "participant_names": None,
        }
    )


class AuditLogQuery(PageQuery):
    """Filters combine with AND."""

    action: Text(60) | None = Field(default=None, description="Prefix, e.g. `auth.`")
    actor: Text(254) | None = Field(default=None, description="Who acted (e-mail or client name).")
    municipality_id: uuid.UUID | None = None
    resource_id: Text(64) | None = None
    since: SaneDateTime | None = None
    until: SaneDateTime | None = None
