/**
 * The fields of each plan section, shared by the editor and the plan view. Other sections
 * are named by key (a role in an alert-chain step): such fields offer the keys as choices.
 */
import type { ListSection } from "./model";

export type FieldKind =
  | "text"
  | "textarea"
  | "rating"
  | "level"
  | "number"
  | "select"
  | "role"
  | "scenario"
  | "date"
  /** A user of the municipality, picked by name. */
  | "user"
  /** A network contact of the municipality, picked by name. */
  | "contact";

export interface FieldSpec {
  /** The field's path inside an entry, e.g. `holder.name`. */
  name: string;
  kind: FieldKind;
  /** Choices of a `select`, labelled by `option.<group>.<value>`. Text limits come from the API (`checks.maxOf`). */
  options?: readonly string[];
  group?: string;
  required?: boolean;
  wide?: boolean;
}

const SOURCES = ["police", "press", "social_media", "administration", "civil_society", "mobile_counselling", "other"];
const CHANNELS = ["phone", "sms", "messenger", "email", "in_person", "radio"];

export const SECTION_FIELDS: Record<ListSection, readonly FieldSpec[]> = {
  scenarios: [
    { name: "key", kind: "text", required: true },
    { name: "hazard", kind: "text", required: true, wide: true },
    { name: "likelihood", kind: "rating", required: true },
    { name: "impact", kind: "rating", required: true },
    { name: "escalation_stage", kind: "number" },
    { name: "triggers", kind: "textarea", wide: true },
    { name: "affected", kind: "textarea", wide: true },
    { name: "actors", kind: "textarea", wide: true },
  ],
  indicators: [
    { name: "key", kind: "text", required: true },
    { name: "watch", kind: "text", required: true, wide: true },
    { name: "scenario_key", kind: "scenario" },
    { name: "source", kind: "select", options: SOURCES, group: "source", required: true },
    { name: "watcher_role", kind: "role" },
    { name: "frequency", kind: "text" },
    { name: "state", kind: "select", options: ["green", "yellow", "red"], group: "state", required: true },
    { name: "threshold", kind: "textarea", wide: true },
  ],
  levels: [
    { name: "level", kind: "level", required: true },
    { name: "decided_by_role", kind: "role" },
    { name: "entry_criteria", kind: "textarea", wide: true },
  ],
  roles: [
    { name: "key", kind: "text", required: true },
    { name: "title", kind: "text", required: true },
    { name: "holder.name", kind: "text" },
    { name: "holder.phone", kind: "text" },
    { name: "holder.user_id", kind: "user" },
    { name: "holder.contact_id", kind: "contact" },
    { name: "deputy.name", kind: "text" },
    { name: "deputy.phone", kind: "text" },
    { name: "deputy.user_id", kind: "user" },
    { name: "deputy.contact_id", kind: "contact" },
    { name: "availability", kind: "text", wide: true },
  ],
  alert_chain: [
    { name: "level", kind: "level", required: true },
    { name: "from_role", kind: "role", required: true },
    { name: "to_role", kind: "role", required: true },
    { name: "channel", kind: "select", options: CHANNELS, group: "channel", required: true },
    { name: "answer_within_minutes", kind: "number", required: true },
    { name: "fallback_role", kind: "role" },
  ],
  measures: [
    { name: "action", kind: "text", required: true, wide: true },
    { name: "scenario_key", kind: "scenario" },
    { name: "level", kind: "level", required: true },
    { name: "phase", kind: "select", options: ["preventive", "acute", "aftercare"], group: "phase", required: true },
    { name: "owner_role", kind: "role" },
    { name: "owner_user_id", kind: "user" },
    { name: "due_on", kind: "date" },
  ],
  support_bodies: [
    { name: "name", kind: "text", required: true, wide: true },
    {
      name: "kind",
      kind: "select",
      options: ["mobile_counselling", "police", "victim_support", "other"],
      group: "kind",
      required: true,
    },
    { name: "phone", kind: "text" },
    { name: "when_to_call", kind: "textarea", wide: true },
  ],
};

export const MESSAGE_FIELDS: readonly FieldSpec[] = [
  { name: "audience", kind: "select", options: ["residents", "affected", "council", "media", "staff"], group: "audience", required: true },
  { name: "level", kind: "level", required: true },
  { name: "channel", kind: "select", options: CHANNELS, group: "channel" },
  { name: "text", kind: "textarea", required: true, wide: true },
  { name: "easy_language_text", kind: "textarea", wide: true },
];

export const COMMUNICATION_FIELDS: readonly FieldSpec[] = [
  { name: "spokesperson_role", kind: "role" },
  { name: "approval_path", kind: "textarea", wide: true },
  { name: "online_hate_procedure", kind: "textarea", wide: true },
];

type Entry = Record<string, unknown>;

/** A new entry of a section, with the choices most plans start from. */
export function newEntry(section: ListSection | "messages"): Entry {
  switch (section) {
    case "scenarios":
      return { key: "", hazard: "", likelihood: 3, impact: 3 };
    case "indicators":
      return { key: "", watch: "", source: "social_media", state: "green" };
    case "levels":
      return { level: 0, entry_criteria: "" };
    case "roles":
      return { key: "", title: "", holder: { name: "", phone: "" }, deputy: { name: "", phone: "" } };
    case "alert_chain":
      return { level: 2, from_role: "", to_role: "", channel: "phone", answer_within_minutes: 15 };
    case "measures":
      return { action: "", level: 2, phase: "acute" };
    case "support_bodies":
      return { name: "", kind: "mobile_counselling" };
    case "messages":
      return { audience: "residents", level: 2, text: "", easy_language_text: "" };
  }
}

export function getPath(entry: Entry, path: string): unknown {
  return path.split(".").reduce<unknown>((value, part) => (value as Entry | undefined)?.[part], entry);
}

export function setPath(entry: Entry, path: string, value: unknown): Entry {
  const dot = path.indexOf(".");
  if (dot < 0) return { ...entry, [path]: value };
  const head = path.slice(0, dot);
  return { ...entry, [head]: setPath((entry[head] as Entry | undefined) ?? {}, path.slice(dot + 1), value) };
}

/** Empty choices and dates are sent as null; empty optional numbers too. */
export function cleaned(entry: Entry, fields: readonly FieldSpec[]): Entry {
  let result = entry;
  for (const field of fields) {
    const value = getPath(result, field.name);
    const blank = value === "" || value === undefined;
    if (blank && ["role", "scenario", "date", "number", "select", "user", "contact"].includes(field.kind) && !field.required) {
      result = setPath(result, field.name, null);
    }
  }
  return result;
}

/** The i18n key of a field's label: `holder.name` → `holder_name`. */
export function labelKey(name: string): string {
  return name.replace(".", "_");
}
