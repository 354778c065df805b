"""Demo analyses: several demo cases carry a full analysis with saved versions."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select

from kokoma.access.tokens import issue_access_token
from kokoma.auth.models import AuthSession
from kokoma.cases.analysis.models import CaseAnalysis, CaseAnalysisVersion
from kokoma.demo.loader import load_demo_data
from kokoma.municipalities.models import Municipality
from kokoma.users.models import User
from tests.support import CASES


async def _headers(db, settings, email: str) -> dict[str, str]:
    async with db() as session:
        user = await session.scalar(select(User).where(User.email == email))
        auth_session = AuthSession(id=uuid.uuid4(), user_id=user.id)
        session.add(auth_session)
        await session.commit()
    token, _ = issue_access_token(
        settings,
        subject_id=user.id,
        municipality_id=user.municipality_id,
        kind="user",
        role=user.role.value,
        session_id=auth_session.id,
    )
    return {"Authorization": f"Bearer {token}"}


async def test_demo_cases_have_analyses_with_versions_loaded_once(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        demo = select(Municipality.id).where(Municipality.slug.in_(("wak", "uh")))
        analyses = list(
            await session.scalars(
                select(CaseAnalysis).where(CaseAnalysis.municipality_id.in_(demo))
            )
        )
        versions = await session.scalar(
            select(func.count()).where(CaseAnalysisVersion.municipality_id.in_(demo))
        )
    assert len(analyses) >= 3
    assert versions >= 2 * len(analyses)

    headers = await _headers(db, settings, "koordination@wartburgkreis.example")
    seen = 0
    for analysis in analyses:
        url = f"{CASES}/{analysis.case_id}/analysis"
        response = await client.get(url, headers=headers)
        if response.status_code == 404:  # the other demo municipality
            continue
        seen += 1
        content = response.json()["content"]
        assert len(content["actors"]) >= 3 and content["assessments"]
        case = (await client.get(f"{CASES}/{analysis.case_id}", headers=headers)).json()
        assert case["escalation_level"] == max(a["stage"] for a in content["assessments"])
        listed = (await client.get(f"{url}/versions", headers=headers)).json()["items"]
        assert len(listed) >= 2
        comparison = await client.get(
            f"{url}/compare", params={"from": 1, "to": listed[-1]["number"]}, headers=headers
        )
        assert any(c["field"] == "stage" for c in comparison.json()["changes"])
    assert seen >= 3
