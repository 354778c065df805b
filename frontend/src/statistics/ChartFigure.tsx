import { Suspense, lazy, useId } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { FigureValue, useFigureText } from "./Figure";
import type { ChartData, ChartRow } from "./chartData";
import { drawnOnly, largestRow, suppressedCount, withMonthNames } from "./chartData";
import { useFormat } from "../ui/format";

// The drawing library comes with the charts, in their own chunk; the tables do not wait for it.
const BarChart = lazy(() => import("./charts/BarChart"));

interface ChartFigureProps {
  title: string;
  data: ChartData;
  /** `categories`: horizontal bars with their names; `months`: columns along the months. */
  layout: "categories" | "months";
}

/** A chart with its title, a spoken summary and the same figures as a table. */
export function ChartFigure({ title, data: given, layout }: ChartFigureProps) {
  const { t } = useTranslation("statistics");
  const text = useFigureText();
  const { locale } = useFormat();
  const data = layout === "months" ? withMonthNames(given, locale) : given;
  const titleId = useId();
  const summaryId = useId();

  const drawn = drawnOnly(data);
  const largest = largestRow(drawn);
  const hidden = suppressedCount(drawn);
  const count = drawn.rows.length * drawn.series.length;
  const summary = [
    // "Largest 0" says nothing: a chart of zeros says so.
    largest && largest.value > 0
      ? t("chart.summary", {
          count,
          max: text({ value: largest.value, suppressed: false }, drawn.unit),
          label: largest.row.label,
        })
      : largest
        ? t("chart.summaryZero", { count })
        : t("chart.summaryEmpty"),
    hidden > 0 ? t("chart.summarySuppressed", { count: hidden }) : "",
  ]
    .filter(Boolean)
    .join(" ");

  const columns: Column<ChartRow>[] = [
    {
      key: "label",
      header: layout === "months" ? t("chart.month") : t("chart.category"),
      cell: (row) => row.label,
      rowHeader: true,
    },
    ...data.series.map((series, index) => ({
      key: series.key,
      header: series.label,
      className: "numeric",
      cell: (row: ChartRow) => {
        const cell = row.cells[index];
        return cell ? <FigureValue cell={cell} unit={series.unit ?? data.unit} /> : null;
      },
    })),
  ];

  return (
    <figure className="chart-figure" aria-labelledby={titleId}>
      <h3 id={titleId} className="chart-title">
        {title}
      </h3>
      <p id={summaryId} className="visually-hidden">
        {summary}
      </p>
      <Suspense fallback={<div className="chart-placeholder" aria-hidden="true" />}>
        <BarChart data={drawn} layout={layout} titleId={titleId} summaryId={summaryId} />
      </Suspense>
      <details className="chart-table">
        <summary>{t("chart.table")}</summary>
        <DataTable caption={title} captionHidden columns={columns} rows={data.rows} rowKey={(row) => row.key} />
      </details>
    </figure>
  );
}
