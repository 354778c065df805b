import { describe, expect, it } from "vitest";
import { escalatingCases, followUpsThisWeek, myOpenCases, unassignedCases, upcomingSessions } from "./widgets";

const ME = "0f2b6a1e-0000-4000-8000-000000000003";
const OPEN = ["new", "clarifying", "analysing", "in_progress", "follow_up"];

describe("dashboard case lists", () => {
  it("ask for the user's open cases and link to the same list", () => {
    const spec = myOpenCases(ME);
    expect(spec.query).toEqual({ assignee: ME, status: OPEN, sort: "-updated_at", limit: 6 });
    expect(spec.link).toBe(
      "/cases?status=new&status=clarifying&status=analysing&status=in_progress&status=follow_up&assignee=me&sort=-updated_at",
    );
  });

  it("ask for follow-ups up to the coming Sunday, including overdue ones", () => {
    const spec = followUpsThisWeek(ME, "2026-11-25"); // a Wednesday
    expect(spec.query).toMatchObject({ assignee: ME, follow_up_before: "2026-11-29", sort: "follow_up_date" });
    expect(spec.query).not.toHaveProperty("follow_up_from");
  });

  it("ask the coordinator's questions: nobody's cases and escalating ones", () => {
    expect(unassignedCases().query).toMatchObject({ assigned: false, status: OPEN });
    expect(unassignedCases().link).toContain("assignee=none");
    expect(escalatingCases().query).toMatchObject({ escalation_min: 5, sort: "-escalation_level" });
    expect(escalatingCases().link).toContain("escalation_min=5");
  });
});

describe("upcoming training sessions", () => {
  const session = (id: string, day: string, starts: string) => ({
    id,
    module_id: "m",
    day,
    starts_at: `${starts}:00`,
    ends_at: "16:00:00",
    place: "Landratsamt",
    link: null,
    attendance_recorded_at: null,
    version: 1,
  });
  const series = (id: string, sessions: ReturnType<typeof session>[]) => ({
    id,
    title: `Reihe ${id}`,
    description: null,
    completion_rule: { in_person: null, online: null, hours: null },
    signatory: null,
    modules: [
      {
        id: `${id}-m`,
        position: 1,
        title: `Modul ${id}`,
        description: null,
        kind: "in_person" as const,
        days: 1,
        hours: 8,
        sessions,
        version: 1,
      },
    ],
    version: 1,
    created_at: "2026-01-01T00:00:00Z",
    requirement: { in_person: 1, online: 0, hours: 0 },
    first_day: null,
    last_day: null,
  });

  it("lists session days from today on across series, earliest first", () => {
    const list = upcomingSessions(
      [
        series("a", [session("a1", "2026-11-20", "09:00"), session("a2", "2026-12-03", "09:00")]),
        series("b", [session("b1", "2026-11-25", "13:00"), session("b2", "2026-11-25", "09:30")]),
      ],
      "2026-11-25",
    );
    expect(list.map((item) => item.sessionId)).toEqual(["b2", "b1", "a2"]);
    expect(list[0]).toMatchObject({ seriesTitle: "Reihe b", moduleTitle: "Modul b", startsAt: "09:30", endsAt: "16:00" });
  });
});
