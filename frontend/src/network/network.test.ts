import { describe, expect, it } from "vitest";
import { EMPTY_CONTACT, createBody, parseTopics, updateBody } from "./contactForm";
import type { ContactValues } from "./contactForm";
import { layoutGraph, neighbourInDirection } from "./map/layout";
import type { GraphEdge, GraphNode } from "./model";

const node = (id: string, label: string): GraphNode => ({ id, label, actor_group: "politics", kind: "person" });
const edge = (id: string, source: string, target: string): GraphEdge => ({ id, source, target, relation_type: "cooperation", directed: false });

describe("the network map layout", () => {
  const nodes = [node("a", "Anna"), node("b", "Bernd"), node("c", "Carla"), node("d", "Dora")];
  const edges = [edge("ab", "a", "b"), edge("bc", "b", "c"), edge("cx", "c", "missing")];

  it("places every contact, keeps only edges between contacts on the map, and counts relations", () => {
    const layout = layoutGraph(nodes, edges);
    expect(layout.nodes.map((placed) => placed.id)).toEqual(["a", "b", "c", "d"]);
    expect(layout.edges.map((placed) => placed.id)).toEqual(["ab", "bc"]);
    expect(layout.nodes.find((placed) => placed.id === "b")?.degree).toBe(2);
    for (const placed of layout.nodes) {
      expect(placed.x).toBeGreaterThan(layout.bounds.x);
      expect(placed.x).toBeLessThan(layout.bounds.x + layout.bounds.width);
      expect(placed.y).toBeGreaterThan(layout.bounds.y);
      expect(placed.y).toBeLessThan(layout.bounds.y + layout.bounds.height);
    }
  });

  it("draws the same graph the same way every time", () => {
    const first = layoutGraph(nodes, edges).nodes.map(({ x, y }) => [x, y]);
    const second = layoutGraph(nodes, edges).nodes.map(({ x, y }) => [x, y]);
    expect(second).toEqual(first);
  });

  it("moves with the arrow keys to the nearest contact in that direction, and stops at the edge", () => {
    const placed = [
      { ...node("m", "Mitte"), x: 0, y: 0, degree: 0 },
      { ...node("r", "Rechts"), x: 50, y: 5, degree: 0 },
      { ...node("rr", "Weit rechts"), x: 120, y: 0, degree: 0 },
      { ...node("o", "Oben"), x: 5, y: -40, degree: 0 },
      { ...node("ro", "Rechts oben"), x: 40, y: -45, degree: 0 },
    ];
    const [middle, right] = placed;
    expect(neighbourInDirection(placed, middle!, "right")?.id).toBe("r");
    expect(neighbourInDirection(placed, middle!, "up")?.id).toBe("o");
    expect(neighbourInDirection(placed, right!, "right")?.id).toBe("rr");
    expect(neighbourInDirection(placed, middle!, "left")).toBeNull();
    expect(neighbourInDirection(placed, middle!, "down")).toBeNull();
  });
});

describe("the contact form's request bodies", () => {
  const person: ContactValues = {
    ...EMPTY_CONTACT,
    given_name: " Katrin ",
    family_name: "Wagner",
    actor_group: "civil_society",
    organisation: { id: "org-1", name: "Bürgerinitiative" },
    topics: "Windkraft, , Bürgerbeteiligung, Windkraft",
    legal_basis: "public_task",
    consent_date: "2026-02-11",
  };

  it("reads topics separated by commas, without blanks and repeats", () => {
    expect(parseTopics(" Windkraft, ,Bürgerbeteiligung , Windkraft")).toEqual(["Windkraft", "Bürgerbeteiligung"]);
  });

  it("creates with the fields given, the organisation by id, and a consent date only with consent", () => {
    expect(createBody(person)).toEqual({
      kind: "person",
      given_name: "Katrin",
      family_name: "Wagner",
      actor_group: "civil_society",
      organisation_id: "org-1",
      topics: ["Windkraft", "Bürgerbeteiligung"],
      legal_basis: "public_task",
      steering_group_member: false,
    });
    expect(createBody({ ...person, legal_basis: "consent" })).toMatchObject({ consent_date: "2026-02-11" });
  });

  it("updates only what changed; an emptied field is cleared with null", () => {
    const edited: ContactValues = { ...person, position: "Sprecherin", organisation: null, topics: "Windkraft,Bürgerbeteiligung" };
    expect(updateBody(person, edited)).toEqual({ position: "Sprecherin", organisation_id: null });
    expect(updateBody(person, person)).toEqual({});
  });
});
