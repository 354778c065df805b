import { describe, expect, it } from "vitest";
import { levelOf, nextActorKey, nudge } from "./model";

describe("conflict analysis", () => {
  it("maps stages to Glasl's levels", () => {
    expect([1, 3, 4, 6, 7, 9].map(levelOf)).toEqual(["win_win", "win_win", "win_lose", "win_lose", "lose_lose", "lose_lose"]);
  });

  it("moves actors on the map by arrow keys, inside the map", () => {
    expect(nudge({ x: 0.5, y: 0.5 }, "ArrowRight")).toEqual({ x: 0.52, y: 0.5 });
    expect(nudge({ x: 0.5, y: 0.5 }, "ArrowUp", true)).toEqual({ x: 0.5, y: 0.4 });
    expect(nudge({ x: 0.01, y: 0.99 }, "ArrowLeft")).toEqual({ x: 0, y: 0.99 });
    expect(nudge({ x: 0.5, y: 0.99 }, "ArrowDown")).toEqual({ x: 0.5, y: 1 });
    expect(nudge({ x: 0.5, y: 0.5 }, "Enter")).toBeNull();
  });

  it("gives new actors a key nobody uses", () => {
    expect(nextActorKey([])).toBe("a1");
    expect(nextActorKey([{ key: "a2" } as never])).toBe("a3");
  });
});
