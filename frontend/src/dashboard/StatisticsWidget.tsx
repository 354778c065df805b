import { useTranslation } from "react-i18next";
import { currentYear } from "../statistics";
import { OVERVIEW_FIGURES, useStatistics } from "../statistics/queries";
import type { Cell } from "../statistics/queries";
import { useFormat } from "../ui/format";
import { Widget } from "./Widget";
import { paths } from "../paths";

/** Headline numbers of the municipality for this year; withheld small counts say so. */
export function StatisticsWidget() {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const overview = useStatistics("overview", currentYear());
  const data = overview.data;
  const threshold = data?.suppression_threshold ?? 3;
  const year = data?.period.from.slice(0, 4) ?? "";

  function value(name: (typeof OVERVIEW_FIGURES)[number], figure: Cell) {
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
      link={{ to: paths.statistics, label: t("statistics.all") }}
      state={overview}
      empty={false}
      emptyText=""
    >
      <p className="muted">{t("statistics.intro")}</p>
      {data && (
        <dl className="figures">
          {OVERVIEW_FIGURES.map((name) => (
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
