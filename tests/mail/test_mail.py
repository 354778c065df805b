"""E-mail: written to the outbox with the change that causes it, delivered by the worker
to a real SMTP server, retried with backoff when the server refuses, sent exactly once
by two workers, collected into a daily digest as the user chose, held readable for
administrators when no server is configured; subjects carry no case contents."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import or_, select, update

from kokoma.core.calendar import local_today
from kokoma.db import utcnow
from kokoma.mail import jobs
from kokoma.mail.models import MailAttempt, MailKind, MailMessage, MailStatus
from kokoma.mail.notify import notify
from kokoma.mail.smtp import SmtpUrlError, parse_smtp_url
from kokoma.mail.worker import deliver_once
from kokoma.settings import Settings
from tests.mail.smtp_server import smtp_server
from tests.support import etag, make_case

TASKS = "/api/v1/tasks"
MAIL = "/api/v1/mail"


def mail_settings(settings: Settings, url: str, **more: Any) -> Settings:
    return settings.model_copy(
        update={"smtp_url": url, "smtp_from": "KoKoMa <kokoma@kokoma.test>", **more}
    )


async def messages_to(db: Any, user_id: uuid.UUID) -> list[MailMessage]:
    async with db() as session:
        return list(
            await session.scalars(
                select(MailMessage)
                .where(MailMessage.user_id == user_id)
                .order_by(MailMessage.created_at)
            )
        )


async def set_aside_others(db: Any, user_ids: set[uuid.UUID]) -> None:
    """Other tests' waiting messages are set aside, so a round delivers only the test's."""
    async with db() as session:
        await session.execute(
            update(MailMessage)
            .where(
                MailMessage.status == MailStatus.PENDING,
                # Messages to people without an account (user_id NULL) are others' too.
                or_(MailMessage.user_id.is_(None), MailMessage.user_id.not_in(user_ids)),
            )
            .values(status=MailStatus.UNSENT)
        )
        await session.commit()


async def deliver_all(db: Any, settings: Settings, user_ids: set[uuid.UUID]) -> None:
    """Deliver only the test's own messages."""
    await set_aside_others(db, user_ids)
    while (await deliver_once(db, settings)).busy:
        pass


async def test_assignments_are_mailed_without_case_contents(client, tenants, db, settings) -> None:
    t = await tenants.make()
    manager = t.user("conflict_manager")
    case = await make_case(client, t, role="coordinator", assignee_ids=[str(manager.id)])
    task = await client.post(
        TASKS,
        json={
            "title": "Gespräch mit Familie Yılmaz",
            "due_on": "2026-03-12",
            "owner_id": str(manager.id),
        },
        headers=t.headers("coordinator"),
    )
    assert task.status_code == 201, task.text
    # Own tasks and one's own assignments are not mailed.
    await client.post(
        TASKS, json={"title": "x", "due_on": "2026-03-12"}, headers=t.headers("conflict_manager")
    )

    with smtp_server() as (inbox, url):
        await deliver_all(db, mail_settings(settings, url), {manager.id})
    assert len(inbox.received) == 2
    assert all(r == [manager.email] for r in inbox.recipients)
    subjects = sorted(m["Subject"] for m in inbox.received)
    assert (
        subjects[0].startswith("KoKoMa: Ihnen wurde der Fall") and case["reference"] in subjects[0]
    )
    assert subjects[1] == "KoKoMa: Neue Aufgabe, fällig am 12.03.2026"
    for message in inbox.received:
        text = message.get_body(("plain",)).get_content()
        html = message.get_body(("html",)).get_content()
        for secret in ("Windpark", "Bürgerinitiative", "Yılmaz", case["title"]):
            assert secret not in message["Subject"] and secret not in text and secret not in html
        assert "https://kokoma.test/" in text
    case_mail = next(m for m in inbox.received if case["reference"] in m["Subject"])
    assert (
        f"https://kokoma.test/cases/{case['id']}" in case_mail.get_body(("plain",)).get_content()
    )
    sent = await messages_to(db, manager.id)
    assert {m.status for m in sent} == {MailStatus.SENT}


