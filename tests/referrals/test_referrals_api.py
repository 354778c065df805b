"""Referrals as one record: to a network contact (or a body named in words), with reason,
consent, status workflow, follow-up and answer; read by the case, its timeline, the
contact's page and the statistics."""

from __future__ import annotations

from datetime import datetime, timedelta

from kokoma.contacts.models import ActorGroup, ContactKind
from kokoma.core.calendar import LOCAL_TIME
from tests.cases.helpers import change, fresh, make_referral
from tests.support import CASES, etag, insert_contact, make_case

REFERRALS = "/api/v1/referrals"
TODAY = datetime.now(LOCAL_TIME).date()


async def test_a_referral_to_a_network_contact_is_read_everywhere(client, db, tenants) -> None:
    t = await tenants.make()
    mobit = await insert_contact(db, t, "Mobile Beratung in Thüringen")
    case = await change(client, t, await make_case(client, t), "clarifying")
    referral = await make_referral(
        client,
        t,
        case,
        contact_id=str(mobit),
        handed_over="Chronologie der Vorfälle",
        personal_data=True,
        consent_on=str(TODAY),
        follow_up_date="2099-01-01",
    )
    assert referral["receiver_name"] == "Mobile Beratung in Thüringen"
    assert (referral["status"], referral["allowed_statuses"]) == (
        "proposed",
        ["agreed", "declined"],
    )
    assert referral["case"]["reference"] == case["reference"]

    detail = await fresh(client, t, case)
    assert [(r["id"], r["status"]) for r in detail["referrals"]] == [(referral["id"], "proposed")]
    to_contact = await client.get(
        REFERRALS, params={"contact_id": str(mobit)}, headers=t.headers("coordinator")
    )
    assert [r["id"] for r in to_contact.json()["items"]] == [referral["id"]]
    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=t.headers("coordinator"))
    last = timeline.json()["items"][-1]
    assert (last["change"], last["to_value"], last["referral_id"], last["subject"]) == (
        "referral",
        "proposed",
        referral["id"],
        "Mobile Beratung in Thüringen",
    )


