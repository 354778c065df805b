/**
 * From the API's statistics bodies to the charts of the page: which breakdown, which
 * measures, and the names of the categories in the user's language.
 */
import type { TFunction } from "i18next";
import type { ChartData, ChartRow } from "./chartData";
import type { Cell } from "./queries";
import type {
  ActivationStatistics,
  CaseStatistics,
  ConsultationStatistics,
  ContactStatistics,
  NetworkStatistics,
  ReferralStatistics,
  TrainingStatistics,
} from "./queries";

type T = TFunction<["statistics", "network"]>;

/** A key's name from the given group of translations, else the API's label, else the key. */
function named(t: T, group: string, key: string, label?: string | null): string {
  return t(`statistics:keys.${group}.${key}` as "statistics:title", { defaultValue: label || key });
}

function rows<R extends { key: string; label?: string | null }>(
  items: readonly R[],
  name: (row: R) => string,
  cells: (row: R) => Cell[],
): ChartRow[] {
  return items.map((row) => ({ key: row.key, label: name(row), cells: cells(row) }));
}

function single(t: T) {
  return [{ key: "count", label: t("statistics:measures.count") }];
}

export function casesByMonth(body: CaseStatistics, t: T): ChartData {
  return {
    series: [
      { key: "new", label: t("statistics:measures.new") },
      { key: "closed", label: t("statistics:measures.closed") },
    ],
    rows: rows(body.by_month, (row) => row.key, (row) => [row.new, row.closed]),
  };
}

export function casesBy(
  body: CaseStatistics,
  breakdown: "by_status" | "by_topic" | "by_escalation_level" | "by_endangers_democracy" | "by_place",
  t: T,
): ChartData {
  const name = (row: { key: string; label?: string | null }) => {
    switch (breakdown) {
      case "by_status":
        return named(t, "status", row.key, row.label);
      case "by_topic":
        return named(t, "topic", row.key, row.label);
      case "by_escalation_level":
        if (row.key === "unrated") return t("statistics:keys.unrated");
        return t("statistics:keys.escalation", {
          level: row.key,
          name: named(t, "escalationNames", row.key, row.label),
        });
      case "by_endangers_democracy":
        return named(t, "democracy", row.key, row.label);
      case "by_place":
        // Listed places come with their names; the rest are "not in the list" and "none".
        return named(t, "places", row.key, row.label);
    }
  };
  return { series: single(t), rows: rows(body[breakdown], name, (row) => [row.count]) };
}

/** Counts as bars; the hours they took (another unit) in the table beside them. */
function countsAndHours(t: T) {
  return [
    { key: "count", label: t("statistics:measures.count") },
    { key: "hours", label: t("statistics:measures.hours"), unit: "hours" as const, drawn: false },
  ];
}

export function consultationsByMonth(body: ConsultationStatistics, t: T): ChartData {
  return {
    series: countsAndHours(t),
    rows: rows(body.by_month, (row) => row.key, (row) => [row.count, row.hours]),
  };
}

export function consultationsBy(body: ConsultationStatistics, breakdown: "by_kind" | "by_format", t: T): ChartData {
  const group = breakdown === "by_kind" ? "kind" : "format";
  return {
    series: countsAndHours(t),
    rows: rows(body[breakdown], (row) => named(t, group, row.key, row.label), (row) => [row.count, row.hours]),
  };
}

export function referralsBy(
  body: ReferralStatistics,
  breakdown: "by_target_service" | "by_actor_group" | "by_status",
  t: T,
): ChartData {
  const name = (row: { key: string; label?: string | null }) => {
    if (breakdown === "by_status") return named(t, "referralStatus", row.key, row.label);
    if (breakdown === "by_actor_group") {
      if (row.key === "not_in_network") return t("statistics:keys.notInNetwork");
      return t(`network:actorGroup.${row.key}` as "network:title", { defaultValue: row.label || row.key });
    }
    // Receiving bodies are named as in the network (or in the users' words); only the fold-up row has a code.
    return row.key === "other" ? t("statistics:keys.otherServices") : row.label || row.key;
  };
  return { series: single(t), rows: rows(body[breakdown], name, (row) => [row.count]) };
}

export function contactsByGroup(body: ContactStatistics, t: T): ChartData {
  return {
    series: [
      { key: "contacts", label: t("statistics:measures.contacts") },
      { key: "new", label: t("statistics:measures.newContacts") },
    ],
    rows: rows(
      body.by_actor_group,
      (row) => t(`network:actorGroup.${row.key}` as "network:title", { defaultValue: row.label || row.key }),
      (row) => [row.contacts, row.new],
    ),
  };
}

export function trainingsBy(body: TrainingStatistics, breakdown: "completion" | "attendance", t: T): ChartData {
  return {
    series: single(t),
    rows: rows(body[breakdown], (row) => named(t, breakdown, row.key, row.label), (row) => [row.count]),
  };
}

/** Activations of crisis plans by plan level, or by month. */
export function activationsBy(body: ActivationStatistics, breakdown: "by_level" | "by_month", t: T): ChartData {
  const name = (row: { key: string; label?: string | null }) =>
    breakdown === "by_level" ? named(t, "planLevel", row.key, row.label) : row.key;
  return { series: single(t), rows: rows(body[breakdown], name, (row) => [row.count]) };
}

export function networkCases(body: NetworkStatistics, t: T): ChartData {
  return {
    series: [
      { key: "cases_new", label: t("statistics:overview.cases_new") },
      { key: "consultations", label: t("statistics:overview.consultations") },
    ],
    rows: body.municipalities.map((row) => ({
      key: row.key,
      label: row.label,
      cells: [row.cases_new, row.consultations],
    })),
  };
}
