import { describe, expect, it } from "vitest";
import { hasBegun, movedPosition, participantKey, whereOf } from "./model";
import type { AgendaItem } from "./queries";

const item = (id: string) => ({ id }) as AgendaItem;

describe("steering helpers", () => {
  it("moves agenda items within the list only", () => {
    const items = [item("a"), item("b"), item("c")];
    expect(movedPosition(items, items[0]!, -1)).toBeNull();
    expect(movedPosition(items, items[0]!, 1)).toBe(1);
    expect(movedPosition(items, items[2]!, 1)).toBeNull();
    expect(movedPosition(items, items[2]!, -1)).toBe(1);
  });

  it("names the place, or online for a video meeting", () => {
    expect(whereOf({ place: "Raum 204", video_url: null }, "online")).toBe("Raum 204");
    expect(whereOf({ place: null, video_url: "https://v.example" }, "online")).toBe("online");
    expect(whereOf({ place: null, video_url: null }, "online")).toBe("");
  });

  it("keys users and contacts apart and knows when a meeting began", () => {
    expect(participantKey({ user_id: "1" })).toBe("user:1");
    expect(participantKey({ contact_id: "1" })).toBe("contact:1");
    expect(hasBegun({ starts_at: "2026-01-01T10:00:00Z" }, new Date("2026-01-01T10:00:00Z"))).toBe(true);
    expect(hasBegun({ starts_at: "2026-01-01T10:00:01Z" }, new Date("2026-01-01T10:00:00Z"))).toBe(false);
  });
});
