"""Whose address counts, and limits on failed sign-ins: issue 12, points 1, 6 (audit) and 10."""

from __future__ import annotations

import re
import uuid
from datetime import timedelta
from pathlib import Path

import yaml
from sqlalchemy import select

from kokoma.access.permissions import Role
from kokoma.audit.models import AuditEvent
from kokoma.db import utcnow
from tests.support import PASSWORD, app_client

TOKEN = "/api/v1/auth/token"
ROOT = Path(__file__).resolve().parents[2]
PROXY = "10.0.0.2"


async def _fail(http, email: str, forwarded: str | None = None):  # type: ignore[no-untyped-def]
    headers = {"X-Forwarded-For": forwarded} if forwarded else {}
    return await http.post(
        TOKEN, data={"username": email, "password": "Falsch-Falsch-1"}, headers=headers
    )


async def _failures(db, label: str) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    async with db() as session:
        stmt = select(AuditEvent).where(
            AuditEvent.action == "auth.login_failed", AuditEvent.actor_label == label
        )
        return list(await session.scalars(stmt))


async def test_forwarded_addresses_count_only_from_the_configured_proxy(
    settings, tenants, db
) -> None:
    t = await tenants.make((Role.CONFLICT_MANAGER,))
    email = t.user("conflict_manager").email
    # Straight from a client: its X-Forwarded-For is its own invention.
    async with app_client(settings, peer="203.0.113.9", trusted_proxies=PROXY) as direct:
        answers = [(await _fail(direct, email, f"198.51.100.{i}")).status_code for i in range(6)]
    assert answers == [401] * 5 + [429]
    assert {e.ip_address for e in await _failures(db, email)} == {"203.0.113.9"}


async def test_the_proxy_passes_the_real_address_and_odd_headers_do_no_harm(
    settings, tenants, db
) -> None:
    t = await tenants.make((Role.CONFLICT_MANAGER,))
    email = t.user("conflict_manager").email
    async with app_client(settings, peer=PROXY, trusted_proxies=f"{PROXY}/32") as proxied:
        real = await _fail(proxied, email, "192.0.2.44")
        too_long = await _fail(proxied, email, "2001:db8::1" + "0" * 50)
        garbage = await _fail(proxied, email, "nicht-eine-adresse, 192.0.2.45")
    assert (real.status_code, too_long.status_code, garbage.status_code) == (401, 401, 401)
    recorded = sorted(e.ip_address or "" for e in await _failures(db, email))
    # An entry that is no address ends the walk at the last trusted hop.
    assert recorded == sorted(["192.0.2.44", PROXY, "192.0.2.45"])


async def test_changing_addresses_still_meet_the_per_account_limit(
    settings, tenants, client
) -> None:
    t = await tenants.make((Role.CONFLICT_MANAGER, Role.COORDINATOR))
    user = t.user("conflict_manager")
    async with app_client(settings, peer=PROXY, trusted_proxies=PROXY) as proxied:
        answers = [
            (await _fail(proxied, user.email, f"198.51.100.{i}")).status_code for i in range(11)
        ]
        waiting = await proxied.post(
            TOKEN,
            data={"username": user.email, "password": PASSWORD},
            headers={"X-Forwarded-For": "192.0.2.200"},
        )
        assert answers == [401] * 10 + [429]
        assert waiting.status_code == 429
        assert 1 <= int(waiting.headers["retry-after"]) <= settings.login_account_max_delay_seconds

        # The coordinator sees the wait and lifts it; the user signs in at once.
        url = f"/api/v1/users/{user.id}/sign-in-delay"
        seen = await client.get(url, headers=t.headers("coordinator"))
        assert seen.status_code == 200
        assert seen.json()["failures"] == 10 and seen.json()["waits_until"] is not None
        lifted = await client.delete(url, headers=t.headers("coordinator"))
        assert lifted.json() == {"failures": 0, "waits_until": None}
        again = await proxied.post(
            TOKEN,
            data={"username": user.email, "password": PASSWORD},
            headers={"X-Forwarded-For": "192.0.2.200"},
        )
        assert again.status_code == 200
    other = await tenants.make((Role.COORDINATOR,))
    assert (await client.get(url, headers=other.headers("coordinator"))).status_code == 404


async def test_deliberate_failures_delay_a_real_user_by_the_cap_at_most(
    settings, tenants, db, client
) -> None:
    t = await tenants.make((Role.CONFLICT_MANAGER,))
    email = t.user("conflict_manager").email
    async with db() as session:
        session.add_all(
            AuditEvent(
                action="auth.login_failed",
                outcome="failure",
                actor_label=email,
                ip_address=f"198.51.100.{i}",
                occurred_at=utcnow() - timedelta(seconds=5),
            )
            for i in range(40)
        )
        await session.commit()
    waiting = await client.post(TOKEN, data={"username": email, "password": PASSWORD})
    assert waiting.status_code == 429
    cap = settings.login_account_max_delay_seconds
    assert cap - 10 <= int(waiting.headers["retry-after"]) <= cap
    # Refused while waiting: not checked, not counted, so the wait does not grow.
    assert len(await _failures(db, email)) == 40


async def test_a_password_typed_as_the_user_name_stays_out_of_the_audit_log(client, db) -> None:
    secret = f"Mein-Geheimes-Passwort-{uuid.uuid4().hex[:6]}"
    assert (
        await client.post(TOKEN, data={"username": secret, "password": "x"})
    ).status_code == 401
    async with db() as session:
        events = list(
            await session.scalars(
                select(AuditEvent).where(AuditEvent.action == "auth.login_failed")
            )
        )
    assert events
    assert not [e for e in events if secret.lower() in f"{e.actor_label} {e.details}".lower()]


def test_the_deployment_trusts_forwarded_headers_from_nginx_only() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    text = (ROOT / "docker-compose.yml").read_text()
    assert "FORWARDED_ALLOW_IPS" not in text
    backend_env = compose["services"]["backend"]["environment"]
    nginx_address = compose["services"]["frontend"]["networks"]["default"]["ipv4_address"]
    assert backend_env["KOKOMA_TRUSTED_PROXIES"] == nginx_address
    assert "*" not in backend_env["KOKOMA_TRUSTED_PROXIES"]
    nginx = (ROOT / "docker" / "nginx.conf").read_text()
    assert re.search(r"proxy_set_header\s+X-Forwarded-For\s+\$remote_addr;", nginx)
    assert "$proxy_add_x_forwarded_for" not in nginx
