import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { today } from "../ui/calendar";
import { Field } from "../ui/Field";
import { PRESETS, periodProblem, presetOf, yearPeriod } from "./period";
import type { Period, PeriodProblem, Preset } from "./period";

interface PeriodSelectorProps {
  period: Period;
  onChange: (period: Period) => void;
  /** Only whole calendar years: what roles that see aggregates only may ask for. */
  wholeYears?: boolean;
}

/** How many past years the year choice offers; the API accepts periods of up to ten years. */
const YEARS_OFFERED = 10;

/** Presets that are whole calendar years, for roles limited to them. */
const YEAR_PRESETS: Preset[] = ["currentYear", "previousYear"];

/**
 * Chooses the reporting period: two dates, or one of the usual periods with one click.
 * Give it `key={from + to}` so that a period chosen elsewhere (back button) resets the fields.
 */
export function PeriodSelector({ period, onChange, wholeYears = false }: PeriodSelectorProps) {
  const { t } = useTranslation("statistics");
  const [draft, setDraft] = useState(period);
  const [problem, setProblem] = useState<PeriodProblem | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const found = periodProblem(draft);
    setProblem(found);
    if (found === null) onChange(draft);
  }

  const active = presetOf(period);
  const presets = wholeYears ? YEAR_PRESETS : (Object.keys(PRESETS) as Preset[]);
  const fromError = problem === "fromInvalid" ? t("period.errors.fromInvalid") : null;
  const toError = problem && problem !== "fromInvalid" ? t(`period.errors.${problem}`) : null;

  return (
    <form className="period-selector" onSubmit={onSubmit} noValidate aria-label={t("period.legend")}>
      {wholeYears ? (
        <YearChoice year={Number(period.from.slice(0, 4))} onChange={(year) => onChange(yearPeriod(year))} />
      ) : (
        <div className="period-fields">
          <Field id="period-from" label={t("period.from")} error={fromError}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.from}
                onChange={(event) => setDraft({ ...draft, from: event.target.value })}
              />
            )}
          </Field>
          <Field id="period-to" label={t("period.to")} error={toError}>
            {(control) => (
              <input
                {...control}
                type="date"
                value={draft.to}
                onChange={(event) => setDraft({ ...draft, to: event.target.value })}
              />
            )}
          </Field>
          <button type="submit" className="button button-primary">
            {t("period.apply")}
          </button>
        </div>
      )}
      <div className="period-presets" role="group" aria-label={t("period.presets")}>
        {presets.map((preset) => (
          <button
            key={preset}
            type="button"
            className="button button-secondary"
            aria-pressed={active === preset}
            onClick={() => onChange(PRESETS[preset]())}
          >
            {t(`period.${preset}`)}
          </button>
        ))}
      </div>
    </form>
  );
}

/** One calendar year from a list: the period choice of roles that see aggregates only. */
function YearChoice({ year, onChange }: { year: number; onChange: (year: number) => void }) {
  const { t } = useTranslation("statistics");
  const newest = Number(today().slice(0, 4));
  const years = Array.from({ length: YEARS_OFFERED }, (_, index) => newest - index);
  return (
    <div className="period-fields">
      <Field id="period-year" label={t("period.year")} hint={t("period.wholeYears")}>
        {(control) => (
          <select {...control} value={year} onChange={(event) => onChange(Number(event.target.value))}>
            {years.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
