/**
 * The reporting period of the statistics: whole calendar days, both ends included, kept in
 * the address (`?from=2026-01-01&to=2026-12-31`) so that a view can be bookmarked and shared.
 */
import { isDay, isoDay, parseDay, today } from "../ui/calendar";

export interface Period {
  from: string;
  to: string;
}

/** The API refuses longer periods. */
export const MAX_MONTHS = 120;

export function yearPeriod(year: number): Period {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The default: the current calendar year. */
export function currentYear(now: string = today()): Period {
  return yearPeriod(Number(now.slice(0, 4)));
}

export function previousYear(now: string = today()): Period {
  return yearPeriod(Number(now.slice(0, 4)) - 1);
}

/** Whether a period is one whole calendar year, the only kind aggregate-only roles may ask for. */
export function isCalendarYear(period: Period): boolean {
  const year = Number(period.from.slice(0, 4));
  const whole = yearPeriod(year);
  return period.from === whole.from && period.to === whole.to;
}

/** The last twelve months, up to and including today. */
export function lastTwelveMonths(now: string = today()): Period {
  const start = parseDay(now);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  start.setUTCDate(start.getUTCDate() + 1);
  return { from: isoDay(start), to: now };
}

export const PRESETS = {
  currentYear,
  previousYear,
  lastTwelveMonths,
} as const;
export type Preset = keyof typeof PRESETS;

/** Months a period touches, counting partial months at both ends. */
export function monthsTouched(period: Period): number {
  const [fromYear, fromMonth] = period.from.split("-").map(Number);
  const [toYear, toMonth] = period.to.split("-").map(Number);
  return (toYear! - fromYear!) * 12 + (toMonth! - fromMonth!) + 1;
}

export type PeriodProblem = "fromInvalid" | "toInvalid" | "order" | "tooLong";

/** What is wrong with a period the user entered, if anything. */
export function periodProblem(period: Period): PeriodProblem | null {
  if (!isDay(period.from)) return "fromInvalid";
  if (!isDay(period.to)) return "toInvalid";
  if (period.from > period.to) return "order";
  if (monthsTouched(period) > MAX_MONTHS) return "tooLong";
  return null;
}

/** The period in the address, or the current year where it is missing or not valid. */
export function periodFromParams(params: URLSearchParams, now: string = today()): Period {
  const period = { from: params.get("from") ?? "", to: params.get("to") ?? "" };
  return periodProblem(period) === null ? period : currentYear(now);
}

/** Which preset a period is, if it is one. */
export function presetOf(period: Period, now: string = today()): Preset | null {
  for (const [name, make] of Object.entries(PRESETS) as [Preset, (now: string) => Period][]) {
    const preset = make(now);
    if (preset.from === period.from && preset.to === period.to) return name;
  }
  return null;
}
