"""Peer sessions: a moderator schedules a session of the group (invitations with a
calendar entry), the group chooses a presentation, the moderator leads through the six
phases, members write into the current phase by the rules of the method, everyone
polls with ETags, the case giver takes up ideas and takes the result home; scheduling
and closing reach every municipality involved as counts only."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from kokoma.consultations.models import Consultation
from kokoma.events.models import DomainEvent
from kokoma.mail.models import MailMessage
from tests.peer.support import (
    GROUPS,
    SESSIONS,
    Network,
    accept_agreement,
    join,
    make_network,
    shared_presentation,
)
from tests.support import etag

START = (datetime.now(UTC) + timedelta(days=7)).replace(microsecond=0).isoformat()


async def _schedule(client, db, network: Network, **fields: Any) -> tuple[dict, dict]:
    """A session moderated by the home conflict manager, the neighbour's presentation offered."""
    presentation = await shared_presentation(client, db, network, author=network.neighbour)
    body = {
        "group_id": network.group["id"],
        "starts_at": START,
        "candidate_ids": [presentation["id"]],
        **fields,
    }
    response = await client.post(
        SESSIONS, json=body, headers=network.home.headers("conflict_manager")
    )
    assert response.status_code == 201, response.text
    return response.json(), presentation


async def _advance(client, network: Network, item: dict) -> dict:
    response = await client.post(
        f"{SESSIONS}/{item['id']}/phase-advance",
        headers={**network.home.headers("conflict_manager"), **etag(item)},
    )
    assert response.status_code == 200, response.text
    return response.json()


async def _write(client, item: dict, headers: dict, phase: str, kind: str, text: str = "Text"):
    return await client.post(
        f"{SESSIONS}/{item['id']}/contributions",
        json={"phase": phase, "kind": kind, "text": text},
        headers=headers,
    )


