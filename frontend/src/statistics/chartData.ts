import type { Cell } from "./queries";
import type { Unit } from "./Figure";

/** One measure shown in a chart, e.g. "new cases"; a chart has one or more. */
export interface Series {
  key: string;
  label: string;
  /** The unit of this measure where it differs from the chart's. */
  unit?: Unit;
  /** False for a measure shown in the table only (another unit than the bars). */
  drawn?: boolean;
}

/** One category (or month) of a chart with one figure per series. */
export interface ChartRow {
  key: string;
  label: string;
  cells: Cell[];
}

export interface ChartData {
  series: Series[];
  rows: ChartRow[];
  unit?: Unit;
}

/** The data without the measures that are shown in the table only. */
export function drawnOnly(data: ChartData): ChartData {
  const keep = data.series.map((series) => series.drawn !== false);
  if (keep.every(Boolean)) return data;
  return {
    ...data,
    series: data.series.filter((_, index) => keep[index]),
    rows: data.rows.map((row) => ({ ...row, cells: row.cells.filter((_, index) => keep[index]) })),
  };
}

/** The largest figure shown, for the scale; suppressed figures have no size. */
export function largestValue(data: ChartData): number {
  let max = 0;
  for (const row of data.rows) {
    for (const cell of row.cells) {
      if (!cell.suppressed && cell.value !== null && cell.value > max) max = cell.value;
    }
  }
  return max;
}

export function suppressedCount(data: ChartData): number {
  return data.rows.reduce((sum, row) => sum + row.cells.filter((cell) => cell.suppressed).length, 0);
}

/** The row holding the largest figure of the first series, for the chart's spoken summary. */
export function largestRow(data: ChartData): { row: ChartRow; value: number } | null {
  let best: { row: ChartRow; value: number } | null = null;
  for (const row of data.rows) {
    const cell = row.cells[0];
    if (cell && !cell.suppressed && cell.value !== null && (best === null || cell.value > best.value)) {
      best = { row, value: cell.value };
    }
  }
  return best;
}

/** `2026-03` → "März 2026" in the given locale. */
export function monthName(key: string, locale: string): string {
  const [year, month] = key.split("-").map(Number);
  if (!year || !month) return key;
  return new Intl.DateTimeFormat(locale, { month: "long", year: "numeric" }).format(new Date(year, month - 1, 1));
}

/** Rows keyed by month (`YYYY-MM`) named by month and year. */
export function withMonthNames(data: ChartData, locale: string): ChartData {
  return { ...data, rows: data.rows.map((row) => ({ ...row, label: monthName(row.key, locale) })) };
}
