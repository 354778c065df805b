"""How a domain lends its records to the attachment toolkit: one interface for all."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy.ext.asyncio import AsyncSession

from kokoma.access.permissions import Permission
from kokoma.access.principal import Principal


class Owned(Protocol):
    """A record attachments hang off: any tenant-owned row."""

    @property
    def id(self) -> uuid.UUID: ...

    @property
    def municipality_id(self) -> uuid.UUID: ...


# (session, caller, record id, for_change) -> the record. Raises 404 when the caller may
# not see it, 403 when the caller sees it but may not read (or change) its files, and
# 409 when the record may not change any more (for_change).
FindOwner = Callable[[AsyncSession, Principal, uuid.UUID, bool], Awaitable[Owned]]


@dataclass(frozen=True)
class AttachmentOwner:
    """A kind of record that can carry attachments, and its rules.

    ``read`` and ``write`` are the permissions the routes demand; ``find`` applies the
    record's own rules on top (visibility, who may change it, whether it is closed).
    """

    kind: str  # stored in Attachment.owner_type; audit actions and events start with it
    # Path of one record within the domain router the routes are added to, e.g.
    # "/{case_id}" under "/cases"; id_param names its id.
    record_path: str
    id_param: str
    read: Permission
    write: Permission
    find: FindOwner
    # Whether uploads and deletions are webhook events (``<kind>.attachment_added``,
    # ``_removed``); a kind whose records API clients never see leaves them to the audit log.
    events: bool = True
    # What an event says of the record besides its id, e.g. the case a consultation
    # belongs to (webhook delivery hides the events of cases a client may not see).
    event_context: Callable[[Any], dict[str, Any]] | None = None


# Every kind of record that carries attachments, by kind (filled as routes are added).
OWNERS: dict[str, AttachmentOwner] = {}


def register(owner: AttachmentOwner) -> AttachmentOwner:
    """Make ``owner`` known by its kind; a kind is registered once."""
    known = OWNERS.setdefault(owner.kind, owner)
    if known is not owner:
        raise RuntimeError(f"attachment owner {owner.kind!r} is registered twice")
    return owner
