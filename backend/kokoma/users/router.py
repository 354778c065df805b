from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Response

from kokoma.access.permissions import Permission as P
from kokoma.auth.caller import Caller
from kokoma.core.http import AppSettings, DbSession, IfMatch, set_etag
from kokoma.core.openapi import problems
from kokoma.core.schemas import Page
from kokoma.users import service
from kokoma.users.schemas import SignInDelayOut, UserCreate, UserListQuery, UserOut, UserUpdate

router = APIRouter(prefix="/users", tags=["users"])
# Coordinators manage their municipality's accounts, administrators everyone's:
# the service widens the scope for users:any_municipality.
MANAGE = P.USERS_MANAGE


@router.get("", response_model=Page[UserOut], responses=problems(400))
async def list_users(
    session: DbSession,
    principal: Caller(MANAGE),
    query: Annotated[UserListQuery, Query()],
) -> Page[UserOut]:
    """Accounts the caller may manage, by name."""
    items, next_cursor = await service.list_users(session, principal, query)
    return Page(items=[UserOut.model_validate(u) for u in items], next_cursor=next_cursor)


@router.post("", status_code=201, response_model=UserOut, responses=problems(404, 409))
async def create_user(
    body: UserCreate, response: Response, session: DbSession, principal: Caller(MANAGE)
) -> UserOut:
    user = await service.create_user(session, principal, body)
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.get("/{user_id}", response_model=UserOut, responses=problems(404))
async def get_user(
    user_id: uuid.UUID, response: Response, session: DbSession, principal: Caller(MANAGE)
) -> UserOut:
    user = await service.get_user(session, principal, user_id)
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.patch("/{user_id}", response_model=UserOut, responses=problems(404, 412, 428))
async def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    response: Response,
    session: DbSession,
    principal: Caller(MANAGE),
    if_match: IfMatch = None,
) -> UserOut:
    user = await service.update_user(session, principal, user_id, body, if_match)
    set_etag(response, user.version)
    return UserOut.model_validate(user)


@router.get("/{user_id}/sign-in-delay", response_model=SignInDelayOut, responses=problems(404))
async def get_sign_in_delay(
    user_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: Caller(MANAGE)
) -> SignInDelayOut:
    """Whether the account waits after repeated failed sign-ins, and until when."""
    delay = await service.sign_in_delay(session, principal, settings, user_id)
    return SignInDelayOut.model_validate(delay, from_attributes=True)


@router.delete("/{user_id}/sign-in-delay", response_model=SignInDelayOut, responses=problems(404))
async def lift_sign_in_delay(
    user_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: Caller(MANAGE)
) -> SignInDelayOut:
    """Lift the wait: the account may sign in again at once (audited)."""
    delay = await service.lift_sign_in_delay(session, principal, settings, user_id)
    return SignInDelayOut.model_validate(delay, from_attributes=True)
