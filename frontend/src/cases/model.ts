/** The case vocabulary of the API, as the UI uses it: types, code lists in display order, tones. */
import type { components } from "../api/schema";
import type { BadgeTone } from "../ui/Badge";

type Schemas = components["schemas"];
export type CaseDetail = Schemas["CaseDetailOut"];
export type CaseItem = Schemas["CaseListItem"];
export type CaseStatus = Schemas["CaseStatus"];
export type CaseTopic = Schemas["CaseTopic"];
export type CaseSort = Schemas["CaseSort"];
export type CaseOutcome = Schemas["CaseOutcome"];
export type CaseVisibility = Schemas["CaseVisibility"];
export type DemocracyIndicator = Schemas["DemocracyIndicator"];
export type EscalationLevel = Schemas["EscalationLevel"];
export type PartyRole = Schemas["PartyRole"];
export type TimelineEntry = Schemas["TimelineEntryOut"];
export type CaseCreate = Schemas["CaseCreate"];
export type CaseUpdate = Schemas["CaseUpdate"];
export type StatusChange = Schemas["StatusChange"];
export type Referral = Schemas["ReferralOut"];
export type ReferralSummary = Schemas["ReferralSummary"];
export type ReferralStatus = Schemas["ReferralStatus"];
export type ReferralCreate = Schemas["ReferralCreate"];
export type ReferralUpdate = Schemas["ReferralUpdate"];
export type PartyIn = Schemas["PartyIn"];
export type Place = Schemas["PlaceOut"];

export const REFERRAL_STATUSES: readonly ReferralStatus[] = ["proposed", "agreed", "completed", "declined"];

export const REFERRAL_TONE: Record<ReferralStatus, BadgeTone> = {
  proposed: "info",
  agreed: "progress",
  completed: "success",
  declined: "neutral",
};

export const PARTY_ROLES: readonly PartyRole[] = [
  "conflict_party",
  "requesting_party",
  "affected",
  "decision_maker",
  "supporter",
  "key_person",
  "other",
];

export const STATUSES: readonly CaseStatus[] = [
  "new",
  "clarifying",
  "analysing",
  "in_progress",
  "follow_up",
  "closed",
  "referred",
];

/** Statuses of cases still being worked on. */
export const OPEN_STATUSES: readonly CaseStatus[] = ["new", "clarifying", "analysing", "in_progress", "follow_up"];

/** Statuses that end a case; changing to one needs an outcome. */
export const ENDED_STATUSES: readonly CaseStatus[] = ["closed", "referred"];

export const TOPICS: readonly CaseTopic[] = [
  "right_wing_extremism",
  "migration_integration",
  "local_politics",
  "energy_infrastructure",
  "neighbourhood",
  "youth",
  "religion",
  "pandemic_protest",
  "other",
];

export const INDICATORS: readonly DemocracyIndicator[] = [
  "group_hostility",
  "threats_against_officials",
  "violence",
  "extremist_actors",
  "disinformation",
  "delegitimising_institutions",
  "withdrawal_from_office",
  "blocked_decisions",
  "intimidation_of_civil_society",
  "other",
];

export const OUTCOMES: readonly CaseOutcome[] = [
  "agreement_reached",
  "partly_resolved",
  "de_escalated",
  "unresolved",
  "withdrawn",
  "not_in_scope",
  "handed_over",
];

export const LEVELS: readonly EscalationLevel[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** From this Glasl stage on (win-lose and beyond) a case counts as escalating. */
export const ESCALATING_FROM: EscalationLevel = 5;

export const SORTS: readonly CaseSort[] = [
  "-created_at",
  "created_at",
  "-updated_at",
  "-escalation_level",
  "escalation_level",
  "follow_up_date",
  "reference",
  "-reference",
];

export const STATUS_TONE: Record<CaseStatus, BadgeTone> = {
  new: "info",
  clarifying: "progress",
  analysing: "progress",
  in_progress: "progress",
  follow_up: "success",
  closed: "neutral",
  referred: "neutral",
};

/** Glasl's phases: win-win (1–3), win-lose (4–6), lose-lose (7–9). */
export function levelTone(level: number | null): BadgeTone {
  if (level === null) return "info";
  if (level >= 7) return "danger";
  if (level >= 4) return "warning";
  return "neutral";
}

export function isStatus(value: string): value is CaseStatus {
  return (STATUSES as readonly string[]).includes(value);
}

export function isReferralStatus(value: string): value is ReferralStatus {
  return (REFERRAL_STATUSES as readonly string[]).includes(value);
}

export function isTopic(value: string): value is CaseTopic {
  return (TOPICS as readonly string[]).includes(value);
}

export function isSort(value: string): value is CaseSort {
  return (SORTS as readonly string[]).includes(value);
}
