"""The demo series: five modules, ten participants, certificates for who completed; once."""

from __future__ import annotations

import io

from pypdf import PdfReader
from sqlalchemy import func, select

from kokoma.demo.loader import load_demo_data
from kokoma.demo.trainings import TITLE
from kokoma.municipalities.models import Municipality
from kokoma.trainings.certificates.models import Certificate
from kokoma.trainings.certificates.pdf import render
from kokoma.trainings.models import (
    Attendance,
    TrainingParticipant,
    TrainingSeries,
    TrainingSession,
)


async def _counts(session) -> tuple[int, ...]:
    return tuple(
        [
            await session.scalar(select(func.count()).select_from(model))
            for model in (
                TrainingSeries,
                TrainingSession,
                TrainingParticipant,
                Attendance,
                Certificate,
            )
        ]
    )


async def test_demo_series_is_complete_and_loaded_once(db, settings, client) -> None:
    async with db() as session:
        await load_demo_data(session, settings)
        first = await _counts(session)
        await load_demo_data(session, settings)
    async with db() as session:
        assert await _counts(session) == first
        # Other tests create series from the API example, which bears the same title.
        series = await session.scalar(
            select(TrainingSeries)
            .join(Municipality, Municipality.id == TrainingSeries.municipality_id)
            .where(TrainingSeries.title == TITLE, Municipality.slug == "wak")
        )
        participants = list(
            await session.scalars(
                select(TrainingParticipant).where(TrainingParticipant.series_id == series.id)
            )
        )
        certificates = list(
            await session.scalars(select(Certificate).where(Certificate.series_id == series.id))
        )
        places = set(
            await session.scalars(
                select(TrainingSession.place).where(TrainingSession.series_id == series.id)
            )
        )

    assert len(participants) == 10
    completed = {p.full_name for p in participants if p.completed_on}
    by_name = {p.full_name: p for p in participants}
    # Late counts as there; all in-person modules without the online deepening do not complete.
    assert "Claudia Hoffmann" in completed
    assert (
        by_name["Michael Kühn"].in_person_attended,
        by_name["Michael Kühn"].online_attended,
    ) == (5, 0)
    assert "Michael Kühn" not in completed
    assert len(completed) == 7
    assert {c.participant_name for c in certificates} == completed
    assert {c.number[-4:] for c in certificates} == {f"{n:04d}" for n in range(1, 8)}
    assert all(c.number.startswith("KOKOMA-WAK-2026-") for c in certificates)
    assert {"Eisenach", "Bad Salzungen", "Erfurt"} <= {p.split(",")[0] for p in places if p}
    assert sum(1 for p in participants if p.user_id) == 2

    # A demo certificate verifies and prints with its umlauts.
    stefan = next(c for c in certificates if c.participant_name == "Stefan Rößler")
    verified = await client.get(f"/api/v1/certificates/verify/{stefan.verification_code}")
    assert verified.json()["participant_name"] == "Stefan Rößler"
    pdf = render(stefan, "https://kokoma.example/zertifikat/pruefen/")
    text = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Stefan Rößler" in text
    assert "Kommunales Konfliktmanagement - Qualifizierungsreihe 2026" in text
