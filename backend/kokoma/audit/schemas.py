from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from kokoma.core.schemas import OutputModel


class AuditEventOut(OutputModel):
    id: int
    occurred_at: datetime
    action: str
    outcome: str
    actor_kind: str | None
    actor_id: uuid.UUID | None
    actor_label: str | None
    municipality_id: uuid.UUID | None
    resource_type: str | None
    resource_id: str | None
    ip_address: str | None
    request_id: str | None
    details: dict[str, Any] | None

    model_config = {
        "json_schema_extra": {
            "examples": [
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
                }
            ]
        }
    }
