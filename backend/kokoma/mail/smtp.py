"""Talking to the SMTP server: ``KOKOMA_SMTP_URL`` (``smtp://`` with STARTTLS,
``smtps://`` with implicit TLS, ``smtp+plain://`` without encryption for a relay on
the same host), credentials from ``KOKOMA_SMTP_USERNAME``/``KOKOMA_SMTP_PASSWORD``."""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import urlsplit

import aiosmtplib

from kokoma.mail.texts import Rendered
from kokoma.settings import Settings

SCHEMES = {"smtp": "starttls", "smtps": "tls", "smtp+plain": "plain"}
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "plain": 25}


class SmtpUrlError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpServer:
    host: str
    port: int
    security: str  # starttls, tls or plain
    username: str | None
    password: str | None


def parse_smtp_url(url: str) -> SmtpServer:
    """The server ``url`` names; a clear error for a URL without a host or scheme."""
    parts = urlsplit(url)
    security = SCHEMES.get(parts.scheme)
    if security is None:
        raise SmtpUrlError("The SMTP URL must start with smtp://, smtps:// or smtp+plain://.")
    if not parts.hostname:
        raise SmtpUrlError("The SMTP URL names no host.")
    try:
        port = parts.port or DEFAULT_PORTS[security]
    except ValueError as exc:
        raise SmtpUrlError("The SMTP URL has an invalid port.") from exc
    return SmtpServer(
        host=parts.hostname,
        port=port,
        security=security,
        username=parts.username,
        password=parts.password,
    )


def server_of(settings: Settings) -> SmtpServer | None:
    """The configured server with the credentials from the environment, or None."""
    if not settings.smtp_url:
        return None
    server = parse_smtp_url(settings.smtp_url)
    return SmtpServer(
        host=server.host,
        port=server.port,
        security=server.security,
        username=settings.smtp_username or server.username,
        password=settings.smtp_password or server.password,
    )


def compose(
    settings: Settings,
    to: str,
    rendered: Rendered,
    calendar: str | None,
    attachment: tuple[str, bytes] | None = None,
) -> EmailMessage:
    """Plain text with an HTML alternative, the invitation (or its cancellation) as
    text/calendar, and a PDF as (file name, content)."""
    message = EmailMessage()
    message["From"] = settings.smtp_from
    message["To"] = to
    message["Subject"] = rendered.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    message["Message-ID"] = make_msgid(domain=settings.smtp_from.rsplit("@", 1)[-1].strip("> "))
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    if calendar:
        method = _calendar_method(calendar)
        message.add_attachment(
            calendar.encode(),
            maintype="text",
            subtype="calendar",
            filename="absage.ics" if method == "CANCEL" else "einladung.ics",
            params={"method": method},
        )
    if attachment:
        name, content = attachment
        message.add_attachment(content, maintype="application", subtype="pdf", filename=name)
    return message


def _calendar_method(calendar: str) -> str:
    """The iTIP method the calendar names (RFC 5546): mail clients read it from the part's
    content type too."""
    for line in calendar.splitlines():
        if line.upper().startswith("METHOD:"):
            return line.split(":", 1)[1].strip().upper()
    return "REQUEST"


async def send(settings: Settings, server: SmtpServer, message: EmailMessage) -> None:
    """One SMTP conversation; raises ``aiosmtplib.SMTPException`` or ``OSError``."""
    await aiosmtplib.send(
        message,
        hostname=server.host,
        port=server.port,
        username=server.username,
        password=server.password,
        use_tls=server.security == "tls",
        start_tls=True if server.security == "starttls" else False,
        timeout=settings.smtp_timeout_seconds,
        validate_certs=settings.smtp_validate_certs,
    )
