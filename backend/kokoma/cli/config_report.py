"""The effective configuration as ``kokoma check-config`` prints it, secrets masked."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

from sqlalchemy.engine import make_url

from kokoma.settings import Settings

MASK = "********"
_SECRETS = {"secret_key", "metrics_token", "smtp_password"}
_URLS = {"database_url", "redis_url"}


def _shown(settings: Settings, name: str, value: object) -> str:
    if name in _SECRETS:
        if value:
            return MASK
        return "(generated into the data directory)" if name == "secret_key" else "(unset)"
    if name == "smtp_url" and value:
        parts = urlsplit(str(value))
        if parts.password:
            host = parts.netloc.rsplit("@", 1)[-1]
            return parts._replace(netloc=f"{parts.username}:***@{host}").geturl()
        return str(value)
    if name in _URLS and value:
        # Passwords inside connection URLs are as secret as the key.
        return make_url(str(value)).render_as_string(hide_password=True)
    return str(value)


def effective_configuration(settings: Settings) -> Iterator[tuple[str, str]]:
    """Every setting as its environment variable and the value in effect."""
    for name in type(settings).model_fields:
        yield f"KOKOMA_{name.upper()}", _shown(settings, name, getattr(settings, name))
