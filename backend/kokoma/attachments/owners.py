"""How a domain lends its records to the attachment toolkit."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal


class Owned(Protocol):
    """A record attachments hang off: any tenant-owned row."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def municipality_id(self) -> uuid.UUID: ...


# (session, caller, record id, for_change) -> the record; raises 404 when the caller
# may not see it and 409 when it may not change any more (for_change).
FindOwner = Callable[[AsyncSession, Principal, uuid.UUID, bool], Awaitable[Owned]]


@dataclass(frozen=True)
class AttachmentOwner:
    """A kind of record that can carry attachments, and its rules.

    Attachments are read with ``read`` and the record's visibility, changed with
    ``write`` and the record's rules for changing it, both decided by ``find``.
    """

    kind: str  # stored in Attachment.owner_type; also the prefix of its events
    # Path of one record within the domain router that includes the attachment routes,
    # e.g. "/{case_id}" under "/cases"; id_param names its id.
    record_path: str
    id_param: str
    read: Permission
    write: Permission
    find: FindOwner
