"""What the municipality processes, why, on which basis, for whom and how long.

One catalogue feeds the access export (Art. 15(1)) and the record of processing
activities (Art. 30), so both say the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from kokoma.settings import Settings

# Lawful defaults of the retention periods (years unless said otherwise).
CLOSED_CASE_YEARS = 3
UNLINKED_CONTACT_YEARS = 3

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


@dataclass(frozen=True)
class Activity:
    category: str
    purpose: str
    legal_basis: str
    recipients: str
    retention: str


def activities(settings: Settings, client_names: list[str]) -> list[Activity]:
    """The processing activities as the system is configured."""
    clients = f"; über die Schnittstelle: {', '.join(client_names)}" if client_names else ""
    audit_years = round(settings.retention_audit_days / 365, 1)
    return [
        Activity(
            "Netzwerkkontakte",
            "Netzwerkarbeit des kommunalen Konfliktmanagements",
            "je Kontakt vermerkt (siehe Kontakt): " + "; ".join(sorted(set(LEGAL_BASES.values()))),
            TEAM + clients,
            f"Kontakte ohne Verknüpfung {UNLINKED_CONTACT_YEARS} Jahre nach der letzten "
            "Änderung gelöscht; bei Einwilligung bis zu deren Widerruf",
        ),
        Activity(
            "Konfliktfälle (Beteiligte)",
            "Bearbeitung kommunaler Konflikte, die die lokale Demokratie gefährden",
            CASEWORK_BASIS,
            TEAM + " (vertrauliche Fälle nur Zugewiesene und Koordination)" + clients,
            f"{CLOSED_CASE_YEARS} Jahre nach Abschluss des Falls anonymisiert",
        ),
        Activity(
            "Beratungen (Teilnahme, Notizen)",
            "Beratung, Moderation und Mediation; Nachweis der geleisteten Arbeit",
            CASEWORK_BASIS,
            TEAM + clients,
            "Notizen werden mit dem Fall gelöscht, Teilnahme mit ihm anonymisiert",
        ),
        Activity(
            "Qualifizierung und Zertifikate",
            "Durchführung der Qualifizierungsreihe, Teilnahmenachweis, Prüfung von Zertifikaten",
            "Art. 6 Abs. 1 lit. b und e DSGVO",
            "Koordination und Qualifizierung; die Prüfnummer eines Zertifikats bestätigt "
            "jeder Person, die sie kennt, Name und Reihe",
            "solange das Zertifikat gültig sein soll; auf Antrag gelöscht",
        ),
        Activity(
            "Protokoll (Audit-Log)",
            "Nachvollziehbarkeit von Zugriffen und Änderungen (Art. 32 DSGVO)",
            "Art. 6 Abs. 1 lit. c und e DSGVO",
            "Systemadministration",
            f"{audit_years} Jahre; Anmeldungen {settings.retention_sign_in_days} Tage; "
            "Nachweise von Löschungen dauerhaft, ohne die gelöschten Daten",
        ),
    ]
