from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import Field

from kokoma.core.schemas import InputModel, OutputModel, PageQuery, with_examples
from kokoma.mail.models import Delivery, MailKind, MailStatus


class MailListQuery(PageQuery):
    status: MailStatus | None = Field(default=None, description="Only messages in this status.")


class MailMessageOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    to_address: str = Field(description="Recipient.")
    kind: MailKind = Field(description="What the message is about.")
    language: str = Field(description="`de` or `en`.")
    subject: str = Field(description="Subject line (no case contents).")
    status: MailStatus = Field(
        description="`pending`, `unsent` (no SMTP server configured), `in_digest`, "
        "`digested`, `sent` or `failed`."
    )
    attempt_count: int = Field(description="Delivery attempts so far.")
    next_attempt_at: datetime | None = Field(description="When the next attempt is due.")
    sent_at: datetime | None = Field(description="When the server accepted it.")
    created_at: datetime = Field(description="When the change that caused it was made.")
    has_calendar: bool = Field(description="Carries an iCalendar invitation or cancellation.")
    attachment_name: str | None = Field(
        description="The file name of a PDF it carries; its content is not shown."
    )

    model_config = with_examples(
        {
            "id": "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
            "to_address": "a.schulze@wartburgkreis.example",
            "kind": "case_assigned",
            "language": "de",
            "subject": "KoKoMa: Ihnen wurde der Fall WAK-2026-0007 zugewiesen",
            "status": "sent",
            "attempt_count": 1,
            "next_attempt_at": None,
            "sent_at": "2026-03-02T09:00:05Z",
            "created_at": "2026-03-02T09:00:00Z",
            "has_calendar": False,
            "attachment_name": None,
        }
    )


class MailAttemptOut(OutputModel):
    number: int = Field(description="1 for the first attempt.")
    attempted_at: datetime = Field(description="When.")
    error: str | None = Field(description="Why it failed; null when the server accepted it.")
    duration_ms: int = Field(description="How long the SMTP conversation took.")

    model_config = with_examples(
        {
            "number": 1,
            "attempted_at": "2026-03-02T09:00:05Z",
            "error": None,
            "duration_ms": 240,
        }
    )


class MailMessageDetail(MailMessageOut):
    text: str = Field(description="The plain-text body as sent.")
    html: str = Field(description="The HTML body as sent.")
    calendar: str | None = Field(description="The iCalendar attachment.")
    attempts: list[MailAttemptOut] = Field(description="The delivery log.")

    model_config = with_examples(
        {
            **{
                "id": "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6",
                "to_address": "a.schulze@wartburgkreis.example",
                "kind": "case_assigned",
                "language": "de",
                "subject": "KoKoMa: Ihnen wurde der Fall WAK-2026-0007 zugewiesen",
                "status": "sent",
                "attempt_count": 1,
                "next_attempt_at": None,
                "sent_at": "2026-03-02T09:00:05Z",
                "created_at": "2026-03-02T09:00:00Z",
                "has_calendar": False,
                "attachment_name": None,
            },
            "text": "Guten Tag Anna Schulze, …",
            "html": "<!DOCTYPE html>…",
            "calendar": None,
            "attempts": [
                {
                    "number": 1,
                    "attempted_at": "2026-03-02T09:00:05Z",
                    "error": None,
                    "duration_ms": 240,
                }
            ],
        }
    )


class MailStatusOut(OutputModel):
    smtp_configured: bool = Field(description="An SMTP server is configured.")
    smtp_host: str | None = Field(description="Its host (no credentials).")
    waiting: int = Field(description="Messages due for delivery.")
    unsent: int = Field(description="Messages kept because no server is configured.")
    failed: int = Field(description="Messages whose every attempt failed.")

    model_config = with_examples(
        {"smtp_configured": False, "smtp_host": None, "waiting": 0, "unsent": 4, "failed": 0}
    )


class PreferencesOut(OutputModel):
    language: Literal["de", "en"] = Field(description="Language of one's e-mails.")
    deliveries: dict[str, Delivery] = Field(
        description="Per kind: `immediately`, `digest` or `off`. Security messages "
        "(account locked, password changed) are always sent."
    )
    version: int = Field(description="Current version; the ETag is this number in quotes.")

    model_config = with_examples(
        {
            "language": "de",
            "deliveries": {
                "case_assigned": "immediately",
                "task_assigned": "digest",
                "tasks_due": "digest",
                "meeting_invitation": "immediately",
                "crisis_activation": "immediately",
            },
            "version": 1,
        }
    )


class PreferencesUpdate(InputModel):
    language: Literal["de", "en"] = Field(default="de", description="Language of one's e-mails.")
    deliveries: dict[MailKind, Delivery] = Field(
        default_factory=dict, description="Per kind: `immediately`, `digest` or `off`."
    )

    model_config = with_examples(
        {
            "language": "de",
            "deliveries": {"task_assigned": "digest", "case_assigned": "immediately"},
        }
    )
