"""Anonymising a case for a peer group: neutral labels for the names the case knows,
and a check that flags what may still identify someone.

The names come from the case itself (its parties and the contacts who took part in
its consultations), the places from the municipality's place list; e-mail addresses,
phone numbers and reference numbers are found by pattern. The check can only flag
what it knows or recognises: the author confirms it before sharing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from string import ascii_uppercase

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# International or national numbers with at least seven digits, spaces, slashes or dashes.
PHONE = re.compile(r"(?<![\w+])(?:\+|0)\d[\d /().-]{5,}\d(?!\w)")
REFERENCE = re.compile(r"\b[A-ZÄÖÜ]{1,10}-\d{4}-\d{3,}\b")
# Name parts shorter than this are not looked for on their own (initials, "von").
MIN_PART = 3


class FindingKind(StrEnum):
    NAME = "name"
    PLACE = "place"
    EMAIL = "email"
    PHONE = "phone"
    REFERENCE = "reference"


@dataclass(frozen=True)
class Finding:
    kind: FindingKind
    field: str
    text: str
    start: int


@dataclass
class Known:
    """What identifies someone in a case: names of people and organisations (each with
    its label and the variants to look for), places, and the case's reference."""

    names: list[tuple[str, list[str]]] = field(default_factory=list)
    places: list[tuple[str, str]] = field(default_factory=list)
    references: list[str] = field(default_factory=list)

    def add_person(self, full: str, parts: Iterable[str | None]) -> None:
        label = f"Person {_letter(sum(1 for n, _ in self.names if n.startswith('Person')))}"
        variants = [full, *(p for p in parts if p and len(p) >= MIN_PART)]
        self.names.append((label, _unique(variants)))

    def add_organisation(self, name: str) -> None:
        count = sum(1 for n, _ in self.names if n.startswith("Organisation"))
        self.names.append((f"Organisation {_letter(count)}", [name]))

    def add_place(self, name: str) -> None:
        if name and all(name != known for _, known in self.places):
            self.places.append((f"Ort {_letter(len(self.places))}", name))


def _letter(index: int) -> str:
    return ascii_uppercase[index % 26] + ("" if index < 26 else str(index // 26))


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for value in values:
        if value.strip():
            seen.setdefault(value.strip(), None)
    return list(seen)


def _word(text: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(text)}(?!\w)", re.IGNORECASE)


def _replacements(known: Known) -> list[tuple[str, str]]:
    """(text, label) pairs, longest text first, so that a full name goes before its parts."""
    pairs = [(variant, label) for label, variants in known.names for variant in variants]
    pairs += [(name, label) for label, name in known.places]
    pairs += [(reference, "[Aktenzeichen]") for reference in known.references]
    return sorted(pairs, key=lambda pair: -len(pair[0]))


def neutralise(text: str, known: Known) -> str:
    """``text`` with every known name, place and reference replaced by its label, and
    e-mail addresses and phone numbers removed."""
    # Addresses first: a name inside an e-mail address would otherwise break it up.
    text = EMAIL.sub("[E-Mail-Adresse]", text)
    text = PHONE.sub("[Telefonnummer]", text)
    text = REFERENCE.sub("[Aktenzeichen]", text)
    for variant, label in _replacements(known):
        text = _word(variant).sub(label, text)
    return text


def check(fields: dict[str, str], known: Known) -> list[Finding]:
    """What in ``fields`` may still identify someone, in field order and position."""
    findings: list[Finding] = []
    for name, text in fields.items():
        findings.extend(_field_findings(name, text, known))
    return sorted(findings, key=lambda f: (list(fields).index(f.field), f.start))


def _field_findings(name: str, text: str, known: Known) -> list[Finding]:
    """The findings in one field; a match inside an earlier one is not repeated."""
    found: list[Finding] = []
    taken: list[tuple[int, int]] = []
    searches: list[tuple[re.Pattern[str], FindingKind]] = [
        (EMAIL, FindingKind.EMAIL),
        (PHONE, FindingKind.PHONE),
        (REFERENCE, FindingKind.REFERENCE),
    ]
    places = {place for _, place in known.places}
    for variant, _label in _replacements(known):
        kind = FindingKind.NAME
        if variant in places:
            kind = FindingKind.PLACE
        elif variant in known.references:
            kind = FindingKind.REFERENCE
        searches.append((_word(variant), kind))
    for pattern, kind in searches:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s <= start < e or start <= s < end for s, e in taken):
                continue
            taken.append((start, end))
            found.append(Finding(kind, name, match.group(0), start))
    return found
