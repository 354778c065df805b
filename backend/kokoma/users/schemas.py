from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import EmailStr, Field

from kokoma.access.permissions import Role
from kokoma.core.schemas import InputModel, Name, OutputModel, PageQuery, with_examples

PASSWORD_FIELD = Field(
    min_length=12, max_length=128, description="12–128 characters; common passwords are refused."
)


class UserCreate(InputModel):
    email: EmailStr = Field(max_length=254, examples=["a.schulze@wartburgkreis.example"])
    full_name: Name = Field(examples=["Anna Schulze"])
    role: Role
    password: str = PASSWORD_FIELD
    municipality_id: uuid.UUID | None = Field(
        default=None,
        description="Administrators choose the municipality; coordinators create in their own.",
    )


class UserUpdate(InputModel):
    full_name: Name | None = None
    role: Role | None = None
    is_active: bool | None = None
    password: str | None = Field(default=None, min_length=12, max_length=128)


class UserOut(OutputModel):
    id: uuid.UUID = Field(description="Identifier.")
    email: str = Field(description="Sign-in e-mail address.")
    full_name: str = Field(description="Name shown in the app.")
    role: Role
    municipality_id: uuid.UUID = Field(description="The municipality the account belongs to.")
    is_active: bool = Field(description="Inactive accounts cannot sign in.")
    version: int = Field(description="Current version; the ETag is this number in quotes.")
    created_at: datetime = Field(description="When it was created (UTC).")

    model_config = with_examples(
        {
            "id": "1b4e28ba-2fa1-11d2-883f-0016d3cca427",
            "email": "a.schulze@wartburgkreis.example",
            "full_name": "Anna Schulze",
            "role": "conflict_manager",
            "municipality_id": "6fa459ea-ee8a-3ca4-894e-db77e160355e",
            "is_active": True,
            "version": 1,
            "created_at": "2026-01-05T09:00:00Z",
        }
    )


class SignInDelayOut(OutputModel):
    failures: int = Field(
        description="Failed sign-ins counted against the account (last day, since its last sign-in)."
    )
    waits_until: datetime | None = Field(
        description="Until when sign-in is refused after repeated failures; null: not waiting."
    )

    model_config = with_examples({"failures": 12, "waits_until": "2026-03-02T08:15:00Z"})


class UserListQuery(PageQuery):
    role: Role | None = Field(default=None, description="Only accounts with this role.")
    municipality_id: uuid.UUID | None = Field(
        default=None, description="Only accounts of this municipality (administrators)."
    )
