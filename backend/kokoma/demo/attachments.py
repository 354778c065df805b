"""Demo attachments: a letter and minutes on one case, agreed steps on its consultation.

The files go to the data directory's attachment store like uploaded ones.

Idempotent: nothing is added where the municipality has attachments already.
"""

from __future__ import annotations

import hashlib
import io
import uuid

from fpdf import FPDF
from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.attachments.content import detect
from kokoma.attachments.models import Attachment
from kokoma.attachments.storage import AttachmentStorage
from kokoma.cases.models import Case, CaseVisibility
from kokoma.consultations.models import Consultation
from kokoma.municipalities.models import Municipality

UPLOADER = "Anna Schulze"
MINUTES = """Protokoll der Sitzung des Ortsteilrats

Anwesend: Ortsteilbürgermeisterin, fünf Mitglieder des Ortsteilrats, zwei Vertreter
des Jugendclubs, Kommunales Konfliktmanagement (Beobachtung).

1. Nutzungszeiten des Jugendclubs: Die Anwohnerinnen schildern Lärm nach 22 Uhr.
2. Der Jugendclub schlägt eine Hausordnung vor, die gemeinsam erarbeitet wird.
3. Vereinbart: ein moderiertes Gespräch aller Beteiligten im nächsten Monat.
"""
AGREEMENTS = """Vereinbarte Schritte nach dem Gespräch

- Entwurf der Hausordnung durch den Jugendclub bis Monatsende
- Rückmeldung der Anwohnerinnen über den Ortsteilrat
- Nächstes Treffen mit Moderation durch das Konfliktmanagement
"""


def _letter() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(
        0,
        6,
        "Ortsteilrat\n\nAn das Kommunale Konfliktmanagement\n\n"
        "Betreff: Bitte um Unterstützung im Streit um den Jugendclub\n\n"
        "Sehr geehrte Damen und Herren,\n\nseit dem Sommer gibt es Streit um die "
        "Nutzungszeiten des Jugendclubs. Wir bitten um ein Gespräch, wie eine "
        "Moderation aussehen könnte.\n\nMit freundlichen Grüßen\nOrtsteilrat",
    )
    return bytes(pdf.output())


def _attachment(
    storage: AttachmentStorage,
    owner_type: str,
    record: Case | Consultation,
    filename: str,
    description: str,
    content: bytes,
) -> Attachment:
    key = uuid.uuid4().hex
    storage.save(key, io.BytesIO(content))
    media_type = detect(io.BytesIO(content))
    assert media_type is not None
    return Attachment(
        municipality_id=record.municipality_id,
        owner_type=owner_type,
        owner_id=record.id,
        filename=filename,
        description=description,
        media_type=media_type,
        size_bytes=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        storage_key=key,
        uploaded_by_name=UPLOADER,
    )


async def load_attachments(session: AsyncSession, storage: AttachmentStorage) -> None:
    """Attach demo files to the first team case of the Wartburgkreis that has consultations."""
    municipality = await session.scalar(select(Municipality).where(Municipality.slug == "wak"))
    if municipality is None or await session.scalar(
        select(exists().where(Attachment.municipality_id == municipality.id))
    ):
        return
    consultation = await session.scalar(
        select(Consultation)
        .join(Case, Case.id == Consultation.case_id)
        .where(Case.municipality_id == municipality.id, Case.visibility == CaseVisibility.TEAM)
        .order_by(Case.number, Consultation.started_at)
        .limit(1)
    )
    if consultation is None:
        return
    case = await session.get_one(Case, consultation.case_id)
    session.add_all(
        [
            _attachment(
                storage,
                "case",
                case,
                "Schreiben des Ortsteilrats.pdf",
                "Bitte um Unterstützung",
                _letter(),
            ),
            _attachment(
                storage,
                "case",
                case,
                "Protokoll Ortsteilrat.txt",
                "Protokoll der Sitzung",
                MINUTES.encode(),
            ),
            _attachment(
                storage,
                "consultation",
                consultation,
                "Vereinbarte Schritte.txt",
                "Ergebnis des Gesprächs",
                AGREEMENTS.encode(),
            ),
        ]
    )
    await session.flush()