async def test_status_workflow_answer_and_versions(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    referral = await make_referral(client, t, case)
    url = f"{REFERRALS}/{referral['id']}"
    headers = t.headers("conflict_manager")
    assert (await client.patch(url, json={"status": "agreed"}, headers=headers)).status_code == 428
    agreed = await client.patch(
        url,
        json={"status": "agreed", "response": "Übernahme zugesagt", "note": "Telefonat"},
        headers={**headers, **etag(referral)},
    )
    assert agreed.status_code == 200, agreed.text
    assert (agreed.json()["status"], agreed.json()["response"]) == ("agreed", "Übernahme zugesagt")
    stale = await client.patch(
        url, json={"status": "completed"}, headers={**headers, **etag(referral)}
    )
    assert stale.status_code == 412
    done = await client.patch(
        url, json={"status": "completed"}, headers={**headers, **etag(agreed.json())}
    )
    assert done.json()["allowed_statuses"] == []
    back = await client.patch(
        url, json={"status": "declined"}, headers={**headers, **etag(done.json())}
    )
    assert back.status_code == 409
    assert back.json()["allowed"] == []
    timeline = await client.get(f"{CASES}/{case['id']}/timeline", headers=headers)
    steps = [
        (e["from_value"], e["to_value"], e["note"])
        for e in timeline.json()["items"]
        if e["change"] == "referral"
    ]
    assert steps == [
        (None, "proposed", None),
        ("proposed", "agreed", "Telefonat"),
        ("agreed", "completed", None),
    ]


async def test_bad_referrals_are_refused_and_change_nothing(client, db, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    foreign = await insert_contact(db, other, "Fremde Beratungsstelle")
    case = await make_case(client, t)
    url = f"{CASES}/{case['id']}/referrals"
    reason = {"reason": "Beratung"}
    cases = {
        "no receiver": (reason, "body.contact_id"),
        "both": ({**reason, "contact_id": str(foreign), "target_name": "X"}, "body.target_name"),
        "foreign contact": ({**reason, "contact_id": str(foreign)}, "body.contact_id"),
        "personal data without consent": (
            {**reason, "target_name": "X", "personal_data": True},
            "body.consent_on",
        ),
        "future": (
            {**reason, "target_name": "X", "referred_on": str(TODAY + timedelta(days=3))},
            "body.referred_on",
        ),
        "no reason": ({"target_name": "X"}, "body.reason"),
        "long name": ({**reason, "target_name": "x" * 201}, "body.target_name"),
    }
    for name, (body, field) in cases.items():
        response = await client.post(url, json=body, headers=t.headers("conflict_manager"))
        assert response.status_code == 422, name
        assert response.json()["errors"][0]["field"] == field, name
    listed = await client.get(url, headers=t.headers("conflict_manager"))
    assert listed.json()["items"] == []


async def test_referrals_are_as_visible_as_their_case(client, db, tenants) -> None:
    t, other = await tenants.make(), await tenants.make()
    receiver = await insert_contact(db, t, "Jugendamt")
    restricted = await make_case(client, t, role="coordinator", visibility="restricted")
    hidden = await make_referral(
        client, t, restricted, role="coordinator", contact_id=str(receiver)
    )
    assert (
        await client.get(f"{REFERRALS}/{hidden['id']}", headers=t.headers("conflict_manager"))
    ).status_code == 404
    assert (
        await client.get(f"{REFERRALS}/{hidden['id']}", headers=other.headers("coordinator"))
    ).status_code == 404
    listed = await client.get(
        REFERRALS, params={"contact_id": str(receiver)}, headers=t.headers("conflict_manager")
    )
    assert listed.json()["items"] == []
    foreign_case = await client.post(
        f"{CASES}/{restricted['id']}/referrals",
        json={"reason": "x", "target_name": "y"},
        headers=other.headers("coordinator"),
    )
    assert foreign_case.status_code == 404


async def test_an_archived_case_keeps_its_referrals_as_they_were(client, tenants) -> None:
    t = await tenants.make()
    case = await make_case(client, t)
    referral = await make_referral(client, t, case)
    case = await change(client, t, await fresh(client, t, case), "closed", outcome="not_in_scope")
    archived = await client.post(
        f"{CASES}/{case['id']}/archive", headers={**t.headers("coordinator"), **etag(case)}
    )
    assert archived.status_code == 200
    changed = await client.patch(
        f"{REFERRALS}/{referral['id']}",
        json={"status": "agreed"},
        headers={**t.headers("coordinator"), **etag(referral)},
    )
    assert changed.status_code == 409
    added = await client.post(
        f"{CASES}/{case['id']}/referrals",
        json={"reason": "x", "target_name": "y"},
        headers=t.headers("coordinator"),
    )
    assert added.status_code == 409


async def test_statistics_count_referrals_by_receiver_and_actor_group(client, db, tenants) -> None:
    t = await tenants.make()
    counselling = await insert_contact(
        db,
        t,
        "Mobile Beratung in Thüringen",
        actor_group=ActorGroup.COUNSELLING_SERVICES,
        kind=ContactKind.ORGANISATION,
    )
    case = await make_case(client, t)
    for _ in range(2):
        await make_referral(client, t, case, contact_id=str(counselling))
    await make_referral(client, t, case, target_name="Bürgerbeauftragter")
    year = {"from": f"{TODAY.year}-01-01", "to": f"{TODAY.year}-12-31"}
    body = (
        await client.get(
            "/api/v1/statistics/referrals", params=year, headers=t.headers("coordinator")
        )
    ).json()
    assert body["total"]["value"] == 3
    targets = {row["label"]: row["count"]["value"] for row in body["by_target_service"]}
    assert targets == {"Mobile Beratung in Thüringen": 2, "Bürgerbeauftragter": 1}
    groups = {row["key"]: row["count"]["value"] for row in body["by_actor_group"]}
    assert (groups["counselling_services"], groups["not_in_network"], groups["police"]) == (
        2,
        1,
        0,
    )
    overview = (
        await client.get(
            "/api/v1/statistics/overview", params=year, headers=t.headers("coordinator")
        )
    ).json()
    assert overview["referrals"]["value"] == 3
