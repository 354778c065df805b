/** The consultation vocabulary of the API, as the UI uses it. */
import type { components, paths } from "../api/schema";

type Schemas = components["schemas"];
export type Consultation = Schemas["ConsultationOut"];
export type ConsultationItem = Schemas["ConsultationListItem"];
export type ConsultationKind = Schemas["ConsultationKind"];
export type ConsultationFormat = Schemas["ConsultationFormat"];
export type CounsellingRole = Schemas["CounsellingRole"];
export type ConsultationCreate = Schemas["ConsultationCreate"];
export type ContactRef = Schemas["ContactRef"];
export type ConsultationListQuery = NonNullable<paths["/api/v1/consultations"]["get"]["parameters"]["query"]>;

export const KINDS: readonly ConsultationKind[] = [
  "initial_talk",
  "counselling",
  "moderation",
  "mediation",
  "peer_consultation",
  "referral",
  "follow_up",
];

export const FORMATS: readonly ConsultationFormat[] = ["in_person", "online", "phone"];

export const ROLES: readonly CounsellingRole[] = [
  "advisor",
  "moderator",
  "mediator",
  "process_facilitator",
  "coach",
  "peer_consultant",
];


export function isKind(value: string): value is ConsultationKind {
  return (KINDS as readonly string[]).includes(value);
}

export function isFormat(value: string): value is ConsultationFormat {
  return (FORMATS as readonly string[]).includes(value);
}
