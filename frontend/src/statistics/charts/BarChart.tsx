/**
 * Bar charts of the statistics, drawn as SVG with visx. Suppressed figures get a hatched
 * mark and the word "unterdrückt" instead of a bar, so that they never read as 0.
 */
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { PatternLines } from "@visx/pattern";
import { scaleBand, scaleLinear } from "@visx/scale";
import { Bar } from "@visx/shape";
import { useFigureText } from "../Figure";
import { useFormat } from "../../ui/format";
import type { ChartData } from "../chartData";
import { largestValue } from "../chartData";
import { useElementWidth } from "./useElementWidth";
import "./charts.css";

/** Series colours; each has at least 3:1 contrast against white. */
export const SERIES_COLOURS = ["#1d4e89", "#b35900", "#2f7d4f"] as const;
const HATCH = "#5b6470";
const AXIS = "#4a5360";
const TICK_LABEL = { fill: AXIS, fontSize: 13, fontFamily: "inherit" } as const;

interface BarChartProps {
  data: ChartData;
  layout: "categories" | "months";
  /** Ids of the visible title and the spoken summary, which label the drawing. */
  titleId: string;
  summaryId: string;
}

export default function BarChart(props: BarChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>(640);
  const hatchId = useId().replace(/:/g, "");
  return (
    <div ref={ref} className="chart">
      {props.layout === "categories" ? (
        <CategoryBars {...props} width={width} hatchId={hatchId} />
      ) : (
        <MonthColumns {...props} width={width} hatchId={hatchId} />
      )}
      <Legend data={props.data} hatchId={hatchId} />
    </div>
  );
}

interface DrawingProps extends BarChartProps {
  width: number;
  hatchId: string;
}

function Hatch({ id }: { id: string }) {
  return (
    <PatternLines
      id={id}
      width={8}
      height={8}
      stroke={HATCH}
      strokeWidth={1.5}
      background="#ffffff"
      orientation={["diagonal"]}
    />
  );
}

function truncate(label: string, max: number): string {
  return label.length > max ? `${label.slice(0, max - 1)}…` : label;
}

/** Horizontal bars, one group per category, the figure written at the end of each bar. */
function CategoryBars({ data, width, hatchId, titleId, summaryId }: DrawingProps) {
  const text = useFigureText();
  const labelWidth = Math.min(260, Math.max(120, width * 0.34));
  const margin = { top: 8, right: 104, bottom: 36, left: labelWidth };
  const bar = data.series.length > 1 ? 16 : 22;
  const rowHeight = bar * data.series.length + 12;
  const innerWidth = Math.max(60, width - margin.left - margin.right);
  const innerHeight = rowHeight * data.rows.length;
  const height = innerHeight + margin.top + margin.bottom;

  const y = scaleBand<string>({ domain: data.rows.map((row) => row.key), range: [0, innerHeight], padding: 0 });
  const x = scaleLinear<number>({ domain: [0, Math.max(1, largestValue(data))], range: [0, innerWidth], nice: true });
  const labels = new Map(data.rows.map((row) => [row.key, row.label]));
  const maxChars = Math.floor(labelWidth / 7.2);

  return (
    <svg width={width} height={height} role="img" aria-labelledby={titleId} aria-describedby={summaryId}>
      <defs>
        <Hatch id={hatchId} />
      </defs>
      <Group left={margin.left} top={margin.top}>
        {data.rows.map((row) => {
          const top = (y(row.key) ?? 0) + 6;
          return (
            <Group key={row.key} top={top}>
              {row.cells.map((cell, index) => {
                const barTop = index * bar;
                const colour = SERIES_COLOURS[index % SERIES_COLOURS.length];
                const label = text(cell, data.unit);
                if (cell.suppressed) {
                  return (
                    <g key={index} className="bar-suppressed">
                      <rect x={0} y={barTop + 1} width={40} height={bar - 3} fill={`url(#${hatchId})`} stroke={HATCH} strokeDasharray="3 2" />
                      <text x={46} y={barTop + bar / 2} dy="0.35em" className="bar-label bar-label-suppressed">
                        {label}
                      </text>
                    </g>
                  );
                }
                const length = cell.value === null ? 0 : x(cell.value);
                return (
                  <g key={index}>
                    <Bar x={0} y={barTop + 1} width={length} height={bar - 3} fill={colour} />
                    <text x={length + 6} y={barTop + bar / 2} dy="0.35em" className="bar-label">
                      {label}
                    </text>
                  </g>
                );
              })}
            </Group>
          );
        })}
        <AxisLeft
          scale={y}
          hideTicks
          stroke={AXIS}
          tickFormat={(key) => truncate(labels.get(key) ?? key, maxChars)}
          tickLabelProps={{ ...TICK_LABEL, textAnchor: "end", dx: -6, dy: "0.33em" }}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          numTicks={Math.max(2, Math.floor(innerWidth / 90))}
          stroke={AXIS}
          tickStroke={AXIS}
          tickFormat={(value) => tickNumber(Number(value))}
          tickLabelProps={{ ...TICK_LABEL, textAnchor: "middle" }}
        />
      </Group>
    </svg>
  );
}

