import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { sessionClient, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { useFormat } from "../ui/format";
import { Widget } from "./Widget";

type Figure = components["schemas"]["Count"] | components["schemas"]["Amount"];
type Overview = components["schemas"]["Overview"];

const FIGURES = [
  "cases_open",
  "cases_new",
  "cases_closed",
  "consultations",
  "consultation_hours",
  "referrals",
  "active_contacts",
  "qualified_conflict_managers",
] as const;

/** Headline numbers of the municipality for this year; withheld small counts say so. */
export function StatisticsWidget() {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const overview = useQuery({
    queryKey: ["dashboard", "statistics-overview"],
    // The route also answers CSV; this request asks for (and gets) JSON.
    queryFn: async () => (await unwrap(sessionClient().api.GET("/api/v1/statistics/overview"))) as Overview,
  });
  const data = overview.data;
  const threshold = data?.suppression_threshold ?? 3;
  const year = data?.period.from.slice(0, 4) ?? "";

  function value(name: (typeof FIGURES)[number], figure: Figure) {
    if (figure.suppressed) {
      return (
        <>
          <span aria-hidden="true">{t("statistics.suppressed", { threshold })}</span>
          <span className="figure-note">{t("statistics.suppressedText", { threshold })}</span>
        </>
      );
    }
    if (figure.value === null) return "–";
    return name === "consultation_hours"
      ? t("statistics.hours", { value: format.number(figure.value, 1) })
      : format.number(figure.value);
  }

  return (
    <Widget
      id="dashboard-statistics"
      heading={t("statistics.heading", { year })}
      link={{ to: "/statistics", label: t("statistics.all") }}
      state={overview}
      empty={false}
      emptyText=""
    >
      <p className="muted">{t("statistics.intro")}</p>
      {data && (
        <dl className="figures">
          {FIGURES.map((name) => (
            <div key={name}>
              <dt>{t(`statistics.${name}`)}</dt>
              <dd>{value(name, data[name])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Widget>
  );
}
