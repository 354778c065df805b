import { describe, expect, it } from "vitest";
import { consultationBody, freshConsultation, isPlanned } from "./form";

describe("consultation form", () => {
  // Instants are written in UTC; the form speaks German time (16:52 UTC+1), whatever the machine's zone.
  it("starts today, an hour ago to the quarter hour, for an hour, in person", () => {
    const values = freshConsultation(new Date("2026-03-12T15:52:00Z"));
    expect(values).toMatchObject({ date: "2026-03-12", time: "15:45", duration_minutes: "60", format: "in_person", kind: "counselling" });
  });

  it("stays on today just after midnight", () => {
    expect(freshConsultation(new Date("2026-03-11T23:20:00Z"))).toMatchObject({ date: "2026-03-12", time: "00:00" });
  });

  it("sends the German start as an instant and leaves empty optional texts out", () => {
    const values = { ...freshConsultation(new Date("2026-03-12T15:52:00Z")), summary: "  Erstgespräch mit dem Ortsteilrat  ", agreements: " " };
    const body = consultationBody(values, "case-1");
    expect(body.started_at).toBe("2026-03-12T14:45:00.000Z");
    expect(body).toMatchObject({
      case_id: "case-1",
      duration_minutes: 60,
      summary: "Erstgespräch mit dem Ortsteilrat",
      agreements: null,
      confidential_notes: null,
      counselling_role: null,
      head_count: null,
      participant_ids: [],
    });
  });

  it("adds no case for general advice", () => {
    const body = consultationBody(freshConsultation(), null);
    expect("case_id" in body).toBe(false);
  });

  it("calls a consultation dated ahead planned", () => {
    const now = new Date("2026-03-12T15:00:00Z");
    expect(isPlanned({ ...freshConsultation(now), date: "2026-03-20", time: "10:00" }, now)).toBe(true);
    expect(isPlanned(freshConsultation(now), now)).toBe(false);
  });

  it("passes what the browser cannot read on, for the API to explain", () => {
    const body = consultationBody({ ...freshConsultation(), date: "", duration_minutes: "" }, null);
    expect(body.duration_minutes).toBeNull();
    expect(typeof body.started_at).toBe("string");
  });
});
