/** A contact as the form edits it, and the request bodies made from it. */
import type { PickedContact } from "./ContactPicker";
import type { ActorGroup, Contact, ContactCreate, ContactKind, ContactUpdate, LegalBasis } from "./model";

export type ContactValues = {
  kind: ContactKind;
  name: string;
  given_name: string;
  family_name: string;
  actor_group: ActorGroup | "";
  position: string;
  organisation: PickedContact | null;
  email: string;
  phone: string;
  address: string;
  /** Comma-separated, as typed. */
  topics: string;
  legal_basis: LegalBasis | "";
  consent_date: string;
  consent_expires_on: string;
  steering_group_member: boolean;
  notes: string;
};

/** The fields a user edits, in form order (for the comparison after a stale save). */
export const CONTACT_FIELDS = [
  "name",
  "given_name",
  "family_name",
  "actor_group",
  "position",
  "organisation",
  "email",
  "phone",
  "address",
  "topics",
  "legal_basis",
  "consent_date",
  "consent_expires_on",
  "steering_group_member",
  "notes",
] as const satisfies readonly (keyof ContactValues)[];

export type ContactField = (typeof CONTACT_FIELDS)[number];

/** Where the API reports errors of a form field (`body.organisation_id` for the organisation). */
export function apiField(field: ContactField | "kind"): string {
  return field === "organisation" ? "organisation_id" : field;
}

export const EMPTY_CONTACT: ContactValues = {
  kind: "person",
  name: "",
  given_name: "",
  family_name: "",
  actor_group: "",
  position: "",
  organisation: null,
  email: "",
  phone: "",
  address: "",
  topics: "",
  legal_basis: "",
  consent_date: "",
  consent_expires_on: "",
  steering_group_member: false,
  notes: "",
};

export function valuesOf(contact: Contact): ContactValues {
  return {
    kind: contact.kind,
    name: contact.name,
    given_name: contact.given_name ?? "",
    family_name: contact.family_name ?? "",
    actor_group: contact.actor_group,
    position: contact.position ?? "",
    organisation: contact.organisation ? { id: contact.organisation.id, name: contact.organisation.name } : null,
    email: contact.email ?? "",
    phone: contact.phone ?? "",
    address: contact.address ?? "",
    topics: contact.topics.join(", "),
    legal_basis: contact.legal_basis,
    consent_date: contact.consent_date ?? "",
    consent_expires_on: contact.consent_expires_on ?? "",
    steering_group_member: contact.steering_group_member,
    notes: contact.notes ?? "",
  };
}

export function parseTopics(text: string): string[] {
  const seen = new Set<string>();
  for (const part of text.split(",")) {
    const topic = part.trim();
    if (topic) seen.add(topic);
  }
  return [...seen];
}

function text(value: string): string | null {
  const trimmed = value.trim();
  return trimmed ? trimmed : null;
}

/** The value of one field as the API takes it. */
function apiValue(values: ContactValues, field: ContactField): unknown {
  switch (field) {
    case "organisation":
      return values.organisation?.id ?? null;
    case "topics":
      return parseTopics(values.topics);
    case "steering_group_member":
      return values.steering_group_member;
    case "actor_group":
    case "legal_basis":
      return values[field] || null;
    case "consent_date":
    case "consent_expires_on":
      // Only consent has dates; the API refuses them with any other basis.
      return values.legal_basis === "consent" ? text(values[field]) : null;
    default:
      return text(values[field]);
  }
}

export function createBody(values: ContactValues): ContactCreate {
  const body: Record<string, unknown> = { kind: values.kind };
  for (const field of CONTACT_FIELDS) {
    const value = apiValue(values, field);
    if (value !== null && !(Array.isArray(value) && value.length === 0)) body[apiField(field)] = value;
  }
  return body as unknown as ContactCreate;
}

/** Only what the user changed from `base`: fields left out stay as they are on the server. */
export function updateBody(base: ContactValues, values: ContactValues): ContactUpdate {
  const body: Record<string, unknown> = {};
  for (const field of CONTACT_FIELDS) {
    const before = JSON.stringify(apiValue(base, field));
    const after = apiValue(values, field);
    if (JSON.stringify(after) !== before) body[apiField(field)] = after;
  }
  return body as ContactUpdate;
}
