import { describe, expect, it } from "vitest";
import { helpFor } from "./Guidance";
import { levelOf, nextActorKey } from "./model";

describe("conflict analysis", () => {
  it("maps stages to Glasl's levels", () => {
    expect([1, 3, 4, 6, 7, 9].map(levelOf)).toEqual(["win_win", "win_win", "win_lose", "win_lose", "lose_lose", "lose_lose"]);
  });

  it("names the third-party help that fits a stage", () => {
    expect(helpFor(1)).toEqual(["moderation"]);
    expect(helpFor(3)).toEqual(["moderation", "process_support"]);
    expect(helpFor(5)).toEqual(["process_support", "mediation"]);
    expect(helpFor(7)).toEqual(["mediation", "arbitration", "authority"]);
    expect(helpFor(9)).toEqual(["authority"]);
  });

  it("gives new actors a key nobody uses", () => {
    expect(nextActorKey([])).toBe("a1");
    expect(nextActorKey([{ key: "a2" } as never])).toBe("a3");
  });
});
