import { describe, expect, it } from "vitest";
import { currentYear, isCalendarYear, lastTwelveMonths, monthsTouched, periodFromParams, periodProblem, presetOf, previousYear } from "./period";

const NOW = "2026-03-15";

describe("reporting period", () => {
  it("defaults to the current calendar year when the address has none or a broken one", () => {
    expect(periodFromParams(new URLSearchParams(), NOW)).toEqual({ from: "2026-01-01", to: "2026-12-31" });
    expect(periodFromParams(new URLSearchParams("from=2026-02-30&to=2026-03-01"), NOW)).toEqual(currentYear(NOW));
    expect(periodFromParams(new URLSearchParams("from=2026-05-01&to=2026-04-01"), NOW)).toEqual(currentYear(NOW));
  });

  it("takes a valid period from the address", () => {
    expect(periodFromParams(new URLSearchParams("from=2025-04-01&to=2026-03-31"), NOW)).toEqual({
      from: "2025-04-01",
      to: "2026-03-31",
    });
  });

  it("names what is wrong with an entered period", () => {
    expect(periodProblem({ from: "", to: "2026-12-31" })).toBe("fromInvalid");
    expect(periodProblem({ from: "2026-01-01", to: "31.12.2026" })).toBe("toInvalid");
    expect(periodProblem({ from: "2026-06-01", to: "2026-05-31" })).toBe("order");
    expect(periodProblem({ from: "2016-01-01", to: "2025-12-31" })).toBeNull();
    expect(periodProblem({ from: "2016-01-01", to: "2026-01-01" })).toBe("tooLong");
    expect(periodProblem({ from: "2026-05-31", to: "2026-05-31" })).toBeNull();
  });

  it("counts the months a period touches, partial ones included", () => {
    expect(monthsTouched({ from: "2026-01-31", to: "2026-02-01" })).toBe(2);
    expect(monthsTouched({ from: "2025-12-01", to: "2026-11-30" })).toBe(12);
  });

  it("offers the usual periods and recognises them", () => {
    expect(previousYear(NOW)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(lastTwelveMonths(NOW)).toEqual({ from: "2025-03-16", to: "2026-03-15" });
    expect(presetOf(currentYear(NOW), NOW)).toBe("currentYear");
    expect(presetOf(lastTwelveMonths(NOW), NOW)).toBe("lastTwelveMonths");
    expect(presetOf({ from: "2026-02-01", to: "2026-02-28" }, NOW)).toBeNull();
  });

  it("knows a whole calendar year from any other period", () => {
    expect(isCalendarYear({ from: "2025-01-01", to: "2025-12-31" })).toBe(true);
    expect(isCalendarYear({ from: "2025-01-01", to: "2026-12-31" })).toBe(false);
    expect(isCalendarYear(lastTwelveMonths(NOW))).toBe(false);
  });
});
