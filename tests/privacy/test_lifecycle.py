"""Retention per municipality: closed cases lose their free text after the municipality's
period unless held, a dry run changes nothing, an apply run is idempotent and resumes,
former staff are pseudonymised, and periods below the documented minimum are refused."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from kokoma.attachments.models import Attachment
from kokoma.cases.models import Case, CaseStatus, CaseTimelineEntry
from kokoma.privacy import lifecycle, retention
from kokoma.privacy.models import LegalHold
from kokoma.users.models import User
from tests.attachments.helpers import PDF, stored_files, upload
from tests.privacy.helpers import PRIVACY
from tests.support import etag, insert_case


def _ago(days: int) -> datetime:
    return datetime.now(UTC) - timedelta(days=days)


async def _closed(db, tenant, days_ago: int, case: Case | None = None) -> Case:
    case = case or await insert_case(db, tenant)
    async with db() as session:
        row = await session.get_one(Case, case.id)
        row.status = CaseStatus.CLOSED
        row.closed_at = _ago(days_ago)
        row.summary = "Frau Beispiel sagte im Gespräch …"
        row.refresh_search_text()
        await session.commit()
    return case


async def test_policy_is_set_with_if_match_and_bounded(client, tenants) -> None:
    t = await tenants.make()
    headers = t.headers("coordinator")
    current = await client.get(f"{PRIVACY}/retention-policy", headers=headers)
    assert current.json() == {
        "closed_case_years": 3,
        "unlinked_contact_years": 3,
        "audit_log_years": 2,
        "version": 0,
    }
    body = {"closed_case_years": 5, "unlinked_contact_years": 2, "audit_log_years": 3}
    assert (
        await client.put(f"{PRIVACY}/retention-policy", json=body, headers=headers)
    ).status_code == 428
    short = await client.put(
        f"{PRIVACY}/retention-policy",
        json={**body, "closed_case_years": 0},
        headers={**headers, **etag(current.json())},
    )
    assert short.status_code == 422
    # Below the documented minimum of one year for the audit log: refused, in German.
    for years, message in ((0, "mindestens 1"), (11, "höchstens 10")):
        bounded = await client.put(
            f"{PRIVACY}/retention-policy",
            json={**body, "audit_log_years": years},
            headers={**headers, **etag(current.json()), "Accept-Language": "de"},
        )
        assert bounded.status_code == 422, years
        [error] = bounded.json()["errors"]
        assert error["field"] == "body.audit_log_years"
        assert message in error["message"]
    changed = await client.put(
        f"{PRIVACY}/retention-policy", json=body, headers={**headers, **etag(current.json())}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["closed_case_years"] == 5
    assert changed.json()["audit_log_years"] == 3
    stale = await client.put(
        f"{PRIVACY}/retention-policy", json=body, headers={**headers, **etag(current.json())}
    )
    assert stale.status_code == 412
    for role in ("conflict_manager", "steering_group", "admin"):
        denied = await client.get(f"{PRIVACY}/retention-policy", headers=t.headers(role))
        assert denied.status_code == 403, role


async def test_dry_run_changes_nothing_and_apply_is_idempotent(client, db, tenants, settings):
    t = await tenants.make()
    due = await _closed(db, t, 3 * 365 + 10)
    soon = await _closed(db, t, 3 * 365 - 10)
    held = await _closed(db, t, 3 * 365 + 10)
    fresh = await _closed(db, t, 30)
    async with db() as session:
        session.add(LegalHold(municipality_id=t.id, case_id=held.id, reason="Verfahren"))
        await session.commit()

    upcoming = await client.get(f"{PRIVACY}/upcoming", headers=t.headers("coordinator"))
    assert {c["id"] for c in upcoming.json()["cases"]} == {str(due.id), str(soon.id)}

    async with db() as session:
        before = await retention.due_counts(session, settings)
        assert before["closed_cases"] >= 1
        after = await retention.due_counts(session, settings)
        assert after == before
        row = await session.get_one(Case, due.id)
        assert row.anonymised_at is None

    async with db() as session:
        first = await retention.apply(session, settings)
        assert first["closed_cases"] >= 1
        again = await retention.apply(session, settings)
        assert again["closed_cases"] == 0

    async with db() as session:
        rows = {
            c.id: c
            for c in await session.scalars(
                select(Case)
                .where(Case.id.in_([due.id, soon.id, held.id, fresh.id]))
                .execution_options(populate_existing=True)
            )
        }
    assert rows[due.id].anonymised_at is not None
    assert rows[due.id].summary == ""
    assert rows[due.id].title == rows[due.id].reference
    for kept in (soon.id, held.id, fresh.id):
        assert rows[kept].anonymised_at is None
        assert rows[kept].summary.startswith("Frau Beispiel")


async def test_interrupted_run_resumes(client, db, tenants, settings):
    t = await tenants.make()
    cases = [await _closed(db, t, 4 * 365) for _ in range(3)]
    async with db() as session:
        await retention.apply(session, settings, batch_size=1, max_batches=1)
    async with db() as session:
        await retention.apply(session, settings, batch_size=1)
        done = await session.scalars(
            select(Case.anonymised_at)
            .where(Case.id.in_([c.id for c in cases]))
            .execution_options(populate_existing=True)
        )
        assert all(done.all())


async def test_former_staff_are_pseudonymised_in_timelines(client, db, tenants, settings):
    t = await tenants.make()
    case = await insert_case(db, t)
    user = t.user("conflict_manager")
    async with db() as session:
        row = await session.get_one(User, user.id)
        row.is_active = False
        session.add(
            CaseTimelineEntry(
                case_id=case.id,
                change="status",
                to_value="clarifying",
                actor_id=user.id,
                actor_name=row.full_name,
            )
        )
        await session.flush()
        row.updated_at = _ago(settings.retention_former_user_days + 1)
        await session.commit()
    async with db() as session:
        await lifecycle.apply(session, settings, 100, None)
    async with db() as session:
        row = await session.get_one(User, user.id, populate_existing=True)
        assert row.full_name == "ehemalige:r Mitarbeiter:in 1"
        names = await session.scalars(
            select(CaseTimelineEntry.actor_name).where(CaseTimelineEntry.actor_id == user.id)
        )
        assert names.all() == ["ehemalige:r Mitarbeiter:in 1"]
    assert uuid.UUID(str(row.id)) == user.id


async def test_a_case_past_its_period_loses_its_files(client, db, tenants, settings):
    t = await tenants.make()
    case = await insert_case(db, t)
    kept = await insert_case(db, t)
    before = stored_files(settings)
    for record in (case, kept):
        sent = await client.post(
            f"/api/v1/cases/{record.id}/attachments",
            headers=t.headers("coordinator"),
            files=upload("Brief von Frau Beispiel.pdf", PDF),
        )
        assert sent.status_code == 201, sent.text
    files = stored_files(settings) - before
    assert len(files) == 2
    await _closed(db, t, 3 * 365 + 10, case)
    await _closed(db, t, 30, kept)

    async with db() as session:
        await retention.apply(session, settings)

    async with db() as session:
        owners = set(
            await session.scalars(
                select(Attachment.owner_id).where(Attachment.owner_id.in_([case.id, kept.id]))
            )
        )
    assert owners == {kept.id}
    assert len(stored_files(settings) & files) == 1
