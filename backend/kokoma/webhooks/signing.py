"""Webhook signing secrets: generated, kept encrypted, used to sign deliveries.

A delivery carries ``X-KoKoMa-Signature: t=<unix time>,v1=<hex>``, where ``<hex>``
is the HMAC-SHA256 of ``"<t>." + body`` under the subscription's secret. The
receiver recomputes it and rejects old timestamps to stop replays.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from kokoma.settings import Settings

SIGNATURE_HEADER = "X-KoKoMa-Signature"


class UnreadableSecret(Exception):
    """The secret was sealed under another application secret key."""


def new_secret() -> str:
    return "whsec_" + secrets.token_urlsafe(32)


def _fernet(settings: Settings) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"kokoma webhook secrets"
    ).derive(settings.resolved_secret_key().encode())
    return Fernet(base64.urlsafe_b64encode(key))


def seal(settings: Settings, secret: str) -> str:
    """Encrypt a signing secret for storage: a database dump alone cannot forge deliveries."""
    return _fernet(settings).encrypt(secret.encode()).decode()


def unseal(settings: Settings, sealed: str) -> str:
    try:
        return _fernet(settings).decrypt(sealed.encode()).decode()
    except InvalidToken as exc:
        raise UnreadableSecret from exc


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """The value of the signature header for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"
