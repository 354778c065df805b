/**
 * The plan editor's checks in the browser, against the API's own limits (`api/limits.ts`),
 * and readable names for the fields the error summary lists (`content.alert_chain.0.to_role`
 * → "Alarmkette, Schritt 1: An").
 */
import type { TFunction } from "i18next";
import type { FieldError, FormErrors } from "../ui/problems";
import { maxLengthOf, violations } from "../ui/validation";
import type { BodySchema, Violation } from "../ui/validation";
import { LIST_SECTIONS } from "./model";
import type { ListSection, PlanContent } from "./model";
import { labelKey } from "./sections";

type Entry = Record<string, unknown>;
type Section = ListSection | "messages";

/** The API's schema of an entry of each section. */
export const SECTION_SCHEMAS: Record<Section, BodySchema> = {
  scenarios: "Scenario",
  indicators: "Indicator",
  levels: "PlanLevel",
  roles: "PlanRole",
  alert_chain: "AlertStep",
  measures: "Measure",
  support_bodies: "SupportBody",
  messages: "Message",
};

const PEOPLE = ["holder", "deputy"] as const;

/** The longest text the API takes for a field of an entry (`holder.name`: of a person). */
export function maxOf(section: Section | "communication" | "frame", name: string): number | undefined {
  const [head, tail] = name.split(".");
  if (tail !== undefined && PEOPLE.includes(head as "holder")) return maxLengthOf("Person", tail);
  if (section === "frame") return maxLengthOf("CrisisPlanUpdate", name);
  if (section === "communication") return maxLengthOf("Communication", name);
  return maxLengthOf(SECTION_SCHEMAS[section], name);
}

function under(prefix: string, found: Violation[]): Violation[] {
  return found.map((violation) => ({ ...violation, path: `${prefix}.${violation.path}` }));
}

/** Every field of the frame and the sections that breaks the API's limits. */
export function planViolations(frame: Entry, content: PlanContent): Violation[] {
  const found = violations("CrisisPlanUpdate", frame, true);
  for (const section of LIST_SECTIONS) {
    ((content[section] ?? []) as Entry[]).forEach((entry, index) => {
      const prefix = `content.${section}.${index}`;
      found.push(...under(prefix, violations(SECTION_SCHEMAS[section], entry)));
      if (section === "roles") {
        for (const side of PEOPLE) found.push(...under(`${prefix}.${side}`, violations("Person", (entry[side] ?? {}) as Entry)));
      }
    });
  }
  const communication = (content.communication ?? {}) as Entry;
  found.push(...under("content.communication", violations("Communication", { ...communication, messages: undefined })));
  ((communication.messages ?? []) as Entry[]).forEach((message, index) => {
    found.push(...under(`content.communication.messages.${index}`, violations("Message", message)));
  });
  return found;
}

/** The form errors of the plan, or null when it keeps within the limits. */
export function checkPlan(frame: Entry, content: PlanContent, tUi: TFunction<"ui">): FormErrors | null {
  const fields: FieldError[] = planViolations(frame, content).map((violation) => ({
    path: violation.path,
    message: tUi(`check.${violation.kind}`, violation.params ?? {}),
  }));
  return fields.length > 0 ? { fields, general: null, status: 422 } : null;
}

type T = TFunction<"crisisPlans">;

function fieldName(t: T, name: string): string {
  return t(`field.${labelKey(name)}` as "field.key", { defaultValue: name });
}

/** A readable German (or English) name for a field path of the plan editor. */
export function fieldLabel(t: T, path: string): string {
  const parts = path.split(".");
  if (parts[0] !== "content") return t(`frame.${path}` as "frame.title", { defaultValue: path });
  const [, section, ...rest] = parts;
  if (section === "communication") {
    if (rest[0] === "messages" && rest.length > 1) {
      const n = Number(rest[1]) + 1;
      const entry = `${t("section.messages")}, ${t("entry.messages", { n })}`;
      return rest.length > 2 ? `${entry}: ${fieldName(t, rest.slice(2).join("."))}` : entry;
    }
    const name = t("section.communication");
    return rest.length ? `${name}: ${rest[0] === "messages" ? t("section.messages") : fieldName(t, rest.join("."))}` : name;
  }
  const sectionName = t(`section.${section}` as "section.roles", { defaultValue: section });
  const index = rest[0];
  if (index === undefined || !/^\d+$/.test(index)) return sectionName;
  const entry = `${sectionName}, ${t(`entry.${section}` as "entry.roles", { n: Number(index) + 1 })}`;
  return rest.length > 1 ? `${entry}: ${fieldName(t, rest.slice(1).join("."))}` : entry;
}
