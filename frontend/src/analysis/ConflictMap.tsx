import { useTranslation } from "react-i18next";
import { GROUP_COLOURS } from "../network";
import { DataTable } from "../ui/DataTable";
import { RELATIONSHIP_KINDS, RELATIONSHIP_STYLES, levelOf } from "./model";
import type { Actor, AnalysisContent } from "./model";

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = 50;

interface Placed {
  actor: Actor;
  x: number;
  y: number;
  r: number;
}

/** Where each actor sits: its saved place, or on a circle in the order of the analysis. */
function place(actors: readonly Actor[]): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  actors.forEach((actor, index) => {
    const angle = (2 * Math.PI * index) / Math.max(actors.length, 1) - Math.PI / 2;
    const x = actor.position ? actor.position.x : 0.5 + 0.4 * Math.cos(angle);
    const y = actor.position ? actor.position.y : 0.5 + 0.4 * Math.sin(angle);
    placed.set(actor.key, {
      actor,
      x: MARGIN + x * (WIDTH - 2 * MARGIN),
      y: MARGIN + y * (HEIGHT - 2 * MARGIN),
      r: 10 + 4 * (actor.influence ?? 2),
    });
  });
  return placed;
}

const pairKey = (a: string, b: string) => [a, b].sort().join("\u0000");

/**
 * The conflict map (Konfliktlandkarte): actors as nodes sized by influence and marked by
 * actor group, relationships as lines in the network map's styles, the escalation stage on
 * the lines of assessed pairs. The tables after it carry the same data for screen readers.
 */
