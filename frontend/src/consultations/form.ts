/** The consultation form's values and the request body they make. */
import { isoInstant, wallClock } from "../ui/calendar";
import type {
  ConsultationCreate,
  ConsultationFormat,
  ConsultationKind,
  ContactRef,
  CounsellingRole,
} from "./model";

export interface ConsultationFormValues {
  date: string;
  time: string;
  duration_minutes: string;
  format: ConsultationFormat;
  kind: ConsultationKind;
  counselling_role: CounsellingRole | "";
  summary: string;
  participants: ContactRef[];
  head_count: string;
  agreements: string;
  next_steps: string;
  confidential_notes: string;
}

const DEFAULT_DURATION = 60;

/**
 * A fresh form for a consultation that most likely just ended: today, begun an hour ago
 * (to the quarter hour), lasting an hour, in person, counselling.
 */
export function freshConsultation(now: Date = new Date()): ConsultationFormValues {
  const quarter = 15 * 60_000;
  const hourAgo = now.getTime() - DEFAULT_DURATION * 60_000;
  const start = wallClock(new Date(hourAgo - (hourAgo % quarter)));
  const today = wallClock(now).day;
  return {
    date: today,
    time: start.day === today ? start.time : "00:00",
    duration_minutes: String(DEFAULT_DURATION),
    format: "in_person",
    kind: "counselling",
    counselling_role: "",
    summary: "",
    participants: [],
    head_count: "",
    agreements: "",
    next_steps: "",
    confidential_notes: "",
  };
}

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** Whether the form's start lies in the future: the consultation is planned, not yet held. */
export function isPlanned(values: ConsultationFormValues, now: Date = new Date()): boolean {
  const start = isoInstant(values.date, values.time);
  return start !== null && new Date(start).getTime() > now.getTime();
}

function count(value: string): number | null {
  const trimmed = value.trim();
  return trimmed === "" ? null : Number(trimmed);
}

/**
 * The body for POST. Values the browser cannot turn into the API's types go as they are
 * (an empty start, a word for a number), so that the API answers with its field errors.
 */
export function consultationBody(values: ConsultationFormValues, caseId: string | null): ConsultationCreate {
  const body: ConsultationCreate = {
    started_at: isoInstant(values.date, values.time) ?? `${values.date}T${values.time}`,
    duration_minutes: count(values.duration_minutes),
    format: values.format,
    kind: values.kind,
    counselling_role: values.counselling_role || null,
    participant_ids: values.participants.map((participant) => participant.id),
    head_count: count(values.head_count),
    summary: values.summary.trim(),
    confidential_notes: orNull(values.confidential_notes),
    agreements: orNull(values.agreements),
    next_steps: orNull(values.next_steps),
  };
  if (caseId) body.case_id = caseId;
  return body;
}
