/** Dates, times and numbers in the user's language, through Intl. */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";

const LOCALES: Record<string, string> = { de: "de-DE", en: "en-GB" };

export function localeOf(language: string | undefined): string {
  return LOCALES[language ?? "de"] ?? "de-DE";
}

/** A calendar day (`2026-03-02`) as a local Date at midnight, never shifted by the time zone. */
export function parseDay(day: string): Date {
  const [year, month, date] = day.split("-").map(Number);
  return new Date(year ?? 1970, (month ?? 1) - 1, date ?? 1);
}

/** The local calendar day of `date` as `YYYY-MM-DD`. */
export function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function today(): string {
  return dayOf(new Date());
}

export function addDays(day: string, days: number): string {
  const date = parseDay(day);
  date.setDate(date.getDate() + days);
  return dayOf(date);
}

/** The Sunday that ends the (Monday-first) week of `day`. */
export function endOfWeek(day: string): string {
  const weekday = (parseDay(day).getDay() + 6) % 7; // Monday 0 … Sunday 6
  return addDays(day, 6 - weekday);
}

export interface Formatters {
  locale: string;
  /** `2026-03-02` or an ISO timestamp → `02.03.2026`. */
  date(value: string | null | undefined): string;
  /** ISO timestamp → `02.03.2026, 14:05`. */
  dateTime(value: string | null | undefined): string;
  number(value: number | null | undefined, digits?: number): string;
}

export function formatters(language: string | undefined): Formatters {
  const locale = localeOf(language);
  const dateFormat = new Intl.DateTimeFormat(locale, { day: "2-digit", month: "2-digit", year: "numeric" });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });
  return {
    locale,
    date: (value) => {
      if (!value) return "";
      return dateFormat.format(value.length === 10 ? parseDay(value) : new Date(value));
    },
    dateTime: (value) => (value ? dateTimeFormat.format(new Date(value)) : ""),
    number: (value, digits = 0) =>
      value === null || value === undefined
        ? ""
        : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value),
  };
}

export function useFormat(): Formatters {
  const { i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  return useMemo(() => formatters(language), [language]);
}
