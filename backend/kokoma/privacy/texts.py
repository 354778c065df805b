"""The texts a municipality keeps for its duties: the record of processing activities
(Art. 30 GDPR) its data-protection officer edits, the public privacy notice, and the
enforcement body named on the accessibility statement.

Until the municipality saves its own version, each text is written for it: the record
and the notice from its actual configuration, the enforcement body as a marked default.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.cases.timeline import actor_name
from kokoma.core.calendar import local_today
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.tenancy import scoped
from kokoma.errors import NotFound
from kokoma.municipalities.models import Municipality
from kokoma.privacy import policy, records
from kokoma.privacy.models import PrivacyText, TextKind
from kokoma.privacy.schemas import (
    PrivacyTextOut,
    PrivacyTextUpdate,
    PublicText,
    PublicTexts,
    PublicTextsMunicipality,
)
from kokoma.settings import Settings

TITLES = {
    TextKind.PROCESSING_RECORD: "Verzeichnis von Verarbeitungstätigkeiten",
    TextKind.PRIVACY_NOTICE: "Datenschutzhinweise",
    TextKind.ENFORCEMENT_BODY: "Durchsetzungsverfahren",
}

# KoKoMa cannot know for certain which state body a municipality answers to (the
# Länder name their own), so the default says so and names the federal conciliation body.
DEFAULT_ENFORCEMENT = (
    "Standardangabe — bitte durch die zuständige Stelle Ihres Landes ersetzen.\n\n"
    "Wenn Sie auf Ihre Rückmeldung keine zufriedenstellende Antwort erhalten, können Sie "
    "sich an die Durchsetzungs- oder Schlichtungsstelle Ihres Landes wenden. Für Angebote "
    "öffentlicher Stellen des Bundes ist zuständig:\n\n"
    "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz (BGG) bei dem "
    "Beauftragten der Bundesregierung für die Belange von Menschen mit Behinderungen\n"
    "Mauerstraße 53, 10117 Berlin\n"
    "www.schlichtungsstelle-bgg.de"
)


@dataclass(frozen=True)
class _Current:
    row: PrivacyText | None
    generated: str


def _notice(config: records.Setup, settings: Settings) -> str:
    periods = config.periods
    audit_years = periods.audit_log or policy.audit_years_of(settings)
    return "\n".join(
        [
            f"# Datenschutzhinweise — {config.municipality}",
            "",
            "## Wer ist verantwortlich?",
            f"{config.municipality}, Kommunales Konfliktmanagement. Dort erreichen Sie auch "
            "die oder den Datenschutzbeauftragten.",
            "",
            "## Welche Daten werden verarbeitet?",
            "Namen und Kontaktdaten von Ansprechpersonen im Netzwerk, die Beteiligung an "
            "Konfliktfällen und Beratungen, die Teilnahme an Qualifizierungen und Anfragen "
            "über die Kontaktseite. Dazu können Angaben über politische Meinungen gehören "
            "(besondere Kategorie nach Art. 9 DSGVO).",
            "",
            "## Wozu und auf welcher Grundlage?",
            "Zur Bearbeitung von Konflikten, die die lokale Demokratie gefährden, als "
            "öffentliche Aufgabe (Art. 6 Abs. 1 lit. e, Art. 9 Abs. 2 lit. g DSGVO) oder mit "
            "Ihrer Einwilligung (Art. 6 Abs. 1 lit. a DSGVO), die Sie jederzeit widerrufen "
            "können.",
            "",
            "## Wer erhält die Daten?",
            "Nur die Koordination und die Konfliktmanager:innen der Kommune; vertrauliche "
            "Fälle nur die zugewiesenen Personen. Die Steuerungsgruppe sieht ausschließlich "
            "Zahlen."
            + (
                " Über die Schnittstelle erhalten Daten: "
                + ", ".join(c.name for c in config.clients)
                + "."
                if config.clients
                else ""
            ),
            "",
            "## Wie lange?",
            f"Abgeschlossene Fälle werden nach {periods.closed_cases} Jahren anonymisiert, "
            f"Kontakte ohne Verknüpfung nach {periods.unlinked_contacts} Jahren gelöscht, "
            f"sofern keine gültige Einwilligung besteht; das Protokoll wird nach {audit_years} "
            "Jahren bereinigt. Eine Aufbewahrungssperre wegen eines laufenden Verfahrens "
            "hält Daten länger.",
            "",
            "## Ihre Rechte",
            "Sie haben das Recht auf Auskunft (Art. 15), Berichtigung (Art. 16), Löschung "
            "(Art. 17), Einschränkung (Art. 18) und Widerspruch (Art. 21 DSGVO) sowie das "
            "Recht auf Beschwerde bei der Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO).",
        ]
    )


async def _generated(
    session: AsyncSession, settings: Settings, municipality_id: uuid.UUID, kind: TextKind
) -> str:
    if kind is TextKind.ENFORCEMENT_BODY:
        return DEFAULT_ENFORCEMENT
    config = await records.setup(session, municipality_id)
    if kind is TextKind.PRIVACY_NOTICE:
        return _notice(config, settings)
    return records.generate(config, settings, local_today())


async def _current(
    session: AsyncSession, principal: Principal, settings: Settings, kind: TextKind
) -> _Current:
    row = await session.scalar(
        scoped(PrivacyText, principal)
        .where(PrivacyText.kind == kind)
        .execution_options(populate_existing=True)
    )
    generated = await _generated(session, settings, principal.municipality_id, kind)
    return _Current(row, generated)


def _out(kind: TextKind, current: _Current) -> PrivacyTextOut:
    row = current.row
    return PrivacyTextOut(
        kind=kind,
        body=row.body if row else current.generated,
        generated=current.generated,
        is_default=row is None,
        version=row.version if row else 0,
        updated_at=row.updated_at if row else None,
        updated_by_name=row.updated_by_name if row else None,
    )


async def get(
    session: AsyncSession, principal: Principal, settings: Settings, kind: TextKind
) -> PrivacyTextOut:
    """The municipality's text, or the one written for it (``is_default``, version 0)."""
    return _out(kind, await _current(session, principal, settings, kind))


