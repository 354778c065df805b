"""Demo regional analysis: the Wartburgkreis has four conflict fields, each linked to
the demo cases of its topic and to their towns, and two versions of its expertise
document (the first adopted by the steering group).

Idempotent: a municipality that has conflict fields already is left alone.
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.cases.models import Case, CaseTopic, CaseTopicRow
from kokoma.core.calendar import local_today
from kokoma.db import utcnow
from kokoma.district_analysis.models import (
    ConflictField,
    ConflictFieldCase,
    RegionalReport,
    Trend,
)
from kokoma.municipalities.models import Municipality
from kokoma.places.models import Place

# (name, topic whose cases it links, trend, actor groups, description, recommendations)
FIELDS = (
    (
        "Energiewende vor Ort",
        CaseTopic.ENERGY_INFRASTRUCTURE,
        Trend.RISING,
        ("civil_society", "politics", "business", "administration"),
        "Windvorranggebiete und Freiflächen-Photovoltaik spalten Dörfer; Sitzungen der "
        "Gemeinderäte werden gestört, Initiativen und Investoren stehen sich gegenüber.",
        "Frühe, moderierte Beteiligung bei jeder Flächenausweisung; Teilhabe der Orte am Ertrag.",
    ),
    (
        "Unterbringung Geflüchteter",
        CaseTopic.MIGRATION_INTEGRATION,
        Trend.STABLE,
        ("civil_society", "administration", "religious_community", "politics"),
        "Standorte von Gemeinschaftsunterkünften werden zum Kristallisationspunkt; "
        "Unterstützerkreise und Protestgruppen treffen aufeinander.",
        "Informationsabende vor Standortentscheidungen; Ehrenamt stärken, Gerüchten früh begegnen.",
    ),
    (
        "Rechtsextreme Raumnahme",
        CaseTopic.RIGHT_WING_EXTREMISM,
        Trend.RISING,
        ("civil_society", "police", "associations", "counselling_services"),
        "Rechtsextreme Akteure suchen Anschluss an Vereine und Feste und schüchtern "
        "Engagierte ein.",
        "Mobile Beratung einbinden; Vereine und Veranstalter schulen; klare Haltung der Spitze.",
    ),
    (
        "Vertrauen in die Kommunalpolitik",
        CaseTopic.LOCAL_POLITICS,
        Trend.FALLING,
        ("politics", "administration", "media"),
        "Ehrenamtliche Mandatsträger:innen erleben Anfeindungen; Ratsarbeit wird blockiert.",
        "Schutz- und Unterstützungsangebote für Mandatsträger:innen; transparente Verfahren.",
    ),
)


async def load_district_analysis(session: AsyncSession) -> None:
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None:
        return
    if await session.scalar(
        select(ConflictField.id).where(ConflictField.municipality_id == municipality.id).limit(1)
    ):
        return
    rows = (
        await session.execute(
            select(CaseTopicRow.topic, Case.id, Place.parent_id, Place.id)
            .join(Case, Case.id == CaseTopicRow.case_id)
            .outerjoin(Place, Place.id == Case.place_id)
            .where(Case.municipality_id == municipality.id)
        )
    ).all()
    fields = []
    for name, topic, trend, groups, description, recommendations in FIELDS:
        mine = [r for r in rows if r[0] == topic]
        towns = dict.fromkeys(str(parent or place) for _, _, parent, place in mine if place)
        field = ConflictField(
            id=uuid.uuid4(),
            municipality_id=municipality.id,
            name=name,
            description=description,
            trend=trend,
            place_ids=list(towns)[:8],
            actor_groups=list(groups),
            recommendations=recommendations,
        )
        session.add(field)
        session.add_all(ConflictFieldCase(field_id=field.id, case_id=r[1]) for r in mine)
        fields.append(field)
    today = local_today()
    base = {
        "title": "Regionale Konfliktanalyse Wartburgkreis",
        "method": "Leitfadengestützte Interviews mit Schlüsselpersonen, zwei Fokusgruppen "
        "und die Auswertung der anonymisierten Fallakten der Konfliktmanager:innen.",
        "sources": "Fallakten und Konfliktanalysen, Protokolle der Steuerungsgruppe, "
        "Berichte der Mobilen Beratung.",
        "groups_interviewed": "Bürgermeister:innen, Ortsteilräte, Vereine, Kirchengemeinden, "
        "Polizei, Jugendarbeit",
        "findings": [
            {
                "field_id": str(f.id),
                "heading": "Befund",
                "text": f.description,
            }
            for f in fields
        ],
        "recommendations": "Konfliktmanagement in jeder Verwaltungsgemeinschaft verankern; "
        "Beteiligungsformate früh anbieten; Mandatsträger:innen schützen.",
    }
    versions = (
        (150, 18, today - timedelta(days=140)),
        (20, 26, None),
    )
    for number, (days_ago, interviews, adopted) in enumerate(versions, 1):
        session.add(
            RegionalReport(
                id=uuid.uuid4(),
                municipality_id=municipality.id,
                number=number,
                content={
                    **base,
                    "interviews": interviews,
                    "adopted_on": adopted.isoformat() if adopted else None,
                },
                saved_at=utcnow() - timedelta(days=days_ago),
                author_name="Thomas Berger",
            )
        )
    await session.flush()
