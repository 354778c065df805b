import { useTranslation } from "react-i18next";
import { AxisBottom, AxisLeft } from "@visx/axis";
import { Group } from "@visx/group";
import { scaleLinear, scaleUtc } from "@visx/scale";
import { LinePath } from "@visx/shape";
import { LoadingStatus } from "../layout/LoadingStatus";
import { DataTable } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { STAGES } from "./model";
import type { CoursePair } from "./model";
import { useCourse } from "./queries";

const WIDTH = 640;
const HEIGHT = 300;
const MARGIN = { top: 12, right: 24, bottom: 36, left: 40 };
const AXIS = "#4a5360";
const TICK_LABEL = { fill: AXIS, fontSize: 12, fontFamily: "inherit" } as const;
/** One colour and dash per pair, so that lines differ without colour too; each ≥ 3:1 on white. */
const PAIR_STYLES = [
  { stroke: "#a50026", dash: undefined },
  { stroke: "#1d4e89", dash: "8 4" },
  { stroke: "#2f7d4f", dash: "2 3" },
  { stroke: "#a84f06", dash: "10 3 2 3" },
  { stroke: "#6a3d9a", dash: "4 2" },
] as const;
const DAY = 86_400_000;

const styleOf = (index: number) => PAIR_STYLES[index % PAIR_STYLES.length]!;
const timeOf = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));

interface CourseChartProps {
  caseId: string;
  /** The saved analysis's version: the chart follows it (and the saved versions). */
  version: number;
  headingId: string;
}

/**
 * The course chart (Verlaufsdiagramm): the Glasl stage over time per pair of actors, from the
 * saved versions, the turning points and the working analysis, drawn with visx; the table
 * after it holds every point for screen readers and print.
 */
export function CourseChart({ caseId, version, headingId }: CourseChartProps) {
  const { t } = useTranslation("analysis");
  const course = useCourse(caseId, version);
  return (
    <section className="panel course-chart" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("course.heading")}</h2>
      <p id={`${headingId}-desc`} className="field-hint">
        {t("course.description")}
      </p>
      {course.isPending ? (
        <LoadingStatus />
      ) : course.isError ? (
        <ErrorNotice error={course.error} onRetry={() => void course.refetch()} />
      ) : course.data.pairs.length === 0 ? (
        <p className="empty">{t("course.empty")}</p>
      ) : (
        <Drawing pairs={course.data.pairs} headingId={headingId} />
      )}
    </section>
  );
}

function Drawing({ pairs, headingId }: { pairs: CoursePair[]; headingId: string }) {
  const { t } = useTranslation("analysis");
  const { t: tCases } = useTranslation("cases");
  const format = useFormat();
  const times = pairs.flatMap((pair) => pair.points.map((point) => timeOf(point.on)));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const innerWidth = WIDTH - MARGIN.left - MARGIN.right;
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const x = scaleUtc<number>({
    domain: first === last ? [first - DAY, last + DAY] : [first, last],
    range: [0, innerWidth],
  });
  const y = scaleLinear<number>({ domain: [1, 9], range: [innerHeight, 0] });
  const rows = pairs.flatMap((pair) => pair.points.map((point, index) => ({ pair, point, index })));
  const sourceText = (point: CoursePair["points"][number]) =>
    point.source === "version" ? t("course.source.version", { number: point.version }) : t(`course.source.${point.source}`);

  return (
    <>
      <div className="course-chart-drawing">
        <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={headingId} aria-describedby={`${headingId}-desc`}>
          <Group left={MARGIN.left} top={MARGIN.top}>
            {STAGES.map((stage) => (
              <line key={stage} x1={0} x2={innerWidth} y1={y(stage)} y2={y(stage)} stroke="#e3e6ea" />
            ))}
            {[3.5, 6.5].map((border) => (
              // The borders of Glasl's three levels.
              <line key={border} x1={0} x2={innerWidth} y1={y(border)} y2={y(border)} stroke="#8a929c" strokeDasharray="2 4" />
            ))}
            {pairs.map((pair, index) => {
              const style = styleOf(index);
              return (
                <g key={`${pair.actor_a}-${pair.actor_b}`}>
                  <LinePath
                    data={pair.points}
                    x={(point) => x(timeOf(point.on))}
                    y={(point) => y(point.stage)}
                    stroke={style.stroke}
                    strokeWidth={2.5}
                    strokeDasharray={style.dash}
                  />
                  {pair.points.map((point, n) => (
                    <Mark key={n} x={x(timeOf(point.on))} y={y(point.stage)} colour={style.stroke} source={point.source} />
                  ))}
                </g>
              );
            })}
            <AxisLeft
              scale={y}
              tickValues={[...STAGES]}
              stroke={AXIS}
              tickStroke={AXIS}
              tickLabelProps={{ ...TICK_LABEL, textAnchor: "end", dx: -4, dy: "0.33em" }}
            />
            <AxisBottom
              top={innerHeight}
              scale={x}
              numTicks={4}
              stroke={AXIS}
              tickStroke={AXIS}
              tickFormat={(value) => format.date((value instanceof Date ? value : new Date(Number(value))).toISOString())}
              tickLabelProps={{ ...TICK_LABEL, textAnchor: "middle" }}
            />
          </Group>
        </svg>
      </div>
      <ul className="map-legend" aria-label={t("course.legend")}>
        {pairs.map((pair, index) => {
          const style = styleOf(index);
          return (
            <li key={`${pair.actor_a}-${pair.actor_b}`}>
              <svg width="36" height="10" aria-hidden="true">
                <line x1="0" y1="5" x2="36" y2="5" stroke={style.stroke} strokeWidth={2.5} strokeDasharray={style.dash} />
              </svg>
              {pair.label}
            </li>
          );
        })}
        <li>{t("course.marks")}</li>
      </ul>
      <DataTable
        caption={t("course.caption")}
        rows={rows}
        rowKey={({ pair, index }) => `${pair.actor_a}-${pair.actor_b}-${index}`}
        columns={[
          { key: "pair", header: t("map.pair"), rowHeader: true, cell: ({ pair }) => pair.label },
          { key: "on", header: t("course.on"), cell: ({ point }) => format.date(point.on) },
          {
            key: "stage",
            header: t("assessment.stage"),
            cell: ({ point }) => tCases("levelNamed", { level: point.stage, name: tCases(`glasl.${point.stage}` as "glasl.1") }),
          },
          { key: "source", header: t("course.sourceHeader"), cell: ({ point }) => sourceText(point) },
          { key: "note", header: t("course.note"), cell: ({ point }) => point.note || t("none") },
        ]}
      />
    </>
  );
}

/** A version is a dot, a turning point a diamond, the working analysis a ring. */
function Mark({ x, y, colour, source }: { x: number; y: number; colour: string; source: CoursePair["points"][number]["source"] }) {
  if (source === "turning_point") {
    return <rect x={x - 5} y={y - 5} width={10} height={10} transform={`rotate(45 ${x} ${y})`} fill={colour} stroke="#ffffff" />;
  }
  if (source === "current") return <circle cx={x} cy={y} r={5} fill="#ffffff" stroke={colour} strokeWidth={2.5} />;
  return <circle cx={x} cy={y} r={5} fill={colour} stroke="#ffffff" />;
}