async def test_retries_with_backoff_when_the_server_refuses(tenants, db, settings) -> None:
    t = await tenants.make()
    user = t.user("trainer")
    async with db() as session:
        await notify(session, user_id=user.id, kind=MailKind.PASSWORD_CHANGED)
        await session.commit()
    with smtp_server() as (inbox, url):
        configured = mail_settings(settings, url, mail_retry_base_seconds=60, mail_max_attempts=3)
        inbox.refuse = 1
        await deliver_all(db, configured, {user.id})
        [message] = await messages_to(db, user.id)
        assert message.status is MailStatus.PENDING and message.attempt_count == 1
        wait = message.next_attempt_at.replace(tzinfo=message.next_attempt_at.tzinfo or UTC)
        assert timedelta(seconds=50) < wait - utcnow() <= timedelta(seconds=60)
        assert inbox.received == []
        # Once the wait is over the next round sends it.
        async with db() as session:
            await session.execute(
                update(MailMessage)
                .where(MailMessage.id == message.id)
                .values(next_attempt_at=utcnow() - timedelta(seconds=1))
            )
            await session.commit()
        await deliver_all(db, configured, {user.id})
    [message] = await messages_to(db, user.id)
    assert message.status is MailStatus.SENT and message.attempt_count == 2
    assert [m["Subject"] for m in inbox.received] == ["KoKoMa: Ihr Passwort wurde geändert"]
    async with db() as session:
        attempts = list(
            await session.scalars(
                select(MailAttempt)
                .where(MailAttempt.message_id == message.id)
                .order_by(MailAttempt.number)
            )
        )
    assert [a.number for a in attempts] == [1, 2]
    assert "451" in (attempts[0].error or "") and attempts[1].error is None


async def test_gives_up_after_the_last_attempt(tenants, db, settings) -> None:
    t = await tenants.make()
    user = t.user("trainer")
    async with db() as session:
        await notify(session, user_id=user.id, kind=MailKind.PASSWORD_CHANGED)
        await session.commit()
    with smtp_server() as (inbox, url):
        inbox.refuse = 5
        configured = mail_settings(settings, url, mail_retry_base_seconds=0, mail_max_attempts=2)
        await deliver_all(db, configured, {user.id})
    [message] = await messages_to(db, user.id)
    assert message.status is MailStatus.FAILED and message.attempt_count == 2


async def test_two_workers_send_each_message_exactly_once(tenants, db, settings) -> None:
    t = await tenants.make()
    users = [t.user(role) for role in ("trainer", "conflict_manager", "steering_group")]
    async with db() as session:
        for user in users:
            for _ in range(4):
                await notify(session, user_id=user.id, kind=MailKind.PASSWORD_CHANGED)
        await session.commit()
    ids = {u.id for u in users}
    with smtp_server() as (inbox, url):
        configured = mail_settings(settings, url, mail_batch_size=3)
        await set_aside_others(db, ids)

        async def worker() -> None:
            while (await deliver_once(db, configured)).busy:
                pass

        await asyncio.gather(worker(), worker())
    assert len(inbox.received) == 12
    ids_sent = [m["Message-ID"] for m in inbox.received]
    assert len(set(ids_sent)) == 12
    for user in users:
        assert {m.attempt_count for m in await messages_to(db, user.id)} == {1}


async def test_without_smtp_messages_stay_unsent_and_admins_read_them(
    client, tenants, db, settings
) -> None:
    t = await tenants.make()
    locked = t.user("trainer")
    account = await client.get(f"/api/v1/users/{locked.id}", headers=t.headers("admin"))
    done = await client.patch(
        f"/api/v1/users/{locked.id}",
        json={"is_active": False},
        headers={**t.headers("admin"), **etag(account.json())},
    )
    assert done.status_code == 200, done.text
    await deliver_all(db, settings.model_copy(update={"smtp_url": ""}), {locked.id})
    [message] = await messages_to(db, locked.id)
    assert message.status is MailStatus.UNSENT  # nothing pretends to have been sent
    assert message.kind is MailKind.ACCOUNT_LOCKED

    listed = await client.get(f"{MAIL}/messages", headers=t.headers("admin"))
    assert listed.status_code == 200, listed.text
    assert [m["id"] for m in listed.json()["items"]] == [str(message.id)]
    detail = await client.get(f"{MAIL}/messages/{message.id}", headers=t.headers("admin"))
    assert detail.json()["subject"] == "KoKoMa: Ihr Zugang wurde gesperrt"
    assert "gesperrt" in detail.json()["text"] and detail.json()["attempts"] == []
    status = await client.get(f"{MAIL}/status", headers=t.headers("admin"))
    assert status.json()["smtp_configured"] is False and status.json()["unsent"] == 1
    for role in ("coordinator", "conflict_manager"):
        refused = await client.get(f"{MAIL}/messages", headers=t.headers(role))
        assert refused.status_code == 403


