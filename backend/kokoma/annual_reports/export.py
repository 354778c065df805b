"""A generated version as a document for the funder: PDF (``kokoma.core.pdf``) or DOCX
(python-docx), in the reader's language.

Both formats draw the same list of blocks (headings, paragraphs, tables), built once
from the version, so a figure cannot differ between them. Counts withheld for the
reader are written as such, never as a number.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from kokoma import i18n
from kokoma.annual_reports.models import TEXT_SECTIONS
from kokoma.annual_reports.schemas import AnnualFigures, VersionOut
from kokoma.core.pdf import ReportPdf
from kokoma.statistics.schemas import Amount, Count, CountRow


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Para:
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Para | Table


class _Words:
    """The report's words in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, **params: Any) -> str:
        return i18n.text(self.language, f"annual_report.{key}", default=key, **params) or key

    def code(self, vocabulary: str, key: str, fallback: str | None = None) -> str:
        return i18n.text(self.language, f"codes.{vocabulary}.{key}", default=fallback) or key

    def number(self, cell: Count | Amount) -> str:
        if cell.suppressed:
            return self("withheld")
        if cell.value is None:
            return self("empty")
        if isinstance(cell.value, float):
            text = f"{cell.value:.1f}"
            return text.replace(".", ",") if self.language == "de" else text
        return str(cell.value)


def _table(words: _Words, columns: Sequence[str], body: Sequence[tuple[str, ...]]) -> Block:
    """A table with the named columns, or a line saying there was nothing."""
    if not body:
        return Para(words("no_rows"))
    return Table(tuple(words(f"columns.{c}") for c in columns), tuple(body))


def _nonzero(rows: Sequence[Any]) -> list[Any]:
    """The rows with something to show: a count, or a withheld one."""
    return [row for row in rows if row.count.suppressed or row.count.value]


def _count_table(words: _Words, column: str, rows: Sequence[CountRow], name: Any) -> Block:
    body = [(name(row), words.number(row.count)) for row in _nonzero(rows)]
    return _table(words, (column, "count"), body)


def _line(words: _Words, figures: AnnualFigures, name: str) -> Para:
    return Para(f"{words(f'figures.{name}')}: {words.number(getattr(figures, name))}")


def _steering_lines(words: _Words, figures: AnnualFigures) -> list[Block]:
    """Meetings held and attendances, where the version counted them."""
    if figures.steering_meetings is None or figures.steering_attendances is None:
        return []
    return [
        Para(f"{words('figures.steering_meetings')}: {figures.steering_meetings}"),
        _line(words, figures, "steering_attendances"),
    ]


def _peer_lines(words: _Words, figures: AnnualFigures) -> list[Block]:
    """Peer sessions and participations, where the version counted them."""
    names = ("peer_sessions", "peer_session_participants")
    return [_line(words, figures, name) for name in names if getattr(figures, name) is not None]


def _activities(words: _Words, figures: AnnualFigures) -> list[Block]:
    kinds = [
        (
            words.code("consultation_kind", row.key),
            words.number(row.count),
            words.number(row.hours),
        )
        for row in _nonzero(figures.consultations_by_kind)
    ]
    modules = [
        (
            m.module,
            m.series,
            str(m.session_days),
            words.number(m.present),
            words.number(m.excused),
            words.number(m.absent),
        )
        for m in figures.training_modules
    ]
    return [
        Heading(words("sections.activities")),
        _line(words, figures, "consultations"),
        _line(words, figures, "consultation_hours"),
        _line(words, figures, "consultation_participants"),
        *_steering_lines(words, figures),
        *_peer_lines(words, figures),
        Heading(words("subheadings.consultations_by_kind"), 2),
        _table(words, ("kind", "count", "hours"), kinds),
        _line(words, figures, "training_participants"),
        Heading(words("subheadings.training_modules"), 2),
        _table(
            words, ("module", "series", "session_days", "present", "excused", "absent"), modules
        ),
    ]


