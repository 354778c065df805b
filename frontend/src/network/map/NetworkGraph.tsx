/**
 * The drawing of the network map: SVG, laid out by d3-force, zoomed and panned by d3-zoom
 * (wheel, pinch, drag, and the buttons). Loaded in its own chunk with those libraries.
 *
 * Keyboard: one node is in the tab order; arrow keys move to the nearest node in that
 * direction, Home/End to the first/last contact, Enter opens the contact. The map pans to
 * the node that gets focus.
 */
import { useEffect, useMemo, useRef, useState } from "react";
import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { select } from "d3-selection";
import { zoom, zoomIdentity } from "d3-zoom";
import type { ZoomBehavior, ZoomTransform } from "d3-zoom";
import { GROUP_COLOURS, RELATION_STYLES } from "../model";
import type { GraphEdge, GraphNode } from "../model";
import { layoutGraph, neighbourInDirection } from "./layout";
import type { Direction, PlacedNode } from "./layout";

interface NetworkGraphProps {
  nodes: readonly GraphNode[];
  edges: readonly GraphEdge[];
  /** A contact to start on and to mark (e.g. coming from its page). */
  focusId: string | null;
  onOpen: (id: string) => void;
  /** Id of the hint explaining mouse and keyboard use. */
  hintId: string;
}

const NODE_RADIUS = 13;
const LABELS_FROM_SCALE = 1.8;
const KEYS: Record<string, Direction> = { ArrowLeft: "left", ArrowRight: "right", ArrowUp: "up", ArrowDown: "down" };

