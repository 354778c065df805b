/** Dates, times and numbers in the user's language, through Intl; times in German time (`calendar.ts`). */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { LOCAL_TIME_ZONE, parseDay } from "./calendar";

const LOCALES: Record<string, string> = { de: "de-DE", en: "en-GB" };

export function localeOf(language: string | undefined): string {
  return LOCALES[language ?? "de"] ?? "de-DE";
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
  const day = { day: "2-digit", month: "2-digit", year: "numeric" } as const;
  // A calendar day is a UTC midnight (`parseDay`); an instant is shown as its German day.
  const calendarDayFormat = new Intl.DateTimeFormat(locale, { ...day, timeZone: "UTC" });
  const dateFormat = new Intl.DateTimeFormat(locale, { ...day, timeZone: LOCAL_TIME_ZONE });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, { ...day, hour: "2-digit", minute: "2-digit", timeZone: LOCAL_TIME_ZONE });
  return {
    locale,
    date: (value) => {
      if (!value) return "";
      return value.length === 10 ? calendarDayFormat.format(parseDay(value)) : dateFormat.format(new Date(value));
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