export function ConflictMap({ content, headingId }: { content: AnalysisContent; headingId: string }) {
  const { t } = useTranslation("analysis");
  const { t: tNetwork } = useTranslation("network");
  const { t: tCases } = useTranslation("cases");
  const actors = content.actors ?? [];
  const relationships = content.relationships ?? [];
  const assessments = content.assessments ?? [];
  const placed = place(actors);
  const labelOf = (key: string) => placed.get(key)?.actor.label ?? key;
  const stages = new Map(assessments.map((a) => [pairKey(a.actor_a, a.actor_b), a.stage]));
  const drawnPairs = new Set<string>();

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("section.map")}</h2>
      <p id={`${headingId}-desc`} className="field-hint">
        {t("map.description")}
      </p>
      {actors.length === 0 ? (
        <p className="empty">{t("map.empty")}</p>
      ) : (
        <>
          <div className="conflict-map">
            <svg
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              role="img"
              aria-labelledby={headingId}
              aria-describedby={`${headingId}-desc`}
            >
              <defs>
                <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
                  <path d="M 0 0 L 10 5 L 0 10 z" fill="#1b1f24" />
                </marker>
              </defs>
              {relationships.map((rel, index) => {
                const from = placed.get(rel.source);
                const to = placed.get(rel.target);
                if (!from || !to) return null;
                const style = RELATIONSHIP_STYLES[rel.kind];
                const dx = to.x - from.x;
                const dy = to.y - from.y;
                const length = Math.hypot(dx, dy) || 1;
                const end = { x: to.x - (dx / length) * (to.r + 4), y: to.y - (dy / length) * (to.r + 4) };
                const pair = pairKey(rel.source, rel.target);
                const stage = stages.get(pair);
                const showStage = stage !== undefined && !drawnPairs.has(pair);
                if (showStage) drawnPairs.add(pair);
                return (
                  <g key={index}>
                    <line
                      x1={from.x}
                      y1={from.y}
                      x2={rel.directed ? end.x : to.x}
                      y2={rel.directed ? end.y : to.y}
                      stroke={style.stroke}
                      strokeWidth={style.width + ((rel.intensity ?? 2) - 2)}
                      strokeDasharray={style.dash}
                      markerEnd={rel.directed ? "url(#arrow)" : undefined}
                    />
                    {showStage && (
                      <StageLabel x={(from.x + to.x) / 2} y={(from.y + to.y) / 2} text={t("map.stageShort", { stage })} />
                    )}
                  </g>
                );
              })}
              {assessments.map((item, index) => {
                // An assessed pair without a drawn relationship still shows its stage.
                const pair = pairKey(item.actor_a, item.actor_b);
                const from = placed.get(item.actor_a);
                const to = placed.get(item.actor_b);
                if (!from || !to || drawnPairs.has(pair)) return null;
                drawnPairs.add(pair);
                return (
                  <g key={`assessment-${index}`}>
                    <line x1={from.x} y1={from.y} x2={to.x} y2={to.y} stroke="#8a929c" strokeWidth={1} strokeDasharray="1 4" />
                    <StageLabel x={(from.x + to.x) / 2} y={(from.y + to.y) / 2} text={t("map.stageShort", { stage: item.stage })} />
                  </g>
                );
              })}
              {[...placed.values()].map(({ actor, x, y, r }) => (
                <g key={actor.key} transform={`translate(${x}, ${y})`}>
                  <circle r={r} fill={actor.sector ? GROUP_COLOURS[actor.sector] : "#5b6470"} stroke="#ffffff" strokeWidth={2} />
                  <text textAnchor="middle" dy="0.35em" fontSize="11" fontWeight="700" fill="#ffffff">
                    {actor.sector ? tNetwork(`actorGroupCode.${actor.sector}`) : ""}
                  </text>
                  <text textAnchor="middle" y={r + 14} fontSize="12" fill="#1b1f24" stroke="#ffffff" strokeWidth={3} paintOrder="stroke">
                    {actor.label}
                  </text>
                </g>
              ))}
            </svg>
          </div>
          <ul className="map-legend" aria-label={t("map.legend")}>
            {RELATIONSHIP_KINDS.filter((kind) => relationships.some((rel) => rel.kind === kind)).map((kind) => {
              const style = RELATIONSHIP_STYLES[kind];
              return (
                <li key={kind}>
                  <svg width="36" height="10" aria-hidden="true">
                    <line x1="0" y1="5" x2="36" y2="5" stroke={style.stroke} strokeWidth={style.width} strokeDasharray={style.dash} />
                  </svg>
                  {t(`relationship.kinds.${kind}`)}
                </li>
              );
            })}
          </ul>
          <DataTable
            caption={t("map.actorsCaption")}
            rows={actors}
            rowKey={(actor) => actor.key}
            columns={[
              { key: "label", header: t("map.actor"), rowHeader: true, cell: (actor) => actor.label },
              { key: "kind", header: t("actor.kind"), cell: (actor) => t(`kind.${actor.kind ?? "group"}`) },
              {
                key: "sector",
                header: t("actor.sector"),
                cell: (actor) => (actor.sector ? tNetwork(`actorGroup.${actor.sector}`) : t("none")),
              },
              { key: "influence", header: t("actor.influence"), cell: (actor) => actor.influence ?? t("none") },
            ]}
          />
          <DataTable
            caption={t("map.relationshipsCaption")}
            rows={relationships.map((rel, index) => ({ rel, index }))}
            rowKey={({ index }) => String(index)}
            empty={t("relationship.none")}
            columns={[
              {
                key: "pair",
                header: t("map.pair"),
                rowHeader: true,
                cell: ({ rel }) => `${labelOf(rel.source)} – ${labelOf(rel.target)}`,
              },
              { key: "kind", header: t("relationship.kind"), cell: ({ rel }) => t(`relationship.kinds.${rel.kind}`) },
              {
                key: "intensity",
                header: t("relationship.intensity"),
                cell: ({ rel }) => t(`relationship.intensityValue.${(rel.intensity ?? 2) as 1 | 2 | 3}`),
              },
              {
                key: "direction",
                header: t("map.direction"),
                cell: ({ rel }) =>
                  rel.directed ? t("map.directed", { from: labelOf(rel.source), to: labelOf(rel.target) }) : t("map.mutual"),
              },
            ]}
          />
          <DataTable
            caption={t("map.assessmentsCaption")}
            rows={assessments.map((item, index) => ({ item, index }))}
            rowKey={({ index }) => String(index)}
            empty={t("assessment.none")}
            columns={[
              {
                key: "pair",
                header: t("map.pair"),
                rowHeader: true,
                cell: ({ item }) => `${labelOf(item.actor_a)} – ${labelOf(item.actor_b)}`,
              },
              {
                key: "stage",
                header: t("assessment.stage"),
                cell: ({ item }) =>
                  tCases("levelNamed", { level: item.stage, name: tCases(`glasl.${item.stage}` as "glasl.1") }),
              },
              {
                key: "level",
                header: t("map.level"),
                cell: ({ item }) => t(`assessment.levels.${levelOf(item.stage)}`),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

function StageLabel({ x, y, text }: { x: number; y: number; text: string }) {
  return (
    <g transform={`translate(${x}, ${y})`}>
      <rect x={-22} y={-11} width={44} height={22} rx={4} fill="#ffffff" stroke="#a50026" />
      <text textAnchor="middle" dy="0.35em" fontSize="12" fill="#1b1f24">
        {text}
      </text>
    </g>
  );
}
