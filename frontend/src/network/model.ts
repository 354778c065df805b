/** The network's vocabulary as the API names it, in display order, with the map's colours. */
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Contact = Schemas["ContactOut"];
export type ContactCreate = Schemas["ContactCreate"];
export type ContactUpdate = Schemas["ContactUpdate"];
export type Relation = Schemas["RelationOut"];
export type NetworkGraph = Schemas["NetworkGraph"];
export type GraphNode = Schemas["GraphNode"];
export type GraphEdge = Schemas["GraphEdge"];
export type ActorGroup = Contact["actor_group"];
export type ContactKind = Contact["kind"];
export type LegalBasis = Contact["legal_basis"];
export type RelationType = Relation["relation_type"];

export const ACTOR_GROUPS = [
  "civil_society",
  "administration",
  "politics",
  "police",
  "education",
  "religious_community",
  "associations",
  "business",
  "media",
  "counselling_services",
  "other",
] as const satisfies readonly ActorGroup[];

export const CONTACT_KINDS = ["person", "organisation"] as const satisfies readonly ContactKind[];

export const LEGAL_BASES = [
  "consent",
  "public_task",
  "legitimate_interest",
  "publicly_available",
] as const satisfies readonly LegalBasis[];

export const RELATION_TYPES = [
  "cooperation",
  "membership",
  "funding",
  "family",
  "tension",
  "conflict",
  "other",
] as const satisfies readonly RelationType[];

function oneOf<T extends string>(values: readonly T[]) {
  return (value: unknown): value is T => typeof value === "string" && (values as readonly string[]).includes(value);
}

export const isActorGroup = oneOf(ACTOR_GROUPS);
export const isContactKind = oneOf(CONTACT_KINDS);

/**
 * Fill of each actor group on the map. White codes sit on them, so each has at least
 * 4.5:1 contrast with white; the code and the legend carry the meaning, not the colour.
 */
export const GROUP_COLOURS: Record<ActorGroup, string> = {
  civil_society: "#1b7837",
  administration: "#1d4e89",
  politics: "#a50026",
  police: "#3b3b98",
  education: "#a84f06",
  religious_community: "#6a3d9a",
  associations: "#00727a",
  business: "#7f3b08",
  media: "#b0176d",
  counselling_services: "#556600",
  other: "#5b6470",
};

/** How each kind of relation is drawn: colour, dashes and width, so that lines differ without colour too. */
export const RELATION_STYLES: Record<RelationType, { stroke: string; dash?: string; width: number }> = {
  cooperation: { stroke: "#5b6470", width: 1.5 },
  membership: { stroke: "#5b6470", dash: "2 3", width: 1.5 },
  funding: { stroke: "#2f6b3a", width: 2 },
  family: { stroke: "#6a3d9a", dash: "8 3 2 3", width: 1.5 },
  tension: { stroke: "#a84f06", dash: "6 4", width: 2 },
  conflict: { stroke: "#a50026", dash: "10 4", width: 3 },
  other: { stroke: "#8a929c", dash: "1 4", width: 1.5 },
};
