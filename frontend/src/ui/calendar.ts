/**
 * German calendar time: the days and clock times people see, enter and count in.
 *
 * The server turns instants into days in Europe/Berlin (`core/calendar.py`): a task due
 * "today", a statistics period, a meeting at 15:00. The web app does the same, whatever
 * zone the browser runs in, so that both sides agree on what today is. Calendar days are
 * `YYYY-MM-DD` strings; day arithmetic works on UTC midnights, where no zone can shift them.
 */

export const LOCAL_TIME_ZONE = "Europe/Berlin";

const wallClockFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: LOCAL_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

/** The German day (`2026-03-02`) and clock time (`14:05`) of an instant. */
export function wallClock(instant: Date | string): { day: string; time: string } {
  const parts = wallClockFormat.formatToParts(new Date(instant));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return { day: `${part("year")}-${part("month")}-${part("day")}`, time: `${part("hour")}:${part("minute")}` };
}

/** Today in Germany. */
export function today(): string {
  return wallClock(new Date()).day;
}

/** Minutes Germany is ahead of UTC at an instant (60 in winter, 120 in summer). */
function offsetMinutes(epochMs: number): number {
  const { day, time } = wallClock(new Date(epochMs));
  return (Date.parse(`${day}T${time}:00Z`) - (epochMs - (epochMs % 60_000))) / 60_000;
}

/**
 * A German day and clock time (`2026-03-02`, `14:05`) as an ISO instant; null when they
 * do not make one (an empty field, 30 February, 25:00).
 */
export function isoInstant(day: string, time: string): string | null {
  if (!isDay(day) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return null;
  const asUtc = Date.parse(`${day}T${time}:00Z`);
  // The offset at the first guess can be wrong within the hours around a change of
  // daylight saving time; the offset at the corrected instant is the right one.
  const guess = asUtc - offsetMinutes(asUtc) * 60_000;
  return new Date(asUtc - offsetMinutes(guess) * 60_000).toISOString();
}

/** The value of a `datetime-local` field (`2026-03-02T14:05`), read as German time. */
export function fromDateTimeField(value: string): string | null {
  const [day = "", time = ""] = value.split("T");
  return isoInstant(day, time);
}

/** An instant as the value of a `datetime-local` field, in German time. */
export function toDateTimeField(instant: Date | string): string {
  const { day, time } = wallClock(instant);
  return `${day}T${time}`;
}

/** A calendar day as a Date at UTC midnight, for arithmetic and for formatting in UTC. */
export function parseDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1));
}

/** The calendar day of a Date made by `parseDay`. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether `value` is a real calendar day written `YYYY-MM-DD` (no 30 February). */
export function isDay(value: string | null | undefined): value is string {
  return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) && isoDay(parseDay(value)) === value;
}

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setUTCDate(date.getUTCDate() + days);
  return isoDay(date);
}

/** The Sunday that ends the (Monday-first) week of `day`. */
export function endOfWeek(day: string): string {
  const weekday = (parseDay(day).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, 6 - weekday);
}
