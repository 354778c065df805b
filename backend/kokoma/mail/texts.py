"""The words of the e-mails, German and English (``locales/*.json``), and how a message
becomes plain text and HTML. Only reference numbers, dates, counts and a link are
filled in: never case contents, party names or notes."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

LANGUAGES = ("de", "en")
_DIR = Path(__file__).parent / "locales"


@cache
def catalogue(language: str) -> dict[str, Any]:
    chosen = language if language in LANGUAGES else "de"
    result: dict[str, Any] = json.loads((_DIR / f"{chosen}.json").read_text("utf-8"))
    return result


def _mail_words(template: str, params: dict[str, Any]) -> str:
    return template.format_map({k: str(v) for k, v in params.items()})


def subject_of(kind: str, language: str, params: dict[str, Any]) -> str:
    return _mail_words(catalogue(language)["kinds"][kind]["subject"], params)[:300]


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str


def render(
    *,
    kind: str,
    language: str,
    subject: str,
    name: str,
    params: dict[str, Any],
    link: str | None,
    lines: list[str] | None = None,
) -> Rendered:
    """Plain text and HTML of a message; ``lines`` are the items of a digest."""
    words = catalogue(language)
    body = _mail_words(words["kinds"][kind]["body"], params)
    greeting = _mail_words(words["greeting"], {"name": name})
    text_parts = [greeting, "", body]
    html_parts = [f"<p>{html.escape(greeting)}</p>", f"<p>{html.escape(body)}</p>"]
    if lines:
        text_parts += [""] + [f"- {line}" for line in lines]
        items = "".join(f"<li>{html.escape(line)}</li>" for line in lines)
        html_parts.append(f"<ul>{items}</ul>")
    if link:
        opened = _mail_words(words["open"], {"link": link})
        text_parts += ["", opened]
        label = html.escape(opened.split(":", 1)[0])
        html_parts.append(f'<p><a href="{html.escape(link, quote=True)}">{label}</a></p>')
    text_parts += ["", "-- ", words["closing"]]
    html_parts.append(f"<p><small>{html.escape(words['closing'])}</small></p>")
    page = (
        f'<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{html.escape(subject)}</title></head><body>{''.join(html_parts)}</body></html>"
    )
    return Rendered(subject=subject, text="\n".join(text_parts) + "\n", html=page)
