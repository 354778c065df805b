"""Where webhooks may be sent: public HTTPS endpoints only (no SSRF into our network).

A target is checked twice: its URL when the subscription is saved, and every
address its host resolves to right before each delivery, which is then made to
exactly the address that was checked (so DNS cannot be switched in between).
Loopback targets are allowed only with ``KOKOMA_WEBHOOK_ALLOW_LOOPBACK``, for
local development and tests; private, link-local and other non-public
addresses never are.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class TargetRefused(ValueError):
    """The URL or the address it resolves to may not receive webhooks."""


@dataclass(frozen=True)
class ResolvedTarget:
    url: str  # the URL with the checked address in place of the host name
    host_header: str
    server_name: str | None  # the host name for TLS (SNI and certificate check)


def _is_loopback_name(host: str) -> bool:
    return host == "localhost" or host.endswith(".localhost")


def _literal_address(host: str) -> IPAddress | None:
    """The address a host names literally, in any notation the resolver accepts.

    Besides dotted quads, the C resolver reads decimal (``2130706433``), hex
    (``0x7f.1``), octal (``0177.0.0.1``) and short (``127.1``) IPv4 forms, also with
    a trailing dot; read alike here, so that saving and delivery apply the same rules.
    """
    try:
        return ipaddress.ip_address(host)
    except ValueError:
        pass
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host.removesuffix(".")))
    except OSError:
        return None


def _check_address(address: IPAddress, allow_loopback: bool) -> None:
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped
    if address.is_loopback and allow_loopback:
        return
    if not address.is_global or address.is_multicast:
        raise TargetRefused(f"The address {address} is not a public internet address.")


def check_target_url(url: str, *, allow_loopback: bool) -> str:
    """Refuse URLs that are not public HTTPS endpoints; returns the URL without fragment."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        parts.port  # noqa: B018 - raises ValueError on an invalid port
    except ValueError as exc:
        raise TargetRefused("The port is not valid.") from exc
    if not host:
        raise TargetRefused("The URL needs a host.")
    if parts.username or parts.password:
        raise TargetRefused("Credentials do not belong in the URL; verify the signature instead.")
    address = _literal_address(host)
    loopback = _is_loopback_name(host) or bool(address and address.is_loopback)
    if loopback and not allow_loopback:
        raise TargetRefused("Loopback addresses cannot receive webhooks.")
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise TargetRefused("Webhook targets must use https.")
    if address is not None:
        _check_address(address, allow_loopback)
    return parts._replace(fragment="").geturl()


async def resolve_target(url: str, *, allow_loopback: bool) -> ResolvedTarget:
    """Resolve the target's host and check every address it has."""
    check_target_url(url, allow_loopback=allow_loopback)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise TargetRefused(f"The host {host} cannot be resolved.") from exc
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    for address in addresses:
        _check_address(address, allow_loopback)
    chosen = addresses[0]
    netloc = f"[{chosen}]" if chosen.version == 6 else str(chosen)
    if parts.port:
        netloc += f":{parts.port}"
    return ResolvedTarget(
        url=parts._replace(netloc=netloc, fragment="").geturl(),
        host_header=parts.netloc,
        server_name=host if parts.scheme == "https" else None,
    )
