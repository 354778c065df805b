"""Demo attachments: loaded once, and downloadable as the demo conflict manager."""

from __future__ import annotations

from sqlalchemy import select

from kokoma.attachments.models import Attachment
from kokoma.demo.loader import load_demo_data
from kokoma.municipalities.models import Municipality


async def test_demo_files_are_loaded_once_and_can_be_downloaded(client, db, settings) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        await load_demo_data(session, settings)
    async with db() as session:
        wak = select(Municipality.id).where(Municipality.slug == "wak").scalar_subquery()
        rows = list(
            await session.scalars(select(Attachment).where(Attachment.municipality_id == wak))
        )
    assert len(rows) == 3
    assert {a.owner_type for a in rows} == {"case", "consultation"}

    token = await client.post(
        "/api/v1/auth/token",
        data={
            "username": "konfliktmanagement@wartburgkreis.example",
            "password": "KoKoMa-Demo-2026",
        },
    )
    headers = {"Authorization": f"Bearer {token.json()['access_token']}"}
    letter = next(a for a in rows if a.media_type == "application/pdf")
    download = await client.get(
        f"/api/v1/cases/{letter.owner_id}/attachments/{letter.id}/content", headers=headers
    )
    assert download.status_code == 200
    assert download.content.startswith(b"%PDF-")
    assert len(download.content) == letter.size_bytes