def _cases(words: _Words, figures: AnnualFigures) -> list[Block]:
    return [
        Heading(words("sections.cases")),
        _line(words, figures, "cases_new"),
        Heading(words("subheadings.cases_by_topic"), 2),
        _count_table(words, "topic", figures.cases_by_topic, lambda r: words.code("topic", r.key)),
        _line(words, figures, "cases_closed"),
        Heading(words("subheadings.cases_by_outcome"), 2),
        _count_table(
            words,
            "outcome",
            figures.cases_by_outcome,
            lambda r: words.code("case_outcome", r.key),
        ),
    ]


def _referrals(words: _Words, figures: AnnualFigures) -> list[Block]:
    other = i18n.text(words.language, "statistics.other") or "other"
    return [
        Heading(words("sections.referrals")),
        _line(words, figures, "referrals"),
        _count_table(
            words,
            "target",
            figures.referrals_by_target,
            lambda r: other if r.key == "other" else (r.label or r.key),
        ),
    ]


def _crisis_plans(words: _Words, figures: AnnualFigures) -> list[Block]:
    return [
        Heading(words("sections.crisis_plans")),
        _line(words, figures, "crisis_plan_exercises"),
        _line(words, figures, "crisis_plan_activations"),
        Heading(words("subheadings.activations_by_level"), 2),
        _count_table(
            words,
            "level",
            figures.activations_by_level,
            lambda r: words.code("plan_level", r.key),
        ),
    ]


def blocks(version: VersionOut, municipality: str, language: str) -> list[Block]:
    """The document of ``version`` as headings, paragraphs and tables."""
    words = _Words(language)
    texts = version.texts.model_dump()
    figures = version.figures
    day = (
        f"{version.generated_at:%d.%m.%Y}"
        if language == "de"
        else f"{version.generated_at:%Y-%m-%d}"
    )
    out: list[Block] = [
        Heading(words("title", year=version.year), 0),
        Para(
            words(
                "version_line",
                municipality=municipality,
                number=version.number,
                date=day,
                author=version.author_name,
            )
        ),
    ]
    if figures.suppression_threshold is not None:
        out.append(Para(words("protected_note", threshold=figures.suppression_threshold)))

    def text(section: str) -> list[Block]:
        return [Heading(words(f"sections.{section}")), Para(texts[section] or words("empty"))]

    out += text(TEXT_SECTIONS[0])
    out += _activities(words, figures)
    out += _cases(words, figures)
    out += _referrals(words, figures)
    out += _crisis_plans(words, figures)
    for section in TEXT_SECTIONS[1:]:
        out += text(section)
    return out


_PDF_SIZES = {0: 16, 1: 13, 2: 11}


def render_pdf(document: Sequence[Block], title: str) -> bytes:
    pdf = ReportPdf(title, title)
    pdf.add_page()
    for block in document:
        if isinstance(block, Heading):
            pdf.heading(block.text, _PDF_SIZES[block.level])
        elif isinstance(block, Para):
            pdf.para(block.text, bold=block.bold)
        else:
            pdf.table_of(block.header, block.rows)
    return bytes(pdf.output())


def render_docx(document: Sequence[Block], title: str, language: str) -> bytes:
    # Imported on first use: the app starts (and every other route works) even in an
    # environment installed before python-docx became a dependency.
    import docx
    from docx.shared import Pt

    out = docx.Document()
    out.core_properties.title = title
    out.core_properties.language = language
    out.styles["Normal"].font.size = Pt(10)
    for block in document:
        if isinstance(block, Heading):
            out.add_heading(block.text, block.level)
        elif isinstance(block, Para):
            out.add_paragraph().add_run(block.text).bold = block.bold
        else:
            table = out.add_table(rows=1, cols=len(block.header))
            table.style = "Table Grid"
            for cell, label in zip(table.rows[0].cells, block.header, strict=True):
                cell.paragraphs[0].add_run(label).bold = True
            for row in block.rows:
                for cell, value in zip(table.add_row().cells, row, strict=True):
                    cell.text = value
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def title(version: VersionOut, language: str) -> str:
    """The document's title, e.g. "Sachbericht 2025"."""
    return _Words(language)("title", year=version.year)
