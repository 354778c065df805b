"""Sealing values the server hands out or keeps for later: encrypted and authenticated.

AES-GCM with a key per purpose, derived from the secret key (no second secret to
manage). ``context`` is authenticated too: a value sealed for one context does not
open in another.
"""

from __future__ import annotations

import hashlib
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class Unsealable(ValueError):
    """The value was changed, cut short, or sealed for another purpose or context."""


def derive_key(secret: str, purpose: str) -> bytes:
    """A 256-bit key for ``purpose``, derived from the secret key."""
    return hashlib.sha256(f"kokoma-{purpose}\0{secret}".encode()).digest()


def seal(key: bytes, plain: bytes, context: bytes = b"") -> bytes:
    nonce = os.urandom(_NONCE_BYTES)
    return nonce + AESGCM(key).encrypt(nonce, plain, context)


def unseal(key: bytes, sealed: bytes, context: bytes = b"") -> bytes:
    try:
        return AESGCM(key).decrypt(sealed[:_NONCE_BYTES], sealed[_NONCE_BYTES:], context)
    except (InvalidTag, ValueError) as exc:
        raise Unsealable from exc
