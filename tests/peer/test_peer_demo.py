"""Demo peer consultation: a group across three demo municipalities whose members read
its shared presentations through the API; loading twice adds nothing."""

from __future__ import annotations

from sqlalchemy import func, select

from kokoma.demo.loader import DEMO_PASSWORD, load_demo_data
from kokoma.demo.peer import GROUP_NAME, INVITED
from kokoma.peer.models import CasePresentation, PeerGroup
from tests.peer.support import GROUPS, INVITATIONS, PRESENTATIONS, SESSIONS


async def _sign_in(client, email: str) -> dict[str, str]:
    response = await client.post(
        "/api/v1/auth/token", data={"username": email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_the_demo_group_spans_three_municipalities(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        count = await session.scalar(select(func.count()).select_from(CasePresentation))
        await load_demo_data(session, settings)
    async with db() as session:
        named = select(func.count()).where(PeerGroup.name == GROUP_NAME)
        assert await session.scalar(named) == 1
        assert await session.scalar(select(func.count()).select_from(CasePresentation)) == count

    headers = await _sign_in(client, "konfliktmanagement@unstrut-hainich.example")
    [group] = [
        g for g in (await client.get(GROUPS, headers=headers)).json() if g["name"] == GROUP_NAME
    ]
    assert group["municipality_count"] == 3
    detail = (await client.get(f"{GROUPS}/{group['id']}", headers=headers)).json()
    towns = {m["municipality_name"] for m in detail["members"]}
    assert towns == {"Wartburgkreis", "Unstrut-Hainich-Kreis", "Kyffhäuserkreis"}
    shared = await client.get(PRESENTATIONS, params={"group_id": group["id"]}, headers=headers)
    items = shared.json()["items"]
    assert len(items) >= 2
    assert all(p["case_id"] is None for p in items if not p["is_mine"])
    # The check of every demo presentation is confirmed for its texts.
    assert all(p["check_confirmed"] for p in items)


async def test_the_demo_has_one_pending_invitation(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    invited = await _sign_in(client, INVITED)
    [invitation] = (await client.get(INVITATIONS, headers=invited)).json()
    assert invitation["group_name"] == GROUP_NAME
    moderator = await _sign_in(client, "konfliktmanagement@wartburgkreis.example")
    listed = await client.get(f"{GROUPS}/{invitation['group_id']}/invitations", headers=moderator)
    assert [i["email"] for i in listed.json()] == [INVITED]


async def test_the_demo_group_held_one_session_and_plans_another(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    headers = await _sign_in(client, "konfliktmanagement@unstrut-hainich.example")
    [group] = [
        g for g in (await client.get(GROUPS, headers=headers)).json() if g["name"] == GROUP_NAME
    ]
    listed = await client.get(SESSIONS, params={"group_id": group["id"]}, headers=headers)
    planned, held = listed.json()["items"]
    assert (planned["status"], held["status"]) == ("planned", "closed")
    assert len(planned["candidates"]) == 2 and planned["presentation_id"] is None
    assert held["my_role"] == "case_giver" and held["phase"] == "closing"
    contributions = await client.get(f"{SESSIONS}/{held['id']}/contributions", headers=headers)
    written = contributions.json()
    assert {c["phase"] for c in written} == {
        "case",
        "key_question",
        "method",
        "consultation",
        "closing",
    }
    assert sum(c["taken_up"] for c in written) == 2
    moderator = await _sign_in(client, "konfliktmanagement@wartburgkreis.example")
    seen = await client.get(f"{SESSIONS}/{planned['id']}", headers=moderator)
    assert seen.json()["my_role"] == "moderator"
