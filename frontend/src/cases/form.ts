/** The case form's values and how they become request bodies. */
import type {
  CaseCreate,
  CaseDetail,
  CaseTopic,
  CaseUpdate,
  CaseVisibility,
  DemocracyIndicator,
  EscalationLevel,
} from "./model";
import { editedFields } from "../ui/conflict";

/** The escalation choice "noch nicht eingeschätzt" (null in the API). */
export const UNRATED = "unrated";

/** The place choice "not in the list": the place is given in words. */
export const OTHER_PLACE = "other";

// A type, not an interface: the shared edit hook wants a plain record of fields.
export type CaseFormValues = {
  title: string;
  summary: string;
  topics: CaseTopic[];
  /** "" until the user chose: the first assessment is an explicit choice, "unrated" included. */
  escalation_level: EscalationLevel | typeof UNRATED | "";
  endangers_democracy: boolean;
  democracy_indicators: DemocracyIndicator[];
  /** A place of the list, "" for none, or OTHER_PLACE for a place in words (`place`). */
  place_id: string;
  place: string;
  requesting_body: string;
  visibility: CaseVisibility;
  follow_up_date: string;
  /** Edit only: why the escalation level changed (goes to the timeline, not the case). */
  timeline_note: string;
};

/** The fields a user edits; `timeline_note` belongs to the change, not to the case. */
export const CASE_FIELDS = [
  "title",
  "summary",
  "topics",
  "escalation_level",
  "endangers_democracy",
  "democracy_indicators",
  "place_id",
  "place",
  "requesting_body",
  "visibility",
  "follow_up_date",
] as const satisfies readonly (keyof CaseFormValues)[];

export type CaseField = (typeof CASE_FIELDS)[number];

export const EMPTY_CASE: CaseFormValues = {
  title: "",
  summary: "",
  topics: [],
  escalation_level: "",
  endangers_democracy: false,
  democracy_indicators: [],
  place_id: "",
  place: "",
  requesting_body: "",
  visibility: "team",
  follow_up_date: "",
  timeline_note: "",
};

export function valuesOf(record: CaseDetail): CaseFormValues {
  return {
    title: record.title,
    summary: record.summary,
    topics: [...record.topics].sort(),
    escalation_level: record.escalation_level ?? UNRATED,
    endangers_democracy: record.endangers_democracy,
    democracy_indicators: [...record.democracy_indicators].sort(),
    place_id: record.place_id ?? (record.place ? OTHER_PLACE : ""),
    place: record.place_id ? "" : (record.place ?? ""),
    requesting_body: record.requesting_body ?? "",
    visibility: record.visibility,
    follow_up_date: record.follow_up_date ?? "",
    timeline_note: "",
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The form's escalation choice as the API's level: null for "not yet rated". */
function levelOf(choice: CaseFormValues["escalation_level"]): EscalationLevel | null {
  return choice === UNRATED || choice === "" ? null : choice;
}

function indicatorsOf(values: CaseFormValues): DemocracyIndicator[] {
  return values.endangers_democracy ? values.democracy_indicators : [];
}

export function createBody(values: CaseFormValues): CaseCreate {
  return {
    title: values.title.trim(),
    summary: values.summary.trim(),
    topics: values.topics,
    escalation_level: levelOf(values.escalation_level),
    endangers_democracy: values.endangers_democracy,
    democracy_indicators: indicatorsOf(values),
    place_id: values.place_id === OTHER_PLACE ? null : orNull(values.place_id),
    place: values.place_id === OTHER_PLACE ? orNull(values.place) : null,
    requesting_body: orNull(values.requesting_body),
    visibility: values.visibility,
    follow_up_date: orNull(values.follow_up_date),
  };
}

/** Only the fields changed from `base`: PATCH leaves the others as they are on the server. */
export function updateBody(base: CaseFormValues, values: CaseFormValues): CaseUpdate {
  const full = createBody(values);
  const body: CaseUpdate = {};
  const mine = { ...values, democracy_indicators: indicatorsOf(values) };
  for (const field of editedFields(base, mine, CASE_FIELDS)) {
    (body as Record<string, unknown>)[field] = full[field];
  }
  if ("escalation_level" in body && values.timeline_note.trim()) body.timeline_note = values.timeline_note.trim();
  return body;
}

