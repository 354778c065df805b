/** The vocabulary of a case's conflict analysis, as the UI uses it. */
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type AnalysisOut = Schemas["AnalysisOut"];
/** The analysis as the form edits and sends it. */
export type AnalysisContent = Schemas["AnalysisUpdate"];
export type Actor = Schemas["Actor"];
export type Issue = Schemas["Issue"];
export type Relationship = Schemas["Relationship"];
export type Assessment = Schemas["Assessment-Input"];
export type VersionSummary = Schemas["AnalysisVersionSummaryOut"];
export type Change = Schemas["AnalysisChangeOut"];
export type RelationshipKind = Schemas["RelationshipKind"];
export type ActorKind = Schemas["ActorKind"];
export type Degree = Schemas["Degree"];
export type ActorPlace = Schemas["ActorPlace"];
export type MapPosition = Schemas["MapPosition"];
export type CoursePair = Schemas["CoursePairOut"];
export type Guidance = Schemas["GuidanceOut"];
export type Suggestion = Schemas["SuggestionOut"];

export const ACTOR_KINDS: readonly ActorKind[] = ["person", "group", "organisation", "authority"];
export const DEGREES: readonly Degree[] = ["low", "medium", "high"];
export const RELATIONSHIP_KINDS: readonly RelationshipKind[] = [
  "alliance",
  "close",
  "loose",
  "strained",
  "conflict",
  "violence",
  "influence",
  "dependency",
];
export const STAGES = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;

/** Glasl's level of a stage: win-win (1–3), win-lose (4–6), lose-lose (7–9). */
export function levelOf(stage: number): "win_win" | "win_lose" | "lose_lose" {
  return stage <= 3 ? "win_win" : stage <= 6 ? "win_lose" : "lose_lose";
}

/**
 * How each kind of relationship is drawn, in the network map's visual language: colour,
 * dashes and width differ, so lines differ without colour too.
 */
export const RELATIONSHIP_STYLES: Record<RelationshipKind, { stroke: string; dash?: string; width: number }> = {
  alliance: { stroke: "#1b7837", width: 3 },
  close: { stroke: "#2f6b3a", width: 2 },
  loose: { stroke: "#5b6470", dash: "2 3", width: 1.5 },
  strained: { stroke: "#a84f06", dash: "6 4", width: 2 },
  conflict: { stroke: "#a50026", dash: "10 4", width: 3 },
  violence: { stroke: "#7a0019", dash: "3 2", width: 4 },
  influence: { stroke: "#1d4e89", width: 1.5 },
  dependency: { stroke: "#6a3d9a", dash: "8 3 2 3", width: 1.5 },
};

export function emptyContent(): AnalysisContent {
  return {
    actors: [],
    issues: [],
    relationships: [],
    assessments: [],
    frame: { arena: null, reach: null, form: null },
    causes: { situational: "", institutional: "", individual: "", cultural: "" },
    resources: "",
    hypotheses: "",
    options: "",
    recommendations: "",
    headline_follows_assessments: true,
  };
}

/** The analysis as the API returned it, as the form edits it (derived fields dropped). */
export function editable(out: AnalysisOut): AnalysisContent {
  const content = out.content;
  return {
    ...emptyContent(),
    ...content,
    assessments: (content.assessments ?? []).map(({ level: _level, ...rest }) => rest),
  };
}

/** A key for a new actor that no actor of the analysis uses yet. */
export function nextActorKey(actors: readonly Actor[]): string {
  const used = new Set(actors.map((actor) => actor.key));
  let n = actors.length + 1;
  while (used.has(`a${n}`)) n += 1;
  return `a${n}`;
}

const NO_ATTITUDES = { expects_to_gain: "", fears_to_lose: "", alternatives: "", third_parties: "" };

export function newActor(key: string): Actor {
  return { key, label: "", kind: "group", stance: "", interests: "", needs: "", attitudes: { ...NO_ATTITUDES } };
}

export function newRelationship(source: string, target: string): Relationship {
  return { source, target, kind: "conflict", directed: false, intensity: 2, note: "" };
}

export function newAssessment(actorA: string, actorB: string): Assessment {
  return { actor_a: actorA, actor_b: actorB, stage: 1, signs: "", turning_points: [] };
}

export function newIssue(): Issue {
  return { text: "", raised_by: [], weight: "core", nature: "factual", charge: "medium" };
}

export function attitudesOf(actor: Actor) {
  return { ...NO_ATTITUDES, ...actor.attitudes };
}

/** Share of the map an arrow key moves an actor; with Shift five times as far. */
const STEP = 0.02;
const ARROWS: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/** Where an arrow key moves an actor on the map (kept inside it); null for other keys. */
export function nudge(position: MapPosition, key: string, large = false): MapPosition | null {
  const arrow = ARROWS[key];
  if (!arrow) return null;
  const step = large ? STEP * 5 : STEP;
  const keep = (value: number) => Math.round(Math.min(1, Math.max(0, value)) * 1000) / 1000;
  return { x: keep(position.x + arrow[0] * step), y: keep(position.y + arrow[1] * step) };
}
