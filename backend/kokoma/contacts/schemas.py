"""Request and response bodies of network contacts, relations and the network graph."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import EmailStr, Field, StringConstraints

from kokoma.contacts.models import ActorGroup, ContactKind, LegalBasis, RelationType
from kokoma.core.schemas import InputModel, OutputModel, PageQuery, Text, with_examples

MAX_TOPICS = 20
Topic = Text(80, 1)
Phone = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9 ()/.\-]{3,49}$")
]

_DOC = {
    "id": "Identifier of the contact.",
    "kind": "`person` or `organisation`.",
    "name": (
        "An organisation's name, or the name a person is shown under. For a person it may be "
        "left out; it is then made from given and family name."
    ),
    "given_name": "A person's given name (not for organisations).",
    "family_name": "A person's family name (not for organisations).",
    "actor_group": "The part of local society the contact belongs to.",
    "position": "Position or function, e.g. `Bürgermeisterin` or `Vorsitzender`.",
    "organisation_id": (
        "The organisation (a contact of kind `organisation`) this contact belongs to."
    ),
    "email": "E-mail address.",
    "phone": "Telephone number.",
    "address": "Postal address, free text.",
    "topics": f"Topics the contact is active in, at most {MAX_TOPICS}.",
    "legal_basis": (
        "Why the data may be kept: `consent` (Art. 6(1)(a) GDPR), `public_task` (Art. 6(1)(e)), "
        "`legitimate_interest` (Art. 6(1)(f)) or `publicly_available` (official, public data)."
    ),
    "consent_date": "The day consent was given; required with `consent`, refused otherwise.",
    "consent_expires_on": (
        "The last day the consent holds, if it was given for a limited time (with `consent` "
        "only); an unlinked contact whose consent has run out is due for deletion."
    ),
    "steering_group_member": "Whether the contact sits on the local steering group.",
    "notes": "Internal notes about the contact.",
    "version": "The record's version; its ETag is this number in quotes.",
    "relation_type": "What links the two contacts.",
    "directed": (
        "True when the relation points from source to target (e.g. funding); false when it "
        "reads the same both ways (e.g. tension)."
    ),
    "note": "A short note on the relation.",
}


_ORG_ID = "5c0e7e0f-3b7b-4a7e-8f59-2a1d3c4b5e6f"
_OTHER_ID = "7d2f4a10-2222-4b8c-9d0e-1f2a3b4c5d6e"
_RELATION_ID = "9e1c2b7a-1111-4c3d-8e5f-0a1b2c3d4e5f"
_ORG_REF = {
    "id": _ORG_ID,
    "name": "Bürgerinitiative Lebenswertes Werratal",
    "kind": "organisation",
    "actor_group": "civil_society",
}


def doc(name: str, **kwargs: Any) -> Any:
    """``Field`` with the shared description of ``name``."""
    return Field(description=_DOC[name], **kwargs)


class ContactSort(StrEnum):
    NAME = "name"
    NAME_DESC = "-name"
    CREATED = "created_at"
    CREATED_DESC = "-created_at"
    UPDATED = "updated_at"
    UPDATED_DESC = "-updated_at"


MAX_GRAPH_NODES = 2000


class ContactSelection(InputModel):
    """Which contacts: the filters the contact list and the network map share."""

    actor_group: list[ActorGroup] = Field(
        default_factory=list,
        max_length=len(ActorGroup),
        description="Only these actor groups (repeatable).",
    )
    kind: ContactKind | None = Field(default=None, description="Only persons or organisations.")
    steering_group: bool | None = Field(
        default=None, description="Only steering-group members (true) or non-members (false)."
    )


class ContactListQuery(PageQuery, ContactSelection):
    """Filters combine with AND."""

    topic: Text(80) | None = Field(default=None, description="Only contacts with this topic.")
    organisation_id: uuid.UUID | None = Field(
        default=None, description="Only members of this organisation."
    )
    q: Text(100) | None = Field(
        default=None, description="Words to find in names and organisation names."
    )
    sort: ContactSort = Field(
        default=ContactSort.NAME,
        description="Order by `name`, `created_at` or `updated_at`; `-` for descending.",
    )


class NetworkGraphQuery(ContactSelection):
    relation_type: list[RelationType] = Field(
        default_factory=list,
        max_length=len(RelationType),
        description="Only these relation types (repeatable).",
    )
    max_nodes: int = Field(
        default=500, ge=1, le=MAX_GRAPH_NODES, description="At most this many contacts."
    )


class RelationListQuery(PageQuery):
    relation_type: RelationType | None = Field(
        default=None, description="Only relations of this type."
    )


class ContactCreate(InputModel):
    """A new contact. Persons need a name or a given or family name; organisations a name."""

    kind: ContactKind = doc("kind")
    name: Text(200) | None = doc(
        "name", default=None, examples=["Bürgerinitiative Lebenswertes Werratal"]
    )
    given_name: Text(100) | None = doc("given_name", default=None, examples=["Katrin"])
    family_name: Text(100) | None = doc("family_name", default=None, examples=["Wagner"])
    actor_group: ActorGroup = doc("actor_group")
    position: Text(200) | None = doc("position", default=None, examples=["Sprecherin"])
    organisation_id: uuid.UUID | None = doc("organisation_id", default=None)
    email: EmailStr | None = doc("email", default=None, max_length=254)
    phone: Phone | None = doc("phone", default=None, examples=["+49 3695 61-0"])
    address: Text(500) | None = doc("address", default=None)
    topics: list[Topic] = doc("topics", default_factory=list, max_length=MAX_TOPICS)
    legal_basis: LegalBasis = doc("legal_basis")
    consent_date: date | None = doc("consent_date", default=None)
    consent_expires_on: date | None = doc("consent_expires_on", default=None)
    steering_group_member: bool = doc("steering_group_member", default=False)
    notes: Text(5000) | None = doc("notes", default=None)

    model_config = with_examples(
        {
            "kind": "person",
            "given_name": "Katrin",
            "family_name": "Wagner",
            "actor_group": "civil_society",
            "position": "Sprecherin",
            "organisation_id": _ORG_ID,
            "email": "k.wagner@example.org",
            "topics": ["Windkraft", "Bürgerbeteiligung"],
            "legal_basis": "consent",
            "consent_date": "2026-02-11",
        }
    )


class ContactUpdate(InputModel):
    """Fields to change; those left out stay as they are, `null` clears optional ones.

    Required fields are typed without `| None`: the default is not validated, an
    explicit null is (422), as with ``keep_if_absent``.
    """

    name: Text(200) | None = doc("name", default=None)
    given_name: Text(100) | None = doc("given_name", default=None)
    family_name: Text(100) | None = doc("family_name", default=None)
    actor_group: ActorGroup = doc("actor_group", default=None)
    position: Text(200) | None = doc("position", default=None)
    organisation_id: uuid.UUID | None = doc("organisation_id", default=None)
    email: EmailStr | None = doc("email", default=None, max_length=254)
    phone: Phone | None = doc("phone", default=None)
    address: Text(500) | None = doc("address", default=None)
    topics: list[Topic] | None = doc("topics", default=None, max_length=MAX_TOPICS)
    legal_basis: LegalBasis = doc("legal_basis", default=None)
    consent_date: date | None = doc("consent_date", default=None)
    consent_expires_on: date | None = doc("consent_expires_on", default=None)
    steering_group_member: bool = doc("steering_group_member", default=None)
    notes: Text(5000) | None = doc("notes", default=None)

    model_config = with_examples({"position": "Vorsitzende", "steering_group_member": True})


class ContactRef(OutputModel):
    """A contact named in another record."""

    id: uuid.UUID = doc("id")
    name: str = doc("name")
    kind: ContactKind = doc("kind")
    actor_group: ActorGroup = doc("actor_group")

    model_config = with_examples(_ORG_REF)


class ContactOut(OutputModel):
    """A network contact."""

    id: uuid.UUID = doc("id")
    kind: ContactKind = doc("kind")
    name: str = doc("name")
    given_name: str | None = doc("given_name")
    family_name: str | None = doc("family_name")
    actor_group: ActorGroup = doc("actor_group")
    position: str | None = doc("position")
    organisation: ContactRef | None = doc("organisation_id")
    email: str | None = doc("email")
    phone: str | None = doc("phone")
    address: str | None = doc("address")
    topics: list[str] = doc("topics")
    legal_basis: LegalBasis = doc("legal_basis")
    consent_date: date | None = doc("consent_date")
    consent_expires_on: date | None = doc("consent_expires_on")
    steering_group_member: bool = doc("steering_group_member")
    notes: str | None = doc("notes")
    version: int = doc("version")
    created_at: datetime = Field(description="When the contact was recorded.")
    updated_at: datetime = Field(description="When the contact was last changed.")

    model_config = with_examples(
        {
            "id": "0b6f3a52-5d1e-4f0a-9a43-6f2d8c1e7b10",
            "kind": "person",
            "name": "Katrin Wagner",
            "given_name": "Katrin",
            "family_name": "Wagner",
            "actor_group": "civil_society",
            "position": "Sprecherin",
            "organisation": _ORG_REF,
            "email": "k.wagner@example.org",
            "phone": "+49 36922 1234",
            "address": "Marktstraße 4, 99834 Gerstungen",
            "topics": ["Windkraft", "Bürgerbeteiligung"],
            "legal_basis": "consent",
            "consent_date": "2026-02-11",
            "consent_expires_on": None,
            "steering_group_member": False,
            "notes": "Erreichbar am besten abends.",
            "version": 3,
            "created_at": "2026-02-11T09:30:00Z",
            "updated_at": "2026-03-02T14:05:00Z",
        }
    )


class RelationCreate(InputModel):
    """A relation from the contact in the path (source) to `target_id`."""

    target_id: uuid.UUID = Field(description="The other contact, of the same municipality.")
    relation_type: RelationType = doc("relation_type")
    directed: bool = doc("directed", default=False)
    note: Text(1000) | None = doc("note", default=None, examples=["Gemeinsame Mahnwache 2025"])

    model_config = with_examples(
        {"target_id": _OTHER_ID, "relation_type": "conflict", "note": "Streit um Abstandsflächen"}
    )


class RelationUpdate(InputModel):
    """Fields to change; the two contacts of a relation stay fixed."""

    relation_type: RelationType | None = doc("relation_type", default=None)
    directed: bool | None = doc("directed", default=None)
    note: Text(1000) | None = doc("note", default=None)

    model_config = with_examples({"relation_type": "tension", "note": "Entspannt seit Mediation"})


class RelationOut(OutputModel):
    """A relation between two contacts."""

    id: uuid.UUID = Field(description="Identifier of the relation.")
    source: ContactRef = Field(description="The contact the relation starts from.")
    target: ContactRef = Field(description="The contact the relation points to.")
    relation_type: RelationType = doc("relation_type")
    directed: bool = doc("directed")
    note: str | None = doc("note")
    version: int = doc("version")
    created_at: datetime = Field(description="When the relation was recorded.")

    model_config = with_examples(
        {
            "id": _RELATION_ID,
            "source": _ORG_REF,
            "target": {
                "id": _OTHER_ID,
                "name": "Windpark Werra-Rhön GmbH",
                "kind": "organisation",
                "actor_group": "business",
            },
            "relation_type": "conflict",
            "directed": False,
            "note": "Streit um Abstandsflächen seit 2025",
            "version": 1,
            "created_at": "2026-03-02T14:05:00Z",
        }
    )


_NODES = [
    {
        "id": _ORG_ID,
        "label": _ORG_REF["name"],
        "actor_group": "civil_society",
        "kind": "organisation",
    },
    {
        "id": _OTHER_ID,
        "label": "Windpark Werra-Rhön GmbH",
        "actor_group": "business",
        "kind": "organisation",
    },
]
_EDGE = {
    "id": _RELATION_ID,
    "source": _ORG_ID,
    "target": _OTHER_ID,
    "relation_type": "conflict",
    "directed": False,
}


class GraphNode(OutputModel):
    """A contact on the network map."""

    id: uuid.UUID = doc("id")
    label: str = Field(description="The contact's name.")
    actor_group: ActorGroup = doc("actor_group")
    kind: ContactKind = doc("kind")

    model_config = with_examples(_NODES[0])


class GraphEdge(OutputModel):
    """A relation on the network map."""

    id: uuid.UUID = Field(description="Identifier of the relation.")
    source: uuid.UUID = Field(description="Node id the edge starts from.")
    target: uuid.UUID = Field(description="Node id the edge points to.")
    relation_type: RelationType = doc("relation_type")
    directed: bool = doc("directed")

    model_config = with_examples(_EDGE)


class NetworkGraph(OutputModel):
    """The contact network: nodes and the relations among them."""

    nodes: list[GraphNode] = Field(description="Contacts, alphabetically.")
    edges: list[GraphEdge] = Field(description="Relations whose two contacts are both nodes.")
    truncated: bool = Field(
        description="True when the limits cut nodes or edges off; narrow the filters."
    )

    model_config = with_examples({"nodes": _NODES, "edges": [_EDGE], "truncated": False})
