"""CSV for spreadsheets, and the one place that decides between JSON and CSV.

Every statistics route answers ``Accept: text/csv`` with the same figures as its
JSON, flattened to one line per figure (a long table that pivots well), in the
reader's language (``Accept-Language``; German by default), each name next to its code:

    Bereich;Bereich (Code);Kategorie;Kategorie (Code);Kennzahl;Kennzahl (Code);Wert (…)
    Gesamt;;;;Neu;new;17
    Nach Status;by_status;Bearbeitung;in_progress;Anzahl;count;9
    Nach Eskalationsstufe (Glasl);by_escalation_level;Gesichtsverlust;5;Anzahl;count;

The format is the one German Excel and LibreOffice open with a double click: UTF-8
with a byte-order mark (without it Excel reads ANSI and garbles umlauts), fields
separated by ``;`` (the list separator of the German locale, where ``,`` is the
decimal separator), decimals with a comma (``37,5``), CRLF line ends. A suppressed
figure is an empty field, as the header says.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from fastapi import Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from kokoma import i18n
from kokoma.core.openapi import problems
from kokoma.core.spreadsheet import inert_rows
from kokoma.headers import weighted
from kokoma.statistics.labels import labelled, measure_name, section_name
from kokoma.statistics.period import Period
from kokoma.statistics.schemas import Amount, Count

CSV_MEDIA_TYPE = "text/csv; charset=utf-8"
COLUMNS = ("section", "section_code", "label", "key", "measure", "measure_code", "value")
DELIMITER = ";"


def header(language: str) -> list[str]:
    return [i18n.text(language, f"statistics.csv.{column}") or column for column in COLUMNS]


_CSV_EXAMPLE = "\ufeff" + "\r\n".join(
    DELIMITER.join(line)
    for line in (
        header("de"),
        ["Gesamt", "", "", "", "Neu", "new", "17"],
        ["Nach Status", "by_status", "Bearbeitung", "in_progress", "Anzahl", "count", "9"],
    )
)


def _value(cell: Count | Amount) -> str:
    if cell.value is None:
        return ""
    if isinstance(cell.value, float):
        return f"{cell.value:.1f}".replace(".", ",")
    return str(cell.value)


def _cells(section: str, row: BaseModel, language: str) -> Iterator[list[str]]:
    key = str(getattr(row, "key", "") or "")
    label = str(getattr(row, "label", "") or "")
    section_label = section_name(language, section)
    for measure, cell in row:
        if isinstance(cell, (Count, Amount)):
            measure_label = measure_name(language, measure)
            yield [section_label, section, label, key, measure_label, measure, _value(cell)]


def lines(body: BaseModel, language: str) -> Iterator[list[str]]:
    """The figures of a (labelled) statistics body: top-level figures first, then the
    rows of every breakdown and nested table in field order."""
    yield from _cells("", body, language)
    for section, value in body:
        if isinstance(value, list):
            for row in value:
                yield from _cells(section, row, language)
        elif isinstance(value, BaseModel) and not isinstance(value, (Count, Amount)):
            yield from _cells(section, value, language)


def render(body: BaseModel, language: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(header(language))
    writer.writerows(inert_rows(lines(body, language)))
    return buffer.getvalue().encode("utf-8-sig")


def _match(media_range: str, media_type: str) -> int:
    """How specifically ``media_range`` names ``media_type``: 2 exactly, 1 by ``type/*``,
    0 by ``*/*``, -1 not at all."""
    if media_range == media_type:
        return 2
    if media_range == media_type.split("/")[0] + "/*":
        return 1
    return 0 if media_range == "*/*" else -1


def _preference(accept: str, media_type: str) -> tuple[float, int]:
    """(quality, specificity) of the most specific range in ``accept`` naming ``media_type``."""
    best = (0.0, -1)
    for media_range, quality in weighted(accept):
        specificity = _match(media_range, media_type)
        if specificity > best[1]:
            best = (quality, specificity)
    return best


def wants_csv(accept: str | None) -> bool:
    """True when the client prefers CSV to JSON; JSON wins ties and is the default."""
    if not accept:
        return False
    csv_quality, csv_specificity = _preference(accept, "text/csv")
    json_quality, json_specificity = _preference(accept, "application/json")
    if csv_quality <= 0 or csv_quality < json_quality:
        return False
    return csv_quality > json_quality or csv_specificity > json_specificity


def respond(request: Request, body: BaseModel, name: str, period: Period) -> Response:
    """``body`` as JSON, or as a CSV download when the request's Accept asks for it;
    labels in the language of the request's Accept-Language."""
    language = i18n.language_of(request)
    body = labelled(body, name, language)
    headers = {
        "Vary": "Accept, Accept-Language",
        "Cache-Control": "no-store",
        "Content-Language": language,
    }
    if not wants_csv(request.headers.get("accept")):
        return JSONResponse(body.model_dump(mode="json", by_alias=True), headers=headers)
    filename = f"kokoma-{name}-{period.first_day.isoformat()}-{period.last_day.isoformat()}.csv"
    headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return Response(render(body, language), media_type=CSV_MEDIA_TYPE, headers=headers)


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """``responses=`` for a statistics route: the CSV alternative and the problem statuses."""
    return {
        200: {
            "description": "The figures, as JSON or (with `Accept: text/csv`) as CSV: UTF-8 "
            "with BOM, `;`-separated, decimal comma, suppressed figures empty.",
            "content": {"text/csv": {"schema": {"type": "string"}, "example": _CSV_EXAMPLE}},
        },
        **problems(*statuses),
    }