async def test_preferences_digest_and_off(client, tenants, db, settings) -> None:
    t = await tenants.make()
    manager = t.user("conflict_manager")
    prefs = await client.get(f"{MAIL}/preferences", headers=t.headers("conflict_manager"))
    assert prefs.json()["deliveries"]["task_assigned"] == "immediately"
    no_security = await client.put(
        f"{MAIL}/preferences",
        json={"deliveries": {"password_changed": "off"}},
        headers=t.headers("conflict_manager"),
    )
    assert no_security.status_code == 422
    chosen = await client.put(
        f"{MAIL}/preferences",
        json={
            "language": "en",
            "deliveries": {
                "task_assigned": "digest",
                "case_assigned": "off",
                "tasks_due": "digest",
            },
        },
        headers=t.headers("conflict_manager"),
    )
    assert chosen.status_code == 200, chosen.text
    stale = await client.put(
        f"{MAIL}/preferences",
        json={"deliveries": {}},
        headers={**t.headers("conflict_manager"), "If-Match": '"7"'},
    )
    assert stale.status_code == 412

    await make_case(client, t, role="coordinator", assignee_ids=[str(manager.id)])
    for due in (local_today() - timedelta(days=2), local_today() + timedelta(days=1)):
        made = await client.post(
            TASKS,
            json={"title": "Vorbereiten", "due_on": due.isoformat(), "owner_id": str(manager.id)},
            headers=t.headers("coordinator"),
        )
        assert made.status_code == 201
    waiting = await messages_to(db, manager.id)
    assert [m.kind for m in waiting] == [MailKind.TASK_ASSIGNED, MailKind.TASK_ASSIGNED]
    assert {m.status for m in waiting} == {MailStatus.IN_DIGEST}

    # The daily job: the reminder of due tasks joins the digest, which goes out once.
    seven = datetime.combine(local_today(), datetime.min.time()).replace(hour=8)
    moment = seven.replace(tzinfo=UTC) + timedelta(days=3650)  # a day no other test used
    first = await jobs.run_due_jobs(db, settings, now=moment)
    again = await jobs.run_due_jobs(db, settings, now=moment)
    assert first == ["daily_mail"] and again == []
    with smtp_server() as (inbox, url):
        await deliver_all(db, mail_settings(settings, url), {manager.id})
    [digest] = inbox.received
    assert digest["Subject"].startswith("KoKoMa: your summary of")
    text = digest.get_body(("plain",)).get_content()
    assert text.count("KoKoMa: new task, due") == 2
    assert "overdue tasks" in text
    statuses = {m.kind: m.status for m in await messages_to(db, manager.id)}
    assert statuses[MailKind.DIGEST] is MailStatus.SENT
    assert statuses[MailKind.TASK_ASSIGNED] is MailStatus.DIGESTED


async def test_the_invitation_carries_its_calendar(tenants, db, settings) -> None:
    t = await tenants.make()
    user = t.user("steering_group")
    ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:x@kokoma\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    async with db() as session:
        await notify(
            session,
            user_id=user.id,
            kind=MailKind.MEETING_INVITATION,
            params={"day": "12.03.2026"},
            link_path="/",
            calendar=ics,
        )
        await session.commit()
    with smtp_server() as (inbox, url):
        await deliver_all(db, mail_settings(settings, url), {user.id})
    [message] = inbox.received
    [attachment] = [p for p in message.iter_attachments()]
    assert attachment.get_content_type() == "text/calendar"
    assert "BEGIN:VEVENT" in attachment.get_content()


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("smtp://", "host"),
        ("http://mail.example", "smtp://"),
        ("smtps://:465", "host"),
    ],
)
def test_an_smtp_url_without_a_host_is_refused(url: str, problem: str) -> None:
    with pytest.raises(SmtpUrlError, match=problem):
        parse_smtp_url(url)
    assert any(problem in line for line in Settings(smtp_url=url).problems())


def test_smtp_url_schemes() -> None:
    assert parse_smtp_url("smtp://mail.example").port == 587
    assert parse_smtp_url("smtps://mail.example").security == "tls"
    assert parse_smtp_url("smtp://u:p@mail.example:2525").username == "u"


def test_jobs_run_once_from_the_command_line(settings, capsys) -> None:
    from kokoma.cli import main

    assert main(["jobs", "run-once"]) == 0
    out = capsys.readouterr().out
    assert "Jobs run:" in out and "E-mails sent: 0" in out
