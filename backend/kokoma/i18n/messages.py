"""Messages people read in problem details, in the reader's language.

The English text the code raises is the message's id: ``invalid("body.x", "Consent
needs the date it was given.")`` stays as it is, and ``locales/messages.<language>.json``
says it in another language. A message built with values (``f"The slug '{slug}' is
already taken."``) is listed once as a template; its placeholders match any value and
carry it into the translation. English needs no catalogue.

Pydantic's validation errors are translated by their ``type`` and its context
(``string_too_long`` with ``max_length``); a ``value_error`` by the message of the
``ValueError`` a validator raised. What has no translation keeps its English words
(the test of the catalogue makes sure nothing the code can say lacks German).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


@cache
def catalogue(language: str) -> dict[str, dict[str, str]]:
    """``messages`` (English text → text), ``types`` (Pydantic error type → template)
    of ``language``; empty for English and for languages without a catalogue."""
    path = resources.files(__package__).joinpath("locales", f"messages.{language}.json")
    if not path.is_file():
        return {"messages": {}, "types": {}}
    loaded: dict[str, dict[str, str]] = json.loads(path.read_text("utf-8"))
    return loaded


def _compile(template: str) -> tuple[re.Pattern[str], list[str]]:
    names = _PLACEHOLDER.findall(template)
    pieces = _PLACEHOLDER.split(template)[::2]
    pattern = "(.+?)".join(re.escape(piece) for piece in pieces)
    return re.compile(f"^{pattern}$", re.DOTALL), names


@cache
def _templates(language: str) -> list[tuple[re.Pattern[str], list[str], str]]:
    """The catalogue's entries with placeholders, most specific (longest) first."""
    entries = [
        (*_compile(source), target)
        for source, target in catalogue(language)["messages"].items()
        if _PLACEHOLDER.search(source)
    ]
    entries.sort(key=lambda entry: -len(entry[0].pattern))
    return entries


def translate(language: str, message: str) -> str:
    """``message`` in ``language``; unchanged where the catalogue does not know it."""
    messages = catalogue(language)["messages"]
    if message in messages:
        return messages[message]
    for pattern, names, target in _templates(language):
        found = pattern.match(message)
        if found:
            return _fill(target, dict(zip(names, found.groups(), strict=True)))
    return message


def _fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by its value (unknown names kept)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), template)


def _context_value(language: str, value: Any) -> str:
    text = str(value)
    if language == "de":
        # Pydantic lists the allowed values as "'a', 'b' or 'c'".
        text = text.replace(" or ", " oder ")
    return text


def field_error(language: str, error: Mapping[str, Any]) -> str:
    """The message of one Pydantic error (``type``, ``msg``, ``ctx``) in ``language``."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error") and "error" in context:
        return translate(language, str(context["error"]))
    template = catalogue(language)["types"].get(kind)
    if template is None:
        return translate(language, str(error.get("msg", "")))
    return _fill(template, {name: _context_value(language, v) for name, v in context.items()})