async def test_a_session_runs_through_six_phases_and_goes_home(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    moderator = network.home.headers("conflict_manager")
    giver = network.neighbour.headers("conflict_manager")
    adviser = network.third.headers("coordinator")
    item, presentation = await _schedule(client, db, network)
    assert item["status"] == "planned" and item["phase"] is None
    assert {p["role"] for p in item["people"]} == {"moderator", "adviser"}
    assert item["video_link"] == network.group["video_link"]

    # Every participant is invited with a calendar entry that names no case.
    async with db() as session:
        mails = list(await session.scalars(select(MailMessage)))
    invited = [m for m in mails if m.calendar and f"peer-session-{item['id']}" in m.calendar]
    assert len(invited) == 3
    assert all(presentation["title"] not in m.calendar + m.subject for m in invited)
    assert all(
        "METHOD:REQUEST" in m.calendar and "Kollegiale Fallberatung" in m.calendar for m in invited
    )
    assert {m.link_path for m in invited} == {f"/peer/sessions/{item['id']}"}

    # Polling: an unchanged session answers 304 without a body.
    first = await client.get(f"{SESSIONS}/{item['id']}", headers=adviser)
    assert first.status_code == 200 and first.headers["ETag"] == f'"{item["version"]}"'
    unchanged = await client.get(
        f"{SESSIONS}/{item['id']}", headers={**adviser, "If-None-Match": first.headers["ETag"]}
    )
    assert unchanged.status_code == 304 and unchanged.content == b""

    chosen = await client.patch(
        f"{SESSIONS}/{item['id']}",
        json={"presentation_id": presentation["id"]},
        headers={**moderator, **etag(item)},
    )
    assert chosen.status_code == 200, chosen.text
    item = chosen.json()
    roles = {p["user_id"]: p["role"] for p in item["people"]}
    assert roles[str(network.neighbour.user("conflict_manager").id)] == "case_giver"

    item = await _advance(client, network, item)
    assert (item["status"], item["phase"], item["phase_number"]) == ("running", "roles", 1)
    assert (await _write(client, item, adviser, "roles", "question")).status_code == 422
    changed = await client.get(
        f"{SESSIONS}/{item['id']}", headers={**adviser, "If-None-Match": first.headers["ETag"]}
    )
    assert changed.status_code == 200 and changed.json()["phase"] == "roles"

    item = await _advance(client, network, item)
    assert item["phase"] == "case" and item["timebox_minutes"] == 10
    asked = await _write(client, item, adviser, "case", "question", "Seit wann?")
    assert asked.status_code == 201, asked.text
    listed = await client.get(f"{SESSIONS}/{item['id']}/contributions", headers=giver)
    tag = listed.headers["ETag"]
    assert [c["text"] for c in listed.json()] == ["Seit wann?"]
    again = await client.get(
        f"{SESSIONS}/{item['id']}/contributions", headers={**giver, "If-None-Match": tag}
    )
    assert again.status_code == 304

    item = await _advance(client, network, item)
    assert (await _write(client, item, adviser, "key_question", "key_question")).status_code == 422
    assert (await _write(client, item, giver, "key_question", "key_question")).status_code == 201

    item = await _advance(client, network, item)
    assert (
        await _write(client, item, adviser, "method", "method", "Hypothesen")
    ).status_code == 201

    item = await _advance(client, network, item)
    silent = await _write(client, item, giver, "consultation", "idea")
    assert silent.status_code == 422
    assert silent.json()["errors"][0]["type"] == "case_giver_silent"
    idea = await _write(client, item, adviser, "consultation", "idea", "Runder Tisch")
    assert idea.status_code == 201
    assert (await _write(client, item, moderator, "consultation", "hypothesis")).status_code == 201
    newer = await client.get(
        f"{SESSIONS}/{item['id']}/contributions", headers={**giver, "If-None-Match": tag}
    )
    assert newer.status_code == 200 and len(newer.json()) == 5

    item = await _advance(client, network, item)
    assert item["phase"] == "closing"
    late = await _write(client, item, adviser, "consultation", "idea")
    assert late.status_code == 422 and late.json()["errors"][0]["type"] == "phase_closed"
    not_giver = await client.post(
        f"{SESSIONS}/{item['id']}/taken-up-ideas",
        json={"idea_ids": [idea.json()["id"]]},
        headers={**adviser, **etag(item)},
    )
    assert not_giver.status_code == 403
    taken = await client.post(
        f"{SESSIONS}/{item['id']}/taken-up-ideas",
        json={"idea_ids": [idea.json()["id"]]},
        headers={**giver, **etag(item)},
    )
    assert taken.status_code == 200, taken.text
    item = taken.json()

    item = await _advance(client, network, item)
    assert item["status"] == "closed" and item["closed_at"]
    assert (await _write(client, item, adviser, "closing", "resonance")).status_code == 422
    # The group's moderator role passed on to the next member.
    group = (await client.get(f"{GROUPS}/{network.group['id']}", headers=moderator)).json()
    moderators = [m["user_id"] for m in group["members"] if m["role"] == "moderator"]
    assert moderators == [str(network.neighbour.user("conflict_manager").id)]

    # Scheduling and closing reach each municipality, as counts only.
    async with db() as session:
        events = list(
            await session.scalars(
                select(DomainEvent).where(DomainEvent.event_type.startswith("peer_session."))
            )
        )
    published = {(e.event_type, e.municipality_id) for e in events if "participants" in e.data}
    for tenant in network.members:
        assert ("peer_session.scheduled", tenant.id) in published
        assert ("peer_session.closed", tenant.id) in published
    assert all("Runder" not in str(e.data) for e in events)

    # Only the case giver takes the result home, once, into their own case.
    foreign = await client.post(
        f"{SESSIONS}/{item['id']}/take-home", json={}, headers={**moderator, **etag(item)}
    )
    assert foreign.status_code == 403
    home = await client.post(
        f"{SESSIONS}/{item['id']}/take-home", json={}, headers={**giver, **etag(item)}
    )
    assert home.status_code == 201, home.text
    consultation = home.json()
    assert consultation["kind"] == "peer_consultation"
    async with db() as session:
        stored = await session.get(Consultation, uuid.UUID(consultation["id"]))
        assert stored.municipality_id == network.neighbour.id
        assert stored.next_steps == "Runder Tisch"
    seen = (await client.get(f"{SESSIONS}/{item['id']}", headers=giver)).json()
    assert seen["home_consultation_id"] == consultation["id"]
    by_adviser = (await client.get(f"{SESSIONS}/{item['id']}", headers=adviser)).json()
    assert by_adviser["home_consultation_id"] is None
    twice = await client.post(
        f"{SESSIONS}/{item['id']}/take-home", json={}, headers={**giver, **etag(seen)}
    )
    assert twice.status_code == 409
    await _counted(client, network, item)


async def _counted(client, network: Network, item: dict) -> None:
    """The held session counts in the statistics and the annual report of each
    municipality involved: exact for coordinators, protected for the steering group."""
    year = item["starts_at"][:4]
    period = {"from": f"{year}-01-01", "to": f"{year}-12-31"}
    exact = await client.get(
        "/api/v1/statistics/peer-sessions",
        params=period,
        headers=network.neighbour.headers("coordinator"),
    )
    assert exact.status_code == 200, exact.text
    figures = exact.json()
    assert figures["sessions"] == {"value": 1, "suppressed": False}
    assert figures["participants"]["value"] == 1
    assert figures["municipalities"]["value"] == 3
    protected = await client.get(
        "/api/v1/statistics/peer-sessions",
        params=period,
        headers=network.neighbour.headers("steering_group"),
    )
    assert protected.json()["sessions"] == {"value": None, "suppressed": True}
    draft = await client.get(
        f"/api/v1/annual-reports/{year}", headers=network.third.headers("coordinator")
    )
    assert draft.status_code == 200, draft.text
    assert draft.json()["figures"]["peer_sessions"]["value"] == 1
    assert draft.json()["figures"]["peer_session_participants"]["value"] == 1


async def test_only_members_who_accepted_reach_a_session(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    item, _ = await _schedule(client, db, network)
    paths = [f"{SESSIONS}/{item['id']}", f"{SESSIONS}/{item['id']}/contributions"]
    # Non-members of any municipality, the group's own included: 404 as if it did not
    # exist; administrators set groups up but see no sessions.
    for headers in (
        network.outsider.headers("conflict_manager"),
        network.home.headers("coordinator"),
    ):
        for path in paths:
            assert (await client.get(path, headers=headers)).status_code == 404, path
        listed = await client.get(
            SESSIONS, params={"group_id": network.group["id"]}, headers=headers
        )
        assert listed.status_code == 404
    assert (await client.get(paths[0], headers=network.home.headers("admin"))).status_code == 403
    listed = await client.get(
        SESSIONS,
        params={"group_id": network.group["id"]},
        headers=network.third.headers("coordinator"),
    )
    assert [s["id"] for s in listed.json()["items"]] == [item["id"]]

    # A new member takes part only after accepting the agreement.
    newcomer = await tenants.make()
    moderator = network.home.headers("conflict_manager")
    network.group = await join(
        client, network.group["id"], moderator, newcomer, "conflict_manager"
    )
    waiting = await client.get(paths[0], headers=newcomer.headers("conflict_manager"))
    assert waiting.status_code == 403
    await accept_agreement(client, network, newcomer.headers("conflict_manager"))
    joined = await client.get(paths[0], headers=newcomer.headers("conflict_manager"))
    assert joined.status_code == 200


async def test_bad_session_input_is_refused(client, tenants, db) -> None:
    network = await make_network(client, tenants)
    moderator = network.home.headers("conflict_manager")
    outsider_id = str(network.outsider.user("conflict_manager").id)
    base = {"group_id": network.group["id"], "starts_at": START}
    stranger = await client.post(
        SESSIONS,
        json={**base, "roles": [{"user_id": outsider_id, "role": "observer"}]},
        headers=moderator,
    )
    assert stranger.status_code == 422
    assert stranger.json()["errors"][0]["field"] == "body.roles.0.user_id"
    unknown = await client.post(
        SESSIONS, json={**base, "candidate_ids": [str(uuid.uuid4())]}, headers=moderator
    )
    assert unknown.status_code == 422
    not_moderator = await client.post(
        SESSIONS, json=base, headers=network.neighbour.headers("conflict_manager")
    )
    assert not_moderator.status_code == 403
    foreign_group = await client.post(
        SESSIONS, json=base, headers=network.outsider.headers("conflict_manager")
    )
    assert foreign_group.status_code == 422

    item, presentation = await _schedule(
        client,
        db,
        network,
        roles=[{"user_id": str(network.third.user("coordinator").id), "role": "observer"}],
    )
    # Only the moderator advances, and only with the current version.
    third = network.third.headers("coordinator")
    refused = await client.post(
        f"{SESSIONS}/{item['id']}/phase-advance", headers={**third, **etag(item)}
    )
    assert refused.status_code == 403
    missing = await client.post(f"{SESSIONS}/{item['id']}/phase-advance", headers=moderator)
    assert missing.status_code == 428
    item = await _advance(client, network, item)
    stale = await client.post(
        f"{SESSIONS}/{item['id']}/phase-advance",
        headers={**moderator, "If-Match": f'"{item["version"] - 1}"'},
    )
    assert stale.status_code == 412
    # The case is told only once a presentation is chosen.
    unchosen = await client.post(
        f"{SESSIONS}/{item['id']}/phase-advance", headers={**moderator, **etag(item)}
    )
    assert unchosen.status_code == 409
    chosen = await client.patch(
        f"{SESSIONS}/{item['id']}",
        json={"presentation_id": presentation["id"]},
        headers={**moderator, **etag(item)},
    )
    item = await _advance(client, network, chosen.json())
    # Observers listen.
    observed = await _write(client, item, third, "case", "question")
    assert observed.status_code == 422
    assert observed.json()["errors"][0]["type"] == "observer"
    # Roles are settled once the case is told.
    late = await client.patch(
        f"{SESSIONS}/{item['id']}", json={"roles": []}, headers={**moderator, **etag(item)}
    )
    assert late.status_code == 409
