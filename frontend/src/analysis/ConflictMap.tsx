import { useRef, useState } from "react";
import type { KeyboardEvent, PointerEvent } from "react";
import { useTranslation } from "react-i18next";
import { GROUP_COLOURS } from "../network";
import { DataTable } from "../ui/DataTable";
import { RELATIONSHIP_KINDS, RELATIONSHIP_STYLES, levelOf, nudge } from "./model";
import type { Actor, AnalysisContent, MapPosition } from "./model";

const WIDTH = 640;
const HEIGHT = 400;
const MARGIN = 50;

interface Placed {
  actor: Actor;
  x: number;
  y: number;
  r: number;
}

/** An actor's place on the map (0–1 each way): its saved one, or on a circle in the order of the analysis. */
function positionOf(actor: Actor, index: number, count: number): MapPosition {
  if (actor.position) return actor.position;
  const angle = (2 * Math.PI * index) / Math.max(count, 1) - Math.PI / 2;
  return { x: 0.5 + 0.4 * Math.cos(angle), y: 0.5 + 0.4 * Math.sin(angle) };
}

/** Where each actor is drawn, in the drawing's units. */
function place(actors: readonly Actor[]): Map<string, Placed> {
  const placed = new Map<string, Placed>();
  actors.forEach((actor, index) => {
    const { x, y } = positionOf(actor, index, actors.length);
    placed.set(actor.key, {
      actor,
      x: MARGIN + x * (WIDTH - 2 * MARGIN),
      y: MARGIN + y * (HEIGHT - 2 * MARGIN),
      r: 10 + 4 * (actor.influence ?? 2),
    });
  });
  return placed;
}

const clamp = (value: number) => Math.min(1, Math.max(0, value));

const pairKey = (a: string, b: string) => [a, b].sort().join("\u0000");

interface ConflictMapProps {
  content: AnalysisContent;
  headingId: string;
  /**
   * Where a moved actor now stands; without it the map is read-only. Called while
   * dragging and per arrow key with `done` false, and once more with `done` true when
   * the move ends (pointer released, keyboard paused), which is when to store it.
   */
  onMove?: (key: string, position: MapPosition, done: boolean) => void;
}

/**
 * The conflict map (Konfliktlandkarte): actors as nodes sized by influence and marked by
 * actor group, relationships as lines in the network map's styles, the escalation stage on
 * the lines of assessed pairs. The tables after it carry the same data for screen readers.
 *
 * Editable maps let each actor be dragged, or focused with Tab and moved with the arrow
 * keys (Shift for larger steps); a live region says where it now stands.
 */
export function ConflictMap({ content, headingId, onMove }: ConflictMapProps) {
  const { t } = useTranslation("analysis");
  const { t: tNetwork } = useTranslation("network");
  const { t: tCases } = useTranslation("cases");
  const svgRef = useRef<SVGSVGElement>(null);
  const dragRef = useRef<{ key: string; pointerId: number; dx: number; dy: number; moved: boolean } | null>(null);
  const keyTimer = useRef<number | undefined>(undefined);
  const [announcement, setAnnouncement] = useState("");
  const actors = content.actors ?? [];
  const relationships = content.relationships ?? [];
  const assessments = content.assessments ?? [];
  const placed = place(actors);
  const editable = onMove !== undefined;

  function announce(actor: Actor, position: MapPosition) {
    setAnnouncement(
      t("map.moved", { label: actor.label, x: Math.round(position.x * 100), y: Math.round(position.y * 100) }),
    );
  }

  /** The pointer's place in the drawing's units. */
  function pointerAt(event: PointerEvent<SVGGElement>) {
    const matrix = svgRef.current?.getScreenCTM();
    if (!matrix) return null;
    const point = new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix.inverse());
    return { x: point.x, y: point.y };
  }

  const toPosition = (x: number, y: number): MapPosition => ({
    x: clamp((x - MARGIN) / (WIDTH - 2 * MARGIN)),
    y: clamp((y - MARGIN) / (HEIGHT - 2 * MARGIN)),
  });

  function onPointerDown(event: PointerEvent<SVGGElement>, node: Placed) {
    const at = pointerAt(event);
    if (!at || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragRef.current = { key: node.actor.key, pointerId: event.pointerId, dx: node.x - at.x, dy: node.y - at.y, moved: false };
  }

  function onPointerMove(event: PointerEvent<SVGGElement>) {
    const drag = dragRef.current;
    const at = pointerAt(event);
    if (!drag || drag.pointerId !== event.pointerId || !at || !onMove) return;
    drag.moved = true;
    onMove(drag.key, toPosition(at.x + drag.dx, at.y + drag.dy), false);
  }

  function onPointerUp(event: PointerEvent<SVGGElement>, node: Placed) {
    const drag = dragRef.current;
    if (!drag || drag.pointerId !== event.pointerId) return;
    dragRef.current = null;
    const at = pointerAt(event);
    if (!drag.moved || !at || !onMove) return;
    const position = toPosition(at.x + drag.dx, at.y + drag.dy);
    onMove(drag.key, position, true);
    announce(node.actor, position);
  }

  function onKeyDown(event: KeyboardEvent<SVGGElement>, actor: Actor, index: number) {
    if (!onMove) return;
    const next = nudge(positionOf(actor, index, actors.length), event.key, event.shiftKey);
    if (!next) return;
    event.preventDefault();
    onMove(actor.key, next, false);
    announce(actor, next);
    // Stored once the keys rest, not per step.
    window.clearTimeout(keyTimer.current);
    keyTimer.current = window.setTimeout(() => onMove(actor.key, next, true), 500);
  }
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
              ref={svgRef}
              viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
              role={editable ? "group" : "img"}
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
              {[...placed.values()].map((node, index) => {
                const { actor, x, y, r } = node;
                const handlers = editable
                  ? {
                      className: "conflict-map-node",
                      tabIndex: 0,
                      role: "button",
                      "aria-roledescription": t("map.movable"),
                      "aria-label": t("map.nodeLabel", { label: actor.label }),
                      "aria-describedby": `${headingId}-keys`,
                      onKeyDown: (event: KeyboardEvent<SVGGElement>) => onKeyDown(event, actor, index),
                      onPointerDown: (event: PointerEvent<SVGGElement>) => onPointerDown(event, node),
                      onPointerMove,
                      onPointerUp: (event: PointerEvent<SVGGElement>) => onPointerUp(event, node),
                      onPointerCancel: () => (dragRef.current = null),
                    }
                  : {};
                return (
                  <g key={actor.key} transform={`translate(${x}, ${y})`} data-actor={actor.key} {...handlers}>
                    <circle className="node-ring" r={r + 4} fill="none" stroke="transparent" strokeWidth={3} />
                    <circle r={r} fill={actor.sector ? GROUP_COLOURS[actor.sector] : "#5b6470"} stroke="#ffffff" strokeWidth={2} />
                    <text textAnchor="middle" dy="0.35em" fontSize="11" fontWeight="700" fill="#ffffff" aria-hidden="true">
                      {actor.sector ? tNetwork(`actorGroupCode.${actor.sector}`) : ""}
                    </text>
                    <text textAnchor="middle" y={r + 14} fontSize="12" fill="#1b1f24" stroke="#ffffff" strokeWidth={3} paintOrder="stroke" aria-hidden="true">
                      {actor.label}
                    </text>
                  </g>
                );
              })}
            </svg>
          </div>
          {editable && (
            <p id={`${headingId}-keys`} className="field-hint analysis-no-print">
              {t("map.moveHint")}
            </p>
          )}
          <p className="visually-hidden" aria-live="polite">
            {announcement}
          </p>
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
