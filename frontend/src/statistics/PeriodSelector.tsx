import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { PRESETS, periodProblem, presetOf } from "./period";
import type { Period, PeriodProblem, Preset } from "./period";

interface PeriodSelectorProps {
  period: Period;
  onChange: (period: Period) => void;
}

/**
 * Chooses the reporting period: two dates, or one of the usual periods with one click.
 * Give it `key={from + to}` so that a period chosen elsewhere (back button) resets the fields.
 */
export function PeriodSelector({ period, onChange }: PeriodSelectorProps) {
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
  const fromError = problem === "fromInvalid" ? t("period.errors.fromInvalid") : null;
  const toError = problem && problem !== "fromInvalid" ? t(`period.errors.${problem}`) : null;

  return (
    <form className="period-selector" onSubmit={onSubmit} noValidate aria-label={t("period.legend")}>
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
      <div className="period-presets" role="group" aria-label={t("period.presets")}>
        {(Object.keys(PRESETS) as Preset[]).map((preset) => (
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