export default function NetworkGraph({ nodes, edges, focusId, onOpen, hintId }: NetworkGraphProps) {
  const { t } = useTranslation("network");
  const layout = useMemo(() => layoutGraph(nodes, edges), [nodes, edges]);
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  const nodeRefs = useRef(new Map<string, SVGGElement>());
  const [transform, setTransform] = useState<ZoomTransform>(zoomIdentity);
  const [active, setActive] = useState<string | null>(focusId);
  const [pointed, setPointed] = useState<string | null>(null);

  const byId = useMemo(() => new Map(layout.nodes.map((node) => [node.id, node])), [layout]);
  const current = (active && byId.get(active)) || layout.nodes[0] || null;
  const highlighted = pointed ?? active;
  const neighbours = useMemo(() => {
    const set = new Set<string>();
    if (!highlighted) return set;
    set.add(highlighted);
    for (const edge of layout.edges) {
      if (edge.source === highlighted) set.add(edge.target);
      if (edge.target === highlighted) set.add(edge.source);
    }
    return set;
  }, [highlighted, layout]);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([0.4, 8])
      .on("zoom", (event: { transform: ZoomTransform }) => setTransform(event.transform));
    zoomRef.current = behaviour;
    const selection = select(svg);
    selection.call(behaviour).on("dblclick.zoom", null);
    return () => {
      selection.on(".zoom", null);
    };
  }, []);

  // Coming from a contact's page: show that contact in the middle, a little closer.
  useEffect(() => {
    const node = focusId ? byId.get(focusId) : undefined;
    const svg = svgRef.current;
    if (!node || !svg || !zoomRef.current) return;
    zoomRef.current.scaleTo(select(svg), 2, [node.x, node.y]);
    zoomRef.current.translateTo(select(svg), node.x, node.y);
  }, [focusId, byId]);

  function zoomBy(factor: number) {
    if (svgRef.current && zoomRef.current) zoomRef.current.scaleBy(select(svgRef.current), factor);
  }

  function resetView() {
    if (svgRef.current && zoomRef.current) zoomRef.current.transform(select(svgRef.current), zoomIdentity);
  }

  /** Keeps a node that got focus on screen. */
  function reveal(node: PlacedNode) {
    const svg = svgRef.current;
    if (!svg || !zoomRef.current) return;
    const { x, y, width, height } = layout.bounds;
    const [sx, sy] = transform.apply([node.x, node.y]);
    const margin = 30;
    const inside = sx > x + margin && sx < x + width - margin && sy > y + margin && sy < y + height - margin;
    if (!inside) zoomRef.current.translateTo(select(svg), node.x, node.y);
  }

  function moveTo(node: PlacedNode | null | undefined) {
    if (!node) return;
    setActive(node.id);
    nodeRefs.current.get(node.id)?.focus();
  }

  function onKeyDown(event: KeyboardEvent<SVGGElement>, node: PlacedNode) {
    const direction = KEYS[event.key];
    if (direction) {
      event.preventDefault();
      moveTo(neighbourInDirection(layout.nodes, node, direction));
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      moveTo(event.key === "Home" ? layout.nodes[0] : layout.nodes.at(-1));
    } else if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(node.id);
    }
  }

  const showAllLabels = transform.k >= LABELS_FROM_SCALE;
  const { x, y, width, height } = layout.bounds;

  return (
    <div className="map-frame">
      <svg
        ref={svgRef}
        viewBox={`${x} ${y} ${width} ${height}`}
        role="group"
        aria-label={t("map.description", { nodes: layout.nodes.length, edges: layout.edges.length })}
        aria-describedby={hintId}
      >
        <defs>
          <marker id="map-arrow" viewBox="0 0 10 10" refX={10 + NODE_RADIUS} refY={5} markerWidth={6} markerHeight={6} orient="auto">
            <path d="M0,0 L10,5 L0,10 z" fill="#4a5360" />
          </marker>
        </defs>
        <g transform={transform.toString()}>
          <g aria-hidden="true">
            {layout.edges.map((edge) => {
              const style = RELATION_STYLES[edge.relation_type];
              const dimmed = highlighted !== null && !(neighbours.has(edge.source) && neighbours.has(edge.target) && (edge.source === highlighted || edge.target === highlighted));
              return (
                <line
                  key={edge.id}
                  x1={edge.from.x}
                  y1={edge.from.y}
                  x2={edge.to.x}
                  y2={edge.to.y}
                  stroke={style.stroke}
                  strokeWidth={style.width / Math.sqrt(transform.k)}
                  strokeDasharray={style.dash}
                  markerEnd={edge.directed ? "url(#map-arrow)" : undefined}
                  opacity={dimmed ? 0.15 : 0.9}
                />
              );
            })}
          </g>
          {layout.nodes.map((node) => {
            const dimmed = highlighted !== null && !neighbours.has(node.id);
            const labelled = showAllLabels || neighbours.has(node.id) || node.id === focusId;
            const group = t(`actorGroup.${node.actor_group}`);
            return (
              <g
                key={node.id}
                ref={(element) => {
                  if (element) nodeRefs.current.set(node.id, element);
                  else nodeRefs.current.delete(node.id);
                }}
                className={node.id === focusId ? "map-node map-node-chosen" : "map-node"}
                transform={`translate(${node.x},${node.y})`}
                role="link"
                tabIndex={node.id === current?.id ? 0 : -1}
                aria-label={t("map.nodeLabel", { name: node.label, group, kind: t(`kind.${node.kind}`), count: node.degree })}
                opacity={dimmed ? 0.3 : 1}
                onClick={() => onOpen(node.id)}
                onKeyDown={(event) => onKeyDown(event, node)}
                onFocus={() => {
                  setActive(node.id);
                  reveal(node);
                }}
                onBlur={() => setActive((value) => (value === node.id ? null : value))}
                onPointerEnter={() => setPointed(node.id)}
                onPointerLeave={() => setPointed(null)}
              >
                <title>{`${node.label} – ${group}`}</title>
                <NodeShape node={node} />
                <text className="node-code" textAnchor="middle" dy="0.35em" aria-hidden="true">
                  {t(`actorGroupCode.${node.actor_group}`)}
                </text>
                {labelled && (
                  <text className="node-name" y={NODE_RADIUS + 13} textAnchor="middle" aria-hidden="true">
                    {node.label}
                  </text>
                )}
              </g>
            );
          })}
        </g>
      </svg>
      <div className="map-tools">
        <button type="button" className="button button-secondary" onClick={() => zoomBy(1.5)} aria-label={t("map.zoomIn")} title={t("map.zoomIn")}>
          +
        </button>
        <button type="button" className="button button-secondary" onClick={() => zoomBy(1 / 1.5)} aria-label={t("map.zoomOut")} title={t("map.zoomOut")}>
          −
        </button>
        <button type="button" className="button button-secondary" onClick={resetView}>
          {t("map.reset")}
        </button>
      </div>
    </div>
  );
}

/** Persons are circles, organisations squares; a ring around shows focus and the chosen contact. */
function NodeShape({ node }: { node: PlacedNode }) {
  const fill = GROUP_COLOURS[node.actor_group];
  const r = NODE_RADIUS;
  if (node.kind === "person") {
    return (
      <>
        <circle className="node-ring" r={r + 3} fill="none" stroke="transparent" />
        <circle r={r} fill={fill} stroke="#ffffff" strokeWidth={1.5} />
      </>
    );
  }
  return (
    <>
      <rect className="node-ring" x={-r - 3} y={-r - 3} width={2 * r + 6} height={2 * r + 6} rx={4} fill="none" stroke="transparent" />
      <rect x={-r} y={-r} width={2 * r} height={2 * r} rx={3} fill={fill} stroke="#ffffff" strokeWidth={1.5} />
    </>
  );
}
