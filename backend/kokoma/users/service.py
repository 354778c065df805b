"""User accounts: administrators manage all, coordinators those of their municipality."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.passwords import hash_password, password_problem
from kokoma.access.permissions import Permission, Role, roles_grantable_by
from kokoma.access.principal import Principal
from kokoma.audit import service as audit
from kokoma.auth import throttle
from kokoma.auth.models import AuthSession
from kokoma.core.concurrency import check_if_match, commit_versioned
from kokoma.core.pagination import SortKey, paginate
from kokoma.core.tenancy import scoped
from kokoma.db import utcnow
from kokoma.errors import Conflict, Forbidden, NotFound, invalid
from kokoma.mail.models import MailKind
from kokoma.mail.notify import notify
from kokoma.municipalities.models import Municipality
from kokoma.settings import Settings
from kokoma.users.models import User
from kokoma.users.schemas import UserCreate, UserListQuery, UserUpdate


def _visible(principal: Principal) -> Select[Any]:
    if principal.can(Permission.USERS_ANY_MUNICIPALITY):
        return select(User)
    return scoped(User, principal)


def _check_password(password: str) -> None:
    problem = password_problem(password)
    if problem:
        raise invalid("body.password", problem, "password_policy")


def _check_grantable(principal: Principal, role: Role) -> None:
    assert principal.role is not None
    if role not in roles_grantable_by(principal.role):
        raise Forbidden(f"You cannot give the role '{role.value}'.")


async def register_user(
    session: AsyncSession,
    *,
    municipality_id: uuid.UUID,
    email: str,
    full_name: str,
    role: Role,
    password: str,
) -> User:
    """Create an account after checking the password policy; the caller commits."""
    _check_password(password)
    user = User(
        municipality_id=municipality_id,
        email=email.strip().lower(),
        full_name=full_name,
        role=role,
        password_hash=await hash_password(password),
    )
    session.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:
        await session.rollback()
        # Addresses are unique across municipalities (they sign in): the answer is the
        # same wherever the address is used, and names neither the account nor where.
        raise Conflict("This e-mail address cannot be used for a new account.") from exc
    return user


async def list_users(
    session: AsyncSession,
    principal: Principal,
    query: UserListQuery,
) -> tuple[list[User], str | None]:
    """Accounts the caller may manage, sorted by name."""
    stmt = _visible(principal)
    if query.role:
        stmt = stmt.where(User.role == query.role)
    if query.municipality_id:
        stmt = stmt.where(User.municipality_id == query.municipality_id)
    return await paginate(
        session,
        stmt,
        keys=[SortKey(User.full_name)],
        id_column=User.id,
        limit=query.limit,
        cursor=query.cursor,
    )


async def get_user(session: AsyncSession, principal: Principal, user_id: uuid.UUID) -> User:
    user = await session.scalar(_visible(principal).where(User.id == user_id))
    if user is None:
        raise NotFound("User")
    return user


async def _home_of_new_user(
    session: AsyncSession, principal: Principal | None, data: UserCreate
) -> uuid.UUID:
    if principal is not None:
        _check_grantable(principal, data.role)
        if not (data.municipality_id and principal.can(Permission.USERS_ANY_MUNICIPALITY)):
            return principal.municipality_id
    if data.municipality_id is None or not await session.get(Municipality, data.municipality_id):
        raise NotFound("Municipality")
    return data.municipality_id


async def create_user(
    session: AsyncSession, principal: Principal | None, data: UserCreate
) -> User:
    """Create an account in the caller's municipality (or any, for administrators).
    Without ``principal`` the operator creates it on the command line, in the
    municipality ``data`` names."""
    municipality_id = await _home_of_new_user(session, principal, data)
    user = await register_user(
        session,
        municipality_id=municipality_id,
        email=str(data.email),
        full_name=data.full_name,
        role=data.role,
        password=data.password,
    )
    audit.record(
        session,
        "user.create",
        principal=principal,
        target=audit.Target("user", user.id),
        actor_label=None if principal else audit.OPERATOR,
        municipality_id=None if principal else municipality_id,
        details={"role": data.role.value},
    )
    await session.commit()
    return user


async def update_user(
    session: AsyncSession,
    principal: Principal,
    user_id: uuid.UUID,
    data: UserUpdate,
    if_match: str | None,
) -> User:
    """Change name, role, active flag or password. Nobody changes their own role."""
    user = await get_user(session, principal, user_id)
    check_if_match(if_match, user.version)
    _check_grantable(principal, user.role)
    sent = data.model_dump(exclude_unset=True)
    if user.id == principal.id and ("role" in sent or sent.get("is_active") is False):
        raise Forbidden("You cannot change your own role or deactivate yourself.")
    if data.role is not None:
        _check_grantable(principal, data.role)
        user.role = data.role
    if data.full_name is not None:
        user.full_name = data.full_name
    if data.password is not None:
        _check_password(data.password)
        user.password_hash = await hash_password(data.password)
    if data.is_active is not None:
        user.is_active = data.is_active
    if data.password is not None or data.is_active is False or data.role is not None:
        await _end_sessions(session, user.id)
    if data.password is not None:
        await notify(session, user_id=user.id, kind=MailKind.PASSWORD_CHANGED)
    if data.is_active is False and "is_active" in sent:
        await notify(session, user_id=user.id, kind=MailKind.ACCOUNT_LOCKED)
    audit.record(
        session,
        "user.update",
        principal=principal,
        target=audit.Target("user", user.id),
        details={"fields": sorted(sent)},
    )
    await commit_versioned(session)
    return user


async def sign_in_delay(
    session: AsyncSession, principal: Principal, settings: Settings, user_id: uuid.UUID
) -> throttle.AccountDelay:
    """Failed sign-ins counted against the account, and until when it must wait."""
    user = await get_user(session, principal, user_id)
    return await throttle.account_delay(session, settings, user.email, user.id)


async def lift_sign_in_delay(
    session: AsyncSession, principal: Principal, settings: Settings, user_id: uuid.UUID
) -> throttle.AccountDelay:
    """Let the account sign in again at once: its failures so far stop counting."""
    user = await get_user(session, principal, user_id)
    audit.record(
        session, throttle.DELAY_LIFTED, principal=principal, target=audit.Target("user", user.id)
    )
    await session.commit()
    return await throttle.account_delay(session, settings, user.email, user.id)


async def _end_sessions(session: AsyncSession, user_id: uuid.UUID) -> None:
    # A changed password, role or deactivation must not leave old logins running.
    open_sessions = await session.scalars(
        select(AuthSession).where(AuthSession.user_id == user_id, AuthSession.revoked_at.is_(None))
    )
    for auth_session in open_sessions:
        auth_session.revoked_at = utcnow()
