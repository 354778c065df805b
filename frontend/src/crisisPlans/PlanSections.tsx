import { useTranslation } from "react-i18next";
import type { TFunction } from "i18next";
import { useFormat } from "../ui/format";
import { emptyCommunication } from "./model";
import type { ListSection, Plan, PlanContent } from "./model";
import { RiskMatrix } from "./RiskMatrix";
import { COMMUNICATION_FIELDS, MESSAGE_FIELDS, SECTION_FIELDS, getPath, labelKey } from "./sections";
import type { FieldSpec } from "./sections";

type Entry = Record<string, unknown>;

function roleTitle(content: PlanContent, key: unknown): string {
  return content.roles?.find((role) => role.key === key)?.title ?? String(key ?? "");
}

/** A field's value as the plan reads it: choices by their label, roles by their title. */
export function useShown(content: PlanContent) {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  return (entry: Entry, field: FieldSpec): string => {
    const value = getPath(entry, field.name);
    if (value === null || value === undefined || value === "") return "";
    switch (field.kind) {
      case "role":
        return roleTitle(content, value);
      case "scenario":
        return content.scenarios?.find((s) => s.key === value)?.hazard ?? String(value);
      case "level":
        return t(`option.level.${value as 0}`);
      case "user":
        return t("picker.linkedUser");
      case "contact":
        return t("picker.linkedContact");
      case "select":
        return t(`option.${field.group as "source"}.${value as "police"}`);
      case "date":
        return format.date(String(value));
      default:
        return String(value);
    }
  };
}

function EntryFacts({ entry, fields, content }: { entry: Entry; fields: readonly FieldSpec[]; content: PlanContent }) {
  const { t } = useTranslation("crisisPlans");
  const shown = useShown(content);
  return (
    <dl className="plan-facts">
      {fields.map((field) => {
        const value = shown(entry, field);
        if (!value) return null;
        return (
          <div key={field.name} className={field.wide ? "plan-fact plan-fact-wide" : "plan-fact"}>
            <dt>{t(`field.${labelKey(field.name) as "key"}`)}</dt>
            <dd>{value}</dd>
          </div>
        );
      })}
    </dl>
  );
}

function AlertChain({ content, t }: { content: PlanContent; t: TFunction<"crisisPlans"> }) {
  const steps = content.alert_chain ?? [];
  const levels = [...new Set(steps.map((s) => s.level))].sort();
  if (levels.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <>
      {levels.map((level) => (
        <section key={level} aria-labelledby={`alert-level-${level}`}>
          <h3 id={`alert-level-${level}`}>{t(`option.level.${level as 0}`)}</h3>
          <ol className="alert-chain">
            {steps
              .filter((s) => s.level === level)
              .map((step, index) => (
                <li key={index}>
                  {t("alert.step", {
                    from: roleTitle(content, step.from_role),
                    to: roleTitle(content, step.to_role),
                    channel: t(`option.channel.${step.channel}`),
                    minutes: step.answer_within_minutes,
                  })}
                  {step.fallback_role && <> — {t("alert.fallback", { role: roleTitle(content, step.fallback_role) })}</>}
                </li>
              ))}
          </ol>
        </section>
      ))}
    </>
  );
}

function Entries({ section, content }: { section: ListSection; content: PlanContent }) {
  const { t } = useTranslation("crisisPlans");
  const entries = (content[section] ?? []) as Entry[];
  if (entries.length === 0) return <p className="empty">{t("empty")}</p>;
  return (
    <ul className="plan-entries">
      {entries.map((entry, index) => (
        <li key={index} className="plan-entry">
          <EntryFacts entry={entry} fields={SECTION_FIELDS[section]} content={content} />
        </li>
      ))}
    </ul>
  );
}

/** Every section of a plan, read-only. */
export function PlanSections({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const content = plan.content;
  const communication = content.communication ?? emptyCommunication();
  const section = (key: ListSection | "communication", body: React.ReactNode) => (
    <section key={key} className="panel plan-section" aria-labelledby={`section-${key}`}>
      <h2 id={`section-${key}`}>{t(`section.${key}`)}</h2>
      {body}
    </section>
  );
  return (
    <>
      {section(
        "scenarios",
        <>
          <RiskMatrix scenarios={content.scenarios ?? []} />
          <Entries section="scenarios" content={content} />
        </>,
      )}
      {section("indicators", <Entries section="indicators" content={content} />)}
      {section("levels", <Entries section="levels" content={content} />)}
      {section("roles", <Entries section="roles" content={content} />)}
      {section("alert_chain", <AlertChain content={content} t={t} />)}
      {section(
        "communication",
        <>
          <EntryFacts entry={communication as Entry} fields={COMMUNICATION_FIELDS} content={content} />
          <h3>{t("section.messages")}</h3>
          {(communication.messages ?? []).length === 0 && <p className="empty">{t("empty")}</p>}
          <ul className="plan-entries">
            {(communication.messages ?? []).map((message, index) => (
              <li key={index} className="plan-entry">
                <EntryFacts entry={message as Entry} fields={MESSAGE_FIELDS} content={content} />
              </li>
            ))}
          </ul>
        </>,
      )}
      {section("measures", <Entries section="measures" content={content} />)}
      {section("support_bodies", <Entries section="support_bodies" content={content} />)}
    </>
  );
}
