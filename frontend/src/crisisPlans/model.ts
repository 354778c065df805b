/** The crisis-plan vocabulary of the API, as the UI uses it. */
import type { components } from "../api/schema";

type Schemas = components["schemas"];
export type Plan = Schemas["CrisisPlanOut"];
export type PlanItem = Schemas["CrisisPlanListItemOut"];
export type PlanContent = Schemas["PlanContent"];
export type PlanCreate = Schemas["CrisisPlanCreate"];
export type PlanUpdate = Schemas["CrisisPlanUpdate"];
export type Scenario = Schemas["Scenario"];
export type Comparison = Schemas["ComparisonOut"];
export type Activation = Schemas["ActivationOut"];
export type ActivationCreate = Schemas["ActivationCreate"];
export type ExerciseCreate = Schemas["ExerciseCreate"];
export type IndicatorState = Schemas["IndicatorState"];

/** The sections edited as lists of entries, in the order the plan shows them. */
export const LIST_SECTIONS = [
  "scenarios",
  "indicators",
  "levels",
  "roles",
  "alert_chain",
  "measures",
  "support_bodies",
] as const;
export type ListSection = (typeof LIST_SECTIONS)[number];

/** Likelihood × impact: 1–6 low, 8–12 medium, 15–25 high. */
export function riskBand(likelihood: number, impact: number): "low" | "medium" | "high" {
  const score = likelihood * impact;
  if (score >= 15) return "high";
  if (score >= 8) return "medium";
  return "low";
}

export type Communication = NonNullable<PlanContent["communication"]>;

export function emptyCommunication(): Communication {
  return { spokesperson_role: null, approval_path: "", online_hate_procedure: "", messages: [] };
}

export function emptyContent(): PlanContent {
  return {
    scenarios: [],
    indicators: [],
    levels: [],
    roles: [],
    alert_chain: [],
    communication: emptyCommunication(),
    measures: [],
    support_bodies: [],
  };
}
