"""The record of processing activities (Art. 30 GDPR) of one municipality, written from
what the system actually does there: its retention periods, the API clients it let in
and the addresses their webhooks deliver to. The data-protection officer keeps an
edited copy (``texts``); this module writes the first draft and the PDF.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.api_clients.models import ApiClient
from kokoma.core.pdf import ReportPdf
from kokoma.municipalities.models import Municipality
from kokoma.privacy import lifecycle, policy
from kokoma.settings import Settings
from kokoma.webhooks.models import WebhookSubscription

MEASURES = (
    "Rollen mit Rechten nach dem Need-to-know-Prinzip; alles ohne ausdrückliches Recht ist "
    "verboten. Jede Kommune sieht nur ihre eigenen Daten.",
    "Vertrauliche Fälle sehen nur die zugewiesenen Personen und die Koordination.",
    "Passwörter mit argon2id, kurzlebige Zugriffstoken, rotierende Refresh-Token, "
    "Drosselung fehlgeschlagener Anmeldungen.",
    "Protokoll jeder Anmeldung und jeder Änderung; Auskünfte und Löschungen werden "
    "protokolliert, ihre Nachweise bleiben ohne die gelöschten Daten erhalten.",
    "Löschung nach dem Vier-Augen-Prinzip; Aufbewahrungssperren nur mit Grund.",
    "Fristen werden automatisch durchgesetzt (kokoma privacy retention).",
    "Statistiken für die Steuerungsgruppe nur als Zahlen, kleine Zahlen unterdrückt.",
    "Webhooks tragen nie Notizen; ihre Zustellungen sind signiert.",
    "Die Anwendung lädt keine Inhalte Dritter; Sicherheits-Header (CSP u. a.).",
    "[Transportverschlüsselung am Webserver, Verschlüsselung von Datenträger und "
    "Sicherungen, Zutrittskontrolle zum Server: von der Kommune zu ergänzen]",
)


@dataclass(frozen=True)
class Client:
    name: str
    scopes: list[str]


@dataclass(frozen=True)
class Webhook:
    client: str
    host: str
    events: list[str]


@dataclass(frozen=True)
class Setup:
    """What is configured for one municipality, as far as the record needs it."""

    municipality: str
    periods: policy.Periods
    clients: list[Client]
    webhooks: list[Webhook]


async def setup(session: AsyncSession, municipality_id: uuid.UUID) -> Setup:
    """Read the municipality's configuration: periods, API clients, webhook targets."""
    name = await session.scalar(
        select(Municipality.name).where(Municipality.id == municipality_id)
    )
    clients = await session.scalars(
        select(ApiClient)
        .where(ApiClient.municipality_id == municipality_id, ApiClient.revoked_at.is_(None))
        .order_by(ApiClient.name)
    )
    hooks = await session.execute(
        select(ApiClient.name, WebhookSubscription.target_url, WebhookSubscription.event_types)
        .join(ApiClient, ApiClient.id == WebhookSubscription.api_client_id)
        .where(
            WebhookSubscription.municipality_id == municipality_id,
            WebhookSubscription.is_active.is_(True),
            ApiClient.revoked_at.is_(None),
        )
        .order_by(ApiClient.name, WebhookSubscription.target_url)
    )
    return Setup(
        municipality=name or "",
        periods=await lifecycle.periods_of(session, municipality_id),
        clients=[Client(c.name, sorted(c.scopes or [])) for c in clients],
        # The host names the recipient; paths and queries may carry tokens.
        webhooks=[
            Webhook(client, urlsplit(url).hostname or url, sorted(events or []))
            for client, url, events in hooks
        ],
    )


def generate(config: Setup, settings: Settings, today: date) -> str:
    """The record as plain text: ``#`` headings, ``-`` items, blank lines between."""
    lines = [
        "# Verzeichnis von Verarbeitungstätigkeiten (Art. 30 Abs. 1 DSGVO)",
        "",
        f"Verantwortliche: {config.municipality} [Anschrift, Vertretung ergänzen]",
        "Datenschutzbeauftragte:r: [Name, Kontakt ergänzen]",
        "Bezeichnung: Kommunales Konfliktmanagement (KoKoMa)",
        f"Stand: {today:%d.%m.%Y}, erzeugt aus der Konfiguration",
        "",
        "## Verarbeitungstätigkeiten",
    ]
    activities = policy.activities(settings, [c.name for c in config.clients], config.periods)
    for activity in activities:
        lines += [
            "",
            f"### {activity.category}",
            f"- Zweck: {activity.purpose}",
            f"- Betroffene: {activity.subjects}",
            f"- Datenkategorien: {activity.data}",
            f"- Rechtsgrundlage: {activity.legal_basis}",
            f"- Empfänger: {activity.recipients}",
            f"- Löschfrist: {activity.retention}",
        ]
    lines += ["", "## Empfänger über die Schnittstelle"]
    if not config.clients:
        lines.append("- Keine: Die Kommune hat keine API-Clients zugelassen.")
    for client in config.clients:
        lines.append(f"- API-Client {client.name}: {', '.join(client.scopes) or 'keine Rechte'}")
    for hook in config.webhooks:
        lines.append(
            f"- Webhook von {hook.client} an {hook.host}: {', '.join(hook.events) or 'alle'}"
        )
    periods = config.periods
    lines += [
        "",
        "## Übermittlung in Drittländer",
        "- Keine. Die Anwendung lädt keine Inhalte Dritter.",
        "",
        "## Fristen der Kommune",
        f"- Abgeschlossene Fälle: anonymisiert nach {periods.closed_cases} Jahren",
        f"- Kontakte ohne Verknüpfung: gelöscht nach {periods.unlinked_contacts} Jahren",
        f"- Protokoll: {periods.audit_log or policy.audit_years_of(settings)} Jahre",
        f"- Anmeldungen: {settings.retention_sign_in_days} Tage",
        f"- Ereignisse und Webhook-Zustellungen: {settings.retention_event_days} Tage",
        f"- Konten ausgeschiedener Mitarbeitender: pseudonymisiert nach "
        f"{settings.retention_former_user_days} Tagen",
        "",
        "## Technische und organisatorische Maßnahmen (Art. 32 DSGVO)",
        *(f"- {m}" for m in MEASURES),
    ]
    return "\n".join(lines)


def render_pdf(title: str, text: str) -> bytes:
    """The text as an A4 PDF: ``#`` lines as headings, the rest as paragraphs."""
    pdf = ReportPdf(title, title)
    pdf.add_page()
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        level = len(stripped) - len(stripped.lstrip("#"))
        if level:
            pdf.heading(stripped[level:].strip(), size={1: 15, 2: 13}.get(level, 11))
        else:
            pdf.para(stripped)
    return bytes(pdf.output())
