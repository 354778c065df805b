"""The domain-event outbox: domains publish here, webhook delivery reads from here.

Publishing adds a row to the writing transaction (``case.created``,
``case.status_changed``, …); nothing here knows who receives the events.
"""

from __future__ import annotations

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.events.models import DomainEvent


class EventType(StrEnum):
    """The events a webhook can subscribe to."""

    CASE_CREATED = "case.created"
    CASE_UPDATED = "case.updated"
    CASE_STATUS_CHANGED = "case.status_changed"
    CASE_ESCALATION_CHANGED = "case.escalation_changed"
    CASE_ARCHIVED = "case.archived"
    CASE_ANALYSIS_UPDATED = "case.analysis_updated"
    CASE_ANALYSIS_VERSION_SAVED = "case.analysis_version_saved"
    CASE_ATTACHMENT_ADDED = "case.attachment_added"
    CASE_ATTACHMENT_REMOVED = "case.attachment_removed"
    CONSULTATION_CREATED = "consultation.created"
    CONSULTATION_UPDATED = "consultation.updated"
    CONSULTATION_DELETED = "consultation.deleted"
    CONSULTATION_ATTACHMENT_ADDED = "consultation.attachment_added"
    CONSULTATION_ATTACHMENT_REMOVED = "consultation.attachment_removed"
    REFERRAL_CREATED = "referral.created"
    REFERRAL_UPDATED = "referral.updated"
    CONFLICT_FIELD_CREATED = "conflict_field.created"
    CONFLICT_FIELD_UPDATED = "conflict_field.updated"
    CONFLICT_FIELD_DELETED = "conflict_field.deleted"
    REGIONAL_REPORT_SAVED = "regional_report.saved"
    ANNUAL_REPORT_DRAFT_UPDATED = "annual_report.draft_updated"
    ANNUAL_REPORT_GENERATED = "annual_report.generated"
    PLACE_CREATED = "place.created"
    PLACE_UPDATED = "place.updated"
    CONTACT_CREATED = "contact.created"
    CONTACT_UPDATED = "contact.updated"
    CONTACT_DELETED = "contact.deleted"
    CONTACT_RELATION_CREATED = "contact.relation_created"
    CONTACT_RELATION_UPDATED = "contact.relation_updated"
    CONTACT_RELATION_DELETED = "contact.relation_deleted"
    TRAINING_CREATED = "training.created"
    TRAINING_UPDATED = "training.updated"
    TRAINING_DELETED = "training.deleted"
    TRAINING_PARTICIPANT_ADDED = "training.participant_added"
    TRAINING_PARTICIPANT_UPDATED = "training.participant_updated"
    TRAINING_PARTICIPANT_REMOVED = "training.participant_removed"
    TRAINING_ATTENDANCE_RECORDED = "training.attendance_recorded"
    CERTIFICATE_ISSUED = "certificate.issued"
    CERTIFICATE_REVOKED = "certificate.revoked"
    CRISIS_PLAN_ADOPTED = "crisis_plan.adopted"
    CRISIS_PLAN_ACTIVATED = "crisis_plan.activated"
    # A real draft copied from an exercise plan of a training series.
    CRISIS_PLAN_COPIED = "crisis_plan.copied"
    # A person was erased (GDPR Art. 17): receivers erase their copies too.
    CONTACT_ANONYMISED = "contact.anonymised"
    TASK_CREATED = "task.created"
    TASK_UPDATED = "task.updated"
    STEERING_MEETING_SCHEDULED = "steering_meeting.scheduled"
    # Title, time, place, agenda, minutes, attendance or a decision changed.
    STEERING_MEETING_UPDATED = "steering_meeting.updated"
    STEERING_MEETING_DELETED = "steering_meeting.deleted"
    STEERING_MEETING_INVITATIONS_SENT = "steering_meeting.invitations_sent"
    STEERING_MEETING_CANCELLED = "steering_meeting.cancelled"
    STEERING_MEETING_DECISION_RECORDED = "steering_meeting.decision_recorded"
    STEERING_MEETING_ACTION_ITEM_ADDED = "steering_meeting.action_item_added"
    STEERING_MEETING_MINUTES_APPROVED = "steering_meeting.minutes_approved"
    # Peer sessions cross municipalities: every municipality taking part learns of them,
    # with ids, time and counts only.
    PEER_SESSION_SCHEDULED = "peer_session.scheduled"
    PEER_SESSION_CLOSED = "peer_session.closed"


# A subscriber learns about a record only if it may read such records.
_SCOPE_OF_RESOURCE = {
    "case": Permission.CASES_READ,
    "consultation": Permission.CONSULTATIONS_READ,
    "referral": Permission.CASES_READ,
    "place": Permission.CASES_READ,
    "contact": Permission.CONTACTS_READ,
    "training": Permission.TRAININGS_READ,
    "certificate": Permission.TRAININGS_READ,
    "crisis_plan": Permission.CRISIS_PLANS_READ,
    # Erasure requests and legal holds: recorded, never delivered (no client has it).
    "privacy": Permission.PRIVACY_MANAGE,
    "conflict_field": Permission.DISTRICT_ANALYSIS_READ,
    "regional_report": Permission.DISTRICT_ANALYSIS_READ,
    "annual_report": Permission.ANNUAL_REPORTS_READ,
    # Tasks are part of the casework; they carry ids and changed field names only.
    "task": Permission.CASES_READ,
    "steering_meeting": Permission.STEERING_READ,
    # Peer groups and presentations cross municipalities: recorded, never delivered.
    "peer_group": Permission.PEER_PARTICIPATE,
    "case_presentation": Permission.PEER_PARTICIPATE,
    # Scheduled and closed sessions, as counts, for those who read the statistics.
    "peer_session": Permission.STATISTICS_READ,
}

# Never leave the system in a payload, whoever put them into the event.
_CONFIDENTIAL_KEYS = frozenset(
    {"summary", "notes", "confidential_notes", "agreements", "next_steps", "description"}
)


def required_scope(event_type: str) -> Permission:
    """The scope a client needs to receive ``event_type``."""
    return _SCOPE_OF_RESOURCE[event_type.split(".", 1)[0]]


def public_data(data: Any) -> Any:
    """``data`` without confidential fields, at any depth."""
    if isinstance(data, dict):
        return {
            key: public_data(value)
            for key, value in data.items()
            if key not in _CONFIDENTIAL_KEYS and not key.endswith("_notes")
        }
    if isinstance(data, list):
        return [public_data(item) for item in data]
    return data


def publish(
    session: AsyncSession,
    *,
    municipality_id: uuid.UUID,
    event_type: str,
    resource_id: uuid.UUID,
    data: dict[str, Any],
) -> None:
    """Record an event with the current transaction; it is delivered after commit.

    ``data`` carries ids and changed fields only, never confidential notes.
    """
    session.add(
        DomainEvent(
            municipality_id=municipality_id,
            event_type=event_type,
            resource_id=resource_id,
            data=data,
        )
    )