async def save(
    session: AsyncSession,
    principal: Principal,
    settings: Settings,
    kind: TextKind,
    data: PrivacyTextUpdate,
    if_match: str | None,
) -> PrivacyTextOut:
    """Keep the municipality's own version (``If-Match: "0"`` the first time); audited."""
    current = await _current(session, principal, settings, kind)
    row = current.row
    check_if_match(if_match, row.version if row else 0)
    if row is None:
        row = PrivacyText(municipality_id=principal.municipality_id, kind=kind, body="")
        session.add(row)
    row.body = data.body
    row.updated_by_name = await actor_name(session, principal)
    await session.flush()
    audit.record_change(
        session,
        "privacy.text",
        principal=principal,
        target=audit.Target("privacy_text", row.id),
        event_type="privacy.text_changed",
        details={"kind": kind.value, "version": row.version},
    )
    await commit_versioned(session)
    return await get(session, principal, settings, kind)


async def pdf(
    session: AsyncSession, principal: Principal, settings: Settings, kind: TextKind
) -> bytes:
    """The current text as a PDF, titled with the municipality."""
    current = await _current(session, principal, settings, kind)
    body = current.row.body if current.row else current.generated
    name = await session.scalar(
        select(Municipality.name).where(Municipality.id == principal.municipality_id)
    )
    return records.render_pdf(f"{TITLES[kind]} — {name}", body)


async def municipalities(session: AsyncSession) -> list[PublicTextsMunicipality]:
    """Every municipality, for the public pages to choose from."""
    rows = await session.execute(
        select(Municipality.slug, Municipality.name).order_by(Municipality.name)
    )
    return [PublicTextsMunicipality(slug=slug, name=name) for slug, name in rows]


async def public(session: AsyncSession, settings: Settings, slug: str) -> PublicTexts:
    """A municipality's privacy notice and enforcement body, without signing in."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == slug))
    if municipality is None:
        raise NotFound("Municipality")
    saved = {
        row.kind: row.body
        for row in await session.scalars(
            select(PrivacyText).where(PrivacyText.municipality_id == municipality.id)
        )
    }
    texts = {}
    for kind in (TextKind.PRIVACY_NOTICE, TextKind.ENFORCEMENT_BODY):
        body = saved.get(kind)
        if body is None:
            body = await _generated(session, settings, municipality.id, kind)
        texts[kind] = PublicText(body=body, is_default=kind not in saved)
    return PublicTexts(
        slug=municipality.slug,
        municipality=municipality.name,
        privacy_notice=texts[TextKind.PRIVACY_NOTICE],
        enforcement_body=texts[TextKind.ENFORCEMENT_BODY],
    )
