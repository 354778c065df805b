import { useTranslation } from "react-i18next";
import { FigureValue } from "../statistics";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import type { AnnualFigures } from "./queries";

type CountRow = AnnualFigures["cases_by_topic"][number];
type KindRow = AnnualFigures["consultations_by_kind"][number];
type ModuleRow = AnnualFigures["training_modules"][number];
type Translate = ReturnType<typeof useTranslation<["annualReports", "statistics", "cases"]>>["t"];

const KEY_FIGURES = [
  ["consultations", "count"],
  ["consultation_hours", "hours"],
  ["consultation_participants", "count"],
  ["steering_attendances", "count"],
  ["peer_sessions", "count"],
  ["peer_session_participants", "count"],
  ["training_participants", "count"],
  ["cases_new", "count"],
  ["cases_closed", "count"],
  ["referrals", "count"],
  ["crisis_plan_exercises", "count"],
  ["crisis_plan_activations", "count"],
] as const;

/** The rows with something to show: a count, or a withheld one. */
function shown<R extends { count: CountRow["count"] }>(rows: readonly R[]): R[] {
  return rows.filter((row) => row.count.suppressed || row.count.value);
}

function CountTable({ caption, header, rows, label }: { caption: string; header: string; rows: CountRow[]; label: (row: CountRow) => string }) {
  const { t } = useTranslation("annualReports");
  const columns: Column<CountRow>[] = [
    { key: "label", header, rowHeader: true, cell: label },
    { key: "count", header: t("columns.count"), className: "numeric", cell: (row) => <FigureValue cell={row.count} /> },
  ];
  return (
    <>
      <h4>{caption}</h4>
      <DataTable caption={caption} captionHidden columns={columns} rows={shown(rows)} rowKey={(row) => row.key} empty={t("none")} />
    </>
  );
}

function targetLabel(row: CountRow, t: Translate): string {
  return row.key === "other" ? t("statistics:keys.otherServices") : (row.label ?? row.key);
}

function outcomeLabel(row: CountRow, t: Translate): string {
  return row.key === "none" ? t("annualReports:outcomeNone") : t(`cases:outcome.${row.key as "agreement_reached"}`);
}

/** The year's figures as the report prints them; withheld ones say so. */
export function FiguresPanel({ figures }: { figures: AnnualFigures }) {
  const { t } = useTranslation(["annualReports", "statistics", "cases"]);
  const kinds: Column<KindRow>[] = [
    {
      key: "kind",
      header: t("columns.kind"),
      rowHeader: true,
      cell: (row) => t(`statistics:keys.kind.${row.key as "mediation"}`),
    },
    { key: "count", header: t("columns.count"), className: "numeric", cell: (row) => <FigureValue cell={row.count} /> },
    {
      key: "hours",
      header: t("columns.hours"),
      className: "numeric",
      cell: (row) => <FigureValue cell={row.hours} unit="hours" />,
    },
  ];
  const modules: Column<ModuleRow>[] = [
    { key: "module", header: t("columns.module"), rowHeader: true, cell: (row) => `${row.module} (${row.series})` },
    { key: "days", header: t("columns.session_days"), className: "numeric", cell: (row) => row.session_days },
    { key: "present", header: t("columns.present"), className: "numeric", cell: (row) => <FigureValue cell={row.present} /> },
    { key: "excused", header: t("columns.excused"), className: "numeric", cell: (row) => <FigureValue cell={row.excused} /> },
    { key: "absent", header: t("columns.absent"), className: "numeric", cell: (row) => <FigureValue cell={row.absent} /> },
  ];

  return (
    <section className="annual-figures" aria-labelledby="annual-figures-title">
      <h3 id="annual-figures-title">{t("figures.title", { year: figures.year })}</h3>
      <p className="annual-hint">
        {figures.suppression_threshold
          ? t("statistics:suppression.note", { threshold: figures.suppression_threshold })
          : t("figures.computed")}
      </p>
      <dl className="annual-key-figures">
        {figures.steering_meetings !== null && figures.steering_meetings !== undefined && (
          <div>
            <dt>{t("figures.steering_meetings")}</dt>
            <dd>{figures.steering_meetings}</dd>
          </div>
        )}
        {KEY_FIGURES.map(([name, unit]) => {
          const cell = figures[name];
          // Versions generated before a figure was counted do not have it.
          if (!cell) return null;
          return (
            <div key={name}>
              <dt>{t(`figures.${name}`)}</dt>
              <dd>
                <FigureValue cell={cell} unit={unit} />
              </dd>
            </div>
          );
        })}
      </dl>
      <h4>{t("subheadings.consultations_by_kind")}</h4>
      <DataTable
        caption={t("subheadings.consultations_by_kind")}
        captionHidden
        columns={kinds}
        rows={shown(figures.consultations_by_kind)}
        rowKey={(row) => row.key}
        empty={t("none")}
      />
      <h4>{t("subheadings.training_modules")}</h4>
      <DataTable
        caption={t("subheadings.training_modules")}
        captionHidden
        columns={modules}
        rows={figures.training_modules}
        rowKey={(row) => `${row.series}/${row.module}`}
        empty={t("none")}
      />
      <CountTable
        caption={t("subheadings.cases_by_topic")}
        header={t("columns.topic")}
        rows={figures.cases_by_topic}
        label={(row) => t(`statistics:keys.topic.${row.key as "youth"}`)}
      />
      <CountTable
        caption={t("subheadings.cases_by_outcome")}
        header={t("columns.outcome")}
        rows={figures.cases_by_outcome}
        label={(row) => outcomeLabel(row, t)}
      />
      <CountTable
        caption={t("subheadings.referrals_by_target")}
        header={t("columns.target")}
        rows={figures.referrals_by_target}
        label={(row) => targetLabel(row, t)}
      />
      <CountTable
        caption={t("subheadings.activations_by_level")}
        header={t("columns.level")}
        rows={figures.activations_by_level}
        label={(row) => t(`statistics:keys.planLevel.${row.key as "1"}`)}
      />
    </section>
  );
}
