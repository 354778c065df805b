"""The analysis as a PDF: map, course, dimensions, recommendations; labels instead of
names unless asked for, the choice audited; the same readers as the analysis."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import select

from kokoma.audit.models import AuditEvent
from tests.case_analysis.helpers import analysis_url, put_analysis, sample
from tests.support import insert_case, make_case, make_contact


def _text(response) -> str:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)


async def test_pdf_with_labels_unless_names_are_asked_for(client, tenants, db) -> None:
    tenant = await tenants.make()
    case = await make_case(client, tenant)
    contact = await make_contact(client, tenant)
    body = sample()
    body["actors"][1]["contact_id"] = contact["id"]
    body["actors"][0]["spokesperson"] = "Erika Mustermann"
    written = await put_analysis(client, tenant, case, body)
    assert written.status_code == 200
    saved = await client.post(
        f"{analysis_url(case)}/versions",
        json={"note": "Erste Fassung"},
        headers={**tenant.headers("conflict_manager"), "If-Match": '"1"'},
    )
    assert saved.status_code == 201

    headers = tenant.headers("conflict_manager")
    text = _text(await client.get(f"{analysis_url(case)}/export", headers=headers))
    assert f"Konfliktanalyse {case['reference']}" in text
    for part in ("Konfliktlandkarte", "Verlauf der Eskalation", "Streitpunkte", "Empfehlungen"):
        assert part in text
    assert "Moderierte Bürgerversammlung." in text
    assert "Bürgerinitiative - Gemeinderat" in text and "Stufe 4" in text
    assert contact["name"] not in text and "Erika Mustermann" not in text

    named = _text(
        await client.get(
            f"{analysis_url(case)}/export", params={"include_names": "true"}, headers=headers
        )
    )
    assert contact["name"] in named and "Erika Mustermann" in named

    async with db() as session:
        choices = list(
            await session.scalars(
                select(AuditEvent.details).where(
                    AuditEvent.action == "case.analysis_export",
                    AuditEvent.resource_id == case["id"],
                )
            )
        )
    assert sorted(c["include_names"] for c in choices) == [False, True]


async def test_same_readers_as_the_analysis(client, tenants) -> None:
    tenant = await tenants.make()
    other = await tenants.make()
    restricted = await insert_case(
        tenants.sessionmaker, tenant, restricted=True, assignees=(tenant.user("coordinator").id,)
    )
    case = {"id": str((await insert_case(tenants.sessionmaker, tenant)).id)}
    assert (await put_analysis(client, tenant, case, sample())).status_code == 200
    url = f"{analysis_url(case)}/export"
    assert (await client.get(url, headers=tenant.headers("steering_group"))).status_code == 403
    assert (await client.get(url, headers=other.headers("coordinator"))).status_code == 404
    hidden = f"/api/v1/cases/{restricted.id}/analysis/export"
    assert (
        await client.get(hidden, headers=tenant.headers("conflict_manager"))
    ).status_code == 404
    empty = {"id": str((await insert_case(tenants.sessionmaker, tenant)).id)}
    missing = await client.get(
        f"{analysis_url(empty)}/export", headers=tenant.headers("coordinator")
    )
    assert missing.status_code == 404