function tickNumber(value: number): string | undefined {
  // Counts are whole numbers: no tick at 0.5.
  return Number.isInteger(value) ? String(value) : undefined;
}

/** Columns along the months, one per series side by side; suppressed months are hatched bands. */
function MonthColumns({ data, width, hatchId, titleId, summaryId }: DrawingProps) {
  const { locale } = useFormat();
  const margin = { top: 12, right: 12, bottom: 44, left: 48 };
  const innerWidth = Math.max(120, width - margin.left - margin.right);
  const innerHeight = 220;
  const height = innerHeight + margin.top + margin.bottom;

  const x = scaleBand<string>({ domain: data.rows.map((row) => row.key), range: [0, innerWidth], padding: 0.2 });
  const inner = scaleBand<number>({
    domain: data.series.map((_, index) => index),
    range: [0, x.bandwidth()],
    padding: 0.08,
  });
  const y = scaleLinear<number>({ domain: [0, Math.max(1, largestValue(data))], range: [innerHeight, 0], nice: true });
  const spansYears = new Set(data.rows.map((row) => row.key.slice(0, 4))).size > 1;
  const monthFormat = new Intl.DateTimeFormat(locale, {
    month: "short",
    ...(spansYears ? { year: "2-digit" } : {}),
  });
  const monthLabel = (key: string) => {
    const [year, month] = key.split("-").map(Number);
    return monthFormat.format(new Date(year ?? 2000, (month ?? 1) - 1, 1));
  };
  // Leave out tick labels that would overlap: at most one per 44 pixels.
  const every = Math.max(1, Math.ceil(44 / Math.max(1, x.step())));

  return (
    <svg width={width} height={height} role="img" aria-labelledby={titleId} aria-describedby={summaryId}>
      <defs>
        <Hatch id={hatchId} />
      </defs>
      <Group left={margin.left} top={margin.top}>
        {y.ticks(5).map((tick) => (
          <line key={tick} x1={0} x2={innerWidth} y1={y(tick)} y2={y(tick)} className="grid-line" />
        ))}
        {data.rows.map((row) => (
          <Group key={row.key} left={x(row.key) ?? 0}>
            {row.cells.map((cell, index) => {
              const left = inner(index) ?? 0;
              if (cell.suppressed) {
                return (
                  <rect
                    key={index}
                    className="bar-suppressed"
                    x={left}
                    y={0}
                    width={inner.bandwidth()}
                    height={innerHeight}
                    fill={`url(#${hatchId})`}
                    opacity={0.55}
                  />
                );
              }
              const top = y(cell.value ?? 0);
              return (
                <Bar
                  key={index}
                  x={left}
                  y={top}
                  width={inner.bandwidth()}
                  height={innerHeight - top}
                  fill={SERIES_COLOURS[index % SERIES_COLOURS.length]}
                />
              );
            })}
          </Group>
        ))}
        <AxisLeft
          scale={y}
          numTicks={5}
          stroke={AXIS}
          tickStroke={AXIS}
          tickFormat={(value) => tickNumber(Number(value))}
          tickLabelProps={{ ...TICK_LABEL, textAnchor: "end", dx: -4, dy: "0.33em" }}
        />
        <AxisBottom
          top={innerHeight}
          scale={x}
          stroke={AXIS}
          tickStroke={AXIS}
          tickFormat={(key, index) => (index % every === 0 ? monthLabel(key) : "")}
          tickLabelProps={{ ...TICK_LABEL, textAnchor: "middle" }}
        />
      </Group>
    </svg>
  );
}

/** The series by colour and name, and the hatching of suppressed figures (hidden from readers: the table says it all). */
function Legend({ data, hatchId }: { data: ChartData; hatchId: string }) {
  const { t } = useTranslation("statistics");
  const showSeries = data.series.length > 1;
  const anySuppressed = data.rows.some((row) => row.cells.some((cell) => cell.suppressed));
  if (!showSeries && !anySuppressed) return null;
  return (
    <ul className="chart-legend" aria-hidden="true">
      {showSeries &&
        data.series.map((series, index) => (
          <li key={series.key}>
            <svg width="14" height="14" className="legend-swatch">
              <rect width="14" height="14" fill={SERIES_COLOURS[index % SERIES_COLOURS.length]} />
            </svg>
            {series.label}
          </li>
        ))}
      {anySuppressed && (
        <li>
          <svg width="14" height="14" className="legend-swatch">
            <rect width="14" height="14" fill={`url(#${hatchId})`} stroke={HATCH} />
          </svg>
          {t("chart.suppressedLegend")}
        </li>
      )}
    </ul>
  );
}
