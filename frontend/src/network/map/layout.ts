/**
 * Places the contacts of the network map with a force layout (d3-force), computed once and
 * to the end rather than animated: the map stands still, the same graph always looks the
 * same (d3-force starts from a fixed arrangement and a seeded random source), and nothing
 * moves for people who are bothered by motion.
 */
import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY } from "d3-force";
import type { SimulationLinkDatum, SimulationNodeDatum } from "d3-force";
import type { GraphEdge, GraphNode } from "../model";

export interface PlacedNode extends GraphNode {
  x: number;
  y: number;
  /** Number of relations on the map. */
  degree: number;
}

export interface PlacedEdge extends GraphEdge {
  from: PlacedNode;
  to: PlacedNode;
}

export interface Layout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  /** The area the nodes take, padded: the map's viewBox. */
  bounds: { x: number; y: number; width: number; height: number };
}

type SimNode = SimulationNodeDatum & { id: string };

const TICKS = 300;
const PADDING = 40;

export function layoutGraph(nodes: readonly GraphNode[], edges: readonly GraphEdge[]): Layout {
  const simNodes: SimNode[] = nodes.map((node) => ({ id: node.id }));
  const known = new Set(nodes.map((node) => node.id));
  const simLinks: SimulationLinkDatum<SimNode>[] = edges
    .filter((edge) => known.has(edge.source) && known.has(edge.target))
    .map((edge) => ({ source: edge.source, target: edge.target }));

  const simulation = forceSimulation(simNodes)
    .force("link", forceLink<SimNode, SimulationLinkDatum<SimNode>>(simLinks).id((node) => node.id).distance(60))
    .force("charge", forceManyBody().strength(-140))
    .force("collide", forceCollide(24))
    // Weak pull to the middle keeps contacts without relations on the map.
    .force("x", forceX(0).strength(0.1))
    .force("y", forceY(0).strength(0.1))
    .stop();
  simulation.tick(TICKS);

  const degree = new Map<string, number>();
  for (const edge of edges) {
    degree.set(edge.source, (degree.get(edge.source) ?? 0) + 1);
    degree.set(edge.target, (degree.get(edge.target) ?? 0) + 1);
  }
  const placed = nodes.map((node, index) => ({
    ...node,
    x: simNodes[index]?.x ?? 0,
    y: simNodes[index]?.y ?? 0,
    degree: degree.get(node.id) ?? 0,
  }));
  const byId = new Map(placed.map((node) => [node.id, node]));
  const placedEdges: PlacedEdge[] = [];
  for (const edge of edges) {
    const from = byId.get(edge.source);
    const to = byId.get(edge.target);
    if (from && to) placedEdges.push({ ...edge, from, to });
  }

  const xs = placed.map((node) => node.x);
  const ys = placed.map((node) => node.y);
  const minX = Math.min(0, ...xs) - PADDING;
  const minY = Math.min(0, ...ys) - PADDING;
  const maxX = Math.max(0, ...xs) + PADDING;
  const maxY = Math.max(0, ...ys) + PADDING;
  return {
    nodes: placed,
    edges: placedEdges,
    bounds: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
  };
}

export type Direction = "left" | "right" | "up" | "down";

const VECTORS: Record<Direction, [number, number]> = {
  left: [-1, 0],
  right: [1, 0],
  up: [0, -1],
  down: [0, 1],
};

/**
 * The node to move to from `from` with an arrow key: the nearest one roughly in that
 * direction, nodes straight ahead preferred over those off to the side. Null at the edge.
 */
export function neighbourInDirection(nodes: readonly PlacedNode[], from: PlacedNode, direction: Direction): PlacedNode | null {
  const [dx, dy] = VECTORS[direction];
  let best: PlacedNode | null = null;
  let bestScore = Infinity;
  for (const node of nodes) {
    if (node.id === from.id) continue;
    const ahead = (node.x - from.x) * dx + (node.y - from.y) * dy;
    if (ahead <= 0) continue;
    const aside = Math.abs((node.x - from.x) * dy - (node.y - from.y) * dx);
    // Only what lies roughly that way (within about 60° either side).
    if (aside > 2 * ahead) continue;
    const score = ahead + 2 * aside;
    if (score < bestScore) {
      best = node;
      bestScore = score;
    }
  }
  return best;
}
