"""Password policy and argon2id hashing (pwdlib), kept off the event loop."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from importlib import resources

from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from kokoma.settings import get_settings

MIN_LENGTH = 12
MAX_LENGTH = 128


@lru_cache
def _hasher() -> PasswordHash:
    settings = get_settings()
    return PasswordHash(
        (
            Argon2Hasher(
                time_cost=settings.argon2_time_cost, memory_cost=settings.argon2_memory_cost
            ),
        )
    )


@lru_cache
def _common_passwords() -> frozenset[str]:
    text = resources.files("kokoma.access").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def password_problem(password: str) -> str | None:
    """Why ``password`` is not acceptable, or ``None`` when it is."""
    if len(password) < MIN_LENGTH:
        return f"The password must have at least {MIN_LENGTH} characters."
    if len(password) > MAX_LENGTH:
        return f"The password must have at most {MAX_LENGTH} characters."
    if password.lower() in _common_passwords() or len(set(password)) < 4:
        return "This password is too common; choose another one."
    return None


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """Check a password; the second value is a new hash when the parameters changed."""
    return await asyncio.to_thread(_hasher().verify_and_update, password, password_hash)


_DUMMY_HASH: str | None = None


async def burn_verification_time(password: str) -> None:
    """Spend the time of a real check, so unknown accounts do not answer faster."""
    global _DUMMY_HASH
    if _DUMMY_HASH is None:
        _DUMMY_HASH = await hash_password("kokoma-timing-equaliser")
    await verify_password(password, _DUMMY_HASH)
