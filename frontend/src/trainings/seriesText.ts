import type { TFunction } from "i18next";
import type { Formatters } from "../ui/format";
import type { Participant, Series } from "./queries";

/** "20 hours", "7.5 hours" in the reader's language. */
export function hoursText(hours: number, t: TFunction<"trainings">, format: Formatters): string {
  return t("rule.hours", { count: hours, hours: format.number(hours, 1) });
}

/** What completing the series takes: "4 of 5 in-person modules, 1 online deepening, 75 hours". */
export function ruleText(series: Series, t: TFunction<"trainings">, format: Formatters): string {
  const count = (kind: string) => series.modules.filter((module) => module.kind === kind).length;
  const need = series.requirement;
  const parts = [t("rule.inPerson", { count: need.in_person, of: count("in_person") })];
  if (need.online > 0) parts.push(t("rule.online", { count: need.online, of: count("online") }));
  if (need.hours > 0) parts.push(hoursText(need.hours, t, format));
  return parts.join(", ");
}

export function periodText(series: Series, t: TFunction<"trainings">, format: Formatters): string {
  if (!series.first_day || !series.last_day) return t("noDates");
  return t("period", { from: format.date(series.first_day), to: format.date(series.last_day) });
}

/** "4/4 in person · 1/1 online · 78/75 h": what a participant attended against the rule. */
export function attendedText(participant: Participant, series: Series, t: TFunction<"trainings">, format: Formatters) {
  const need = series.requirement;
  const parts = [t("participants.inPerson", { done: participant.in_person_attended, need: need.in_person })];
  if (need.online > 0) parts.push(t("participants.online", { done: participant.online_attended, need: need.online }));
  if (need.hours > 0) {
    parts.push(t("participants.hours", { done: format.number(participant.hours_attended, 1), need: format.number(need.hours, 1) }));
  }
  return parts.join(" · ");
}
