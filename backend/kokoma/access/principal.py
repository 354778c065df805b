"""The verified caller of a request: a user or an API client, always in one municipality."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from kokoma.access.permissions import Permission, Role


@dataclass(frozen=True)
class Principal:
    id: uuid.UUID
    kind: str  # "user" or "client"
    municipality_id: uuid.UUID
    label: str
    permissions: frozenset[Permission]
    role: Role | None = None
    session_id: uuid.UUID | None = None

    @property
    def is_user(self) -> bool:
        return self.kind == "user"

    def can(self, permission: Permission) -> bool:
        return permission in self.permissions
