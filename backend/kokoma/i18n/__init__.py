"""The API's words in the reader's language: German by default, English on request.

The language comes from ``Accept-Language`` (the web app sends the language of its
page). Texts live in ``locales/<language>.json``, one nested catalogue per language,
looked up by dotted keys; codes stay codes, only what people read is translated.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from fastapi import Request

from kokoma.headers import weighted

LANGUAGES = ("de", "en")
DEFAULT_LANGUAGE = "de"


def negotiate(accept_language: str | None) -> str:
    """The supported language the header prefers most (``q`` weights), else German."""
    best, best_quality = DEFAULT_LANGUAGE, -1.0
    for tag, quality in weighted(accept_language):
        language = tag.split("-")[0]
        # Equal weights: the earlier entry wins, as the header lists by preference.
        if language in LANGUAGES and quality > best_quality:
            best, best_quality = language, quality
    return best if best_quality > 0 else DEFAULT_LANGUAGE


def language_of(request: Request) -> str:
    """The language to answer ``request`` in."""
    return negotiate(request.headers.get("accept-language"))


@cache
def catalogue(language: str) -> dict[str, Any]:
    """The whole catalogue of ``language`` (read once per process)."""
    text = resources.files(__package__).joinpath("locales", f"{language}.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def lookup(language: str, key: str) -> Any:
    """The entry at dotted ``key`` (``codes.topic.youth``), or None where there is none."""
    node: Any = catalogue(language)
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node


def text(language: str, key: str, default: str | None = None, **params: Any) -> str | None:
    """The text at ``key`` with ``{name}`` placeholders filled, else ``default``."""
    found = lookup(language, key)
    if not isinstance(found, str):
        return default
    return found.format(**params) if params else found
