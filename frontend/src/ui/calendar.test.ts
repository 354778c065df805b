import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, endOfWeek, fromDateTimeField, isDay, isoInstant, toDateTimeField, today, wallClock } from "./calendar";
import { formatters } from "./format";

// Every instant here is written in UTC; the answers are German days and times, whatever
// zone the machine running the tests is in.
describe("German calendar time", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("is today in Germany while the UTC date is still yesterday", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-05T23:30:00Z"));
    expect(today()).toBe("2026-12-06");
    vi.setSystemTime(new Date("2026-07-05T21:59:00Z"));
    expect(today()).toBe("2026-07-05");
  });

  it("reads instants on the German clock, in winter and in summer", () => {
    expect(wallClock("2026-03-01T23:30:00Z")).toEqual({ day: "2026-03-02", time: "00:30" });
    expect(wallClock("2026-07-01T22:15:00Z")).toEqual({ day: "2026-07-02", time: "00:15" });
    expect(wallClock(new Date("2026-12-31T23:00:00Z")).day).toBe("2027-01-01");
    expect(formatters("de").dateTime("2026-03-01T23:30:00Z")).toBe("02.03.2026, 00:30");
    expect(formatters("de").date("2026-03-01T23:30:00Z")).toBe("02.03.2026");
    expect(formatters("de").date("2026-03-02")).toBe("02.03.2026");
  });

  it("turns a German day and time into the instant, around the changes of daylight saving time too", () => {
    expect(isoInstant("2026-03-02", "14:05")).toBe("2026-03-02T13:05:00.000Z");
    expect(isoInstant("2026-07-02", "14:05")).toBe("2026-07-02T12:05:00.000Z");
    expect(isoInstant("2026-03-29", "01:30")).toBe("2026-03-29T00:30:00.000Z");
    expect(isoInstant("2026-03-29", "03:30")).toBe("2026-03-29T01:30:00.000Z");
    expect(isoInstant("2026-10-25", "01:30")).toBe("2026-10-24T23:30:00.000Z");
    expect(isoInstant("2026-10-25", "03:30")).toBe("2026-10-25T02:30:00.000Z");
    expect(fromDateTimeField("2026-01-15T00:00")).toBe("2026-01-14T23:00:00.000Z");
    expect(toDateTimeField("2026-01-14T23:00:00.000Z")).toBe("2026-01-15T00:00");
  });

  it("gives no instant for what is not a day and a time", () => {
    expect(isoInstant("", "10:00")).toBeNull();
    expect(isoInstant("2026-02-30", "10:00")).toBeNull();
    expect(isoInstant("2026-03-02", "24:00")).toBeNull();
    expect(fromDateTimeField("")).toBeNull();
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-02-29")).toBe(false);
  });

  it("counts calendar days and finds the Sunday that ends the week", () => {
    expect(endOfWeek("2026-03-02")).toBe("2026-03-08"); // Monday
    expect(endOfWeek("2026-03-08")).toBe("2026-03-08"); // Sunday
    expect(addDays("2026-02-27", 3)).toBe("2026-03-02");
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
  });
});
