"""Reports of barriers: anyone may send one without signing in; it is stored, and the
coordinators of the named municipality (the administrators when none is named) get an
e-mail that does not quote it."""

from __future__ import annotations

import uuid

from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.mail.models import MailMessage
from tests.privacy.helpers import PRIVACY

FEEDBACK = "/api/v1/accessibility/feedback"


async def _mails(db, *user_ids: uuid.UUID) -> list[MailMessage]:
    async with db() as session:
        rows = await session.scalars(
            select(MailMessage).where(
                MailMessage.kind == "barrier_reported", MailMessage.user_id.in_(user_ids)
            )
        )
        return list(rows)


async def test_a_report_is_stored_and_its_coordinators_are_told(client, db, tenants) -> None:
    t = await tenants.make()
    second = await tenants.add_user(t, Role.COORDINATOR)
    other = await tenants.make()
    secret = f"Kontrast der Karte {uuid.uuid4().hex[:6]}"
    sent = await client.post(
        FEEDBACK,
        json={"message": secret, "page": "/karte", "municipality": t.slug, "email": None},
    )
    assert sent.status_code == 202, sent.text

    coordinators = [t.accounts[Role.COORDINATOR].user.id, second.user.id]
    mails = await _mails(db, *coordinators)
    assert sorted(m.user_id for m in mails) == sorted(coordinators)
    for mail in mails:
        assert mail.subject == "KoKoMa: Neue Meldung zur Barrierefreiheit"
        assert mail.link_path == "/privacy/feedback"
        assert secret not in f"{mail.subject} {mail.params}"
    others = [other.accounts[r].user.id for r in (Role.COORDINATOR, Role.CONFLICT_MANAGER)]
    assert await _mails(db, *others, t.accounts[Role.CONFLICT_MANAGER].user.id) == []

    listed = await client.get(
        f"{PRIVACY}/accessibility-feedback", headers=t.headers("coordinator")
    )
    assert secret in [f["message"] for f in listed.json()["items"]]
    elsewhere = await client.get(
        f"{PRIVACY}/accessibility-feedback", headers=other.headers("coordinator")
    )
    assert secret not in [f["message"] for f in elsewhere.json()["items"]]
    for role in ("conflict_manager", "steering_group"):
        denied = await client.get(f"{PRIVACY}/accessibility-feedback", headers=t.headers(role))
        assert denied.status_code == 403, role


async def test_a_report_naming_no_municipality_goes_to_the_administrators(
    client, db, tenants
) -> None:
    t = await tenants.make()
    sent = await client.post(FEEDBACK, json={"message": "Der Knopf ist zu klein."})
    assert sent.status_code == 202, sent.text
    admin = t.accounts[Role.ADMIN].user.id
    assert [m.user_id for m in await _mails(db, admin)] == [admin]
    assert await _mails(db, t.accounts[Role.COORDINATOR].user.id) == []


async def test_an_unknown_municipality_is_refused_in_german(client) -> None:
    sent = await client.post(
        FEEDBACK,
        json={"message": "Der Knopf ist zu klein.", "municipality": "gibtsnicht"},
        headers={"Accept-Language": "de"},
    )
    assert sent.status_code == 422
    assert sent.json()["errors"][0]["field"] == "body.municipality"
