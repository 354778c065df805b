"""What the municipality processes, why, on which basis, for whom and how long.

One catalogue feeds the access export (Art. 15(1)) and the record of processing
activities (Art. 30), so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from kokoma.settings import Settings

# Lawful defaults of the retention periods (years unless said otherwise).
CLOSED_CASE_YEARS = 3
UNLINKED_CONTACT_YEARS = 3


def audit_years_of(settings: Settings) -> int:
    """The audit-log period of a municipality that has not set its own, in whole years."""
    return max(1, round(settings.retention_audit_days / 365))


LEGAL_BASES = {
    "consent": "Einwilligung, Art. 6 Abs. 1 lit. a DSGVO (widerruflich)",
    "public_task": "Wahrnehmung einer öffentlichen Aufgabe, Art. 6 Abs. 1 lit. e DSGVO",
    "legitimate_interest": "Berechtigtes Interesse, Art. 6 Abs. 1 lit. f DSGVO",
    "publicly_available": "Öffentlich zugängliche Angaben (Amts- und Mandatsträger:innen), "
    "Art. 6 Abs. 1 lit. e DSGVO",
}
CASEWORK_BASIS = (
    "Wahrnehmung einer öffentlichen Aufgabe, Art. 6 Abs. 1 lit. e DSGVO; politische "
    "Meinungen nur soweit erforderlich, Art. 9 Abs. 2 lit. g DSGVO"
)
TEAM = "Koordination und Konfliktmanager:innen der Kommune"


class Periods(NamedTuple):
    """One municipality's periods in years; ``audit_log`` None while the global one holds."""

    closed_cases: int = CLOSED_CASE_YEARS
    unlinked_contacts: int = UNLINKED_CONTACT_YEARS
    audit_log: int | None = None


@dataclass(frozen=True)
class Activity:
    category: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str
    subjects: str
    data: str


def activities(
    settings: Settings, client_names: list[str], periods: Periods | None = None
) -> list[Activity]:
    """The processing activities as the system and the municipality are configured."""
    periods = periods or Periods()
    clients = f"; über die Schnittstelle: {', '.join(client_names)}" if client_names else ""
    audit_years = periods.audit_log or audit_years_of(settings)
    return [
        Activity(
            "Netzwerkkontakte",
            "Netzwerkarbeit des kommunalen Konfliktmanagements",
            "je Kontakt vermerkt (siehe Kontakt): " + "; ".join(sorted(set(LEGAL_BASES.values()))),
            TEAM + clients,
            f"Kontakte ohne Verknüpfung {periods.unlinked_contacts} Jahre nach der letzten "
            "Änderung gelöscht; bei Einwilligung erst, wenn sie abgelaufen oder älter ist",
            "Ansprechpersonen aus Zivilgesellschaft, Verwaltung, Politik, Polizei, Bildung, "
            "Medien und Religionsgemeinschaften",
            "Name, Funktion, Organisation, Kontaktdaten, Themen, Beziehungen, Notizen, "
            "Rechtsgrundlage und Einwilligung",
        ),
        Activity(
            "Konfliktfälle (Beteiligte)",
            "Bearbeitung kommunaler Konflikte, die die lokale Demokratie gefährden",
            CASEWORK_BASIS,
            TEAM + " (vertrauliche Fälle nur Zugewiesene und Koordination)" + clients,
            f"{periods.closed_cases} Jahre nach Abschluss des Falls anonymisiert "
            "(nicht während einer Aufbewahrungssperre)",
            "Konfliktparteien, Betroffene, Entscheidungsträger:innen",
            "Rolle im Konflikt, Fallbeschreibung, Notizen, Konfliktanalyse, Dateien; ggf. "
            "politische Meinungen (Art. 9 DSGVO)",
        ),
        Activity(
            "Beratungen (Teilnahme, Notizen)",
            "Beratung, Moderation und Mediation; Nachweis der geleisteten Arbeit",
            CASEWORK_BASIS,
            TEAM + clients,
            "Notizen und Dateien werden mit dem Fall gelöscht, Teilnahme mit ihm anonymisiert",
            "Teilnehmende",
            "Teilnahme, Zusammenfassung, vertrauliche Notizen, Vereinbarungen, Dateien",
        ),
        Activity(
            "Qualifizierung und Zertifikate",
            "Durchführung der Qualifizierungsreihe, Teilnahmenachweis, Prüfung von Zertifikaten",
            "Art. 6 Abs. 1 lit. b und e DSGVO",
            "Koordination und Qualifizierung; die Prüfnummer eines Zertifikats bestätigt "
            "jeder Person, die sie kennt, Name und Reihe",
            "solange das Zertifikat gültig sein soll; auf Antrag gelöscht",
            "Teilnehmende der Qualifizierung",
            "Name, Organisation, Anwesenheit, Zertifikat",
        ),
        Activity(
            "Anfragen über die Kontaktseite",
            "Entgegennahme von Bitten um Unterstützung",
            "Art. 6 Abs. 1 lit. e DSGVO",
            TEAM,
            f"abgelehnte Anfragen {settings.retention_declined_request_days} Tage nach der "
            f"Entscheidung, anonyme ohne Fall {settings.retention_anonymous_request_days} Tage "
            "nach Eingang gelöscht; sonst mit dem Fall",
            "Anfragende Personen",
            "Anliegen, Ort, gewählter Rückweg (E-Mail, Telefon) oder anonym",
        ),
        Activity(
            "Kollegiale Fallberatung zwischen Kommunen",
            "Beratung anonymisierter Fälle mit Konfliktmanager:innen anderer Kommunen",
            "Art. 6 Abs. 1 lit. e DSGVO",
            "Mitglieder der Fallberatungsgruppe nach Annahme der Vertraulichkeitsvereinbarung",
            f"Beiträge einer Sitzung {settings.retention_peer_contribution_days} Tage nach der "
            "Sitzung gelöscht; Fallvorstellungen bis zum Zurückziehen",
            "Mitglieder der Gruppe; Fallbeteiligte nur anonymisiert",
            "Name, Kommune und Rolle der Mitglieder, anonymisierte Fallvorstellungen, Beiträge",
        ),
        Activity(
            "Protokoll (Audit-Log)",
            "Nachvollziehbarkeit von Zugriffen und Änderungen (Art. 32 DSGVO)",
            "Art. 6 Abs. 1 lit. c und e DSGVO",
            "Systemadministration; Koordination für die eigene Kommune",
            f"{audit_years} Jahre; Anmeldungen {settings.retention_sign_in_days} Tage; "
            "Nachweise von Löschungen dauerhaft, ohne die gelöschten Daten",
            "Mitarbeitende, API-Clients",
            "Wer, wann, was (Datensatz-Kennungen), IP-Adresse",
        ),
    ]
