import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { Badge } from "../ui/Badge";
import type { BadgeTone } from "../ui/Badge";
import { saveFile } from "../ui/download";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import type { IndicatorState, Plan } from "./model";
import {
  downloadPlan,
  planKeys,
  recordExercise,
  setIndicatorState,
  useActivations,
  useExercises,
  useIndicatorLog,
} from "./queries";
import { paths } from "../paths";

const STATE_TONES: Record<IndicatorState, BadgeTone> = { green: "success", yellow: "warning", red: "danger" };
const STATES: readonly IndicatorState[] = ["green", "yellow", "red"];

/** PDF and offline HTML of the plan, for the crisis folder and for when the system is down. */
export function ExportPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const download = useMutation({
    mutationFn: (format: "pdf" | "html") => downloadPlan(plan.id, format),
    onSuccess: (file, format) => saveFile(file, `krisenpraeventionsplan.${format}`),
  });
  return (
    <section className="panel" aria-labelledby="plan-export">
      <h2 id="plan-export">{t("export.heading")}</h2>
      <p>{t("export.intro")}</p>
      <div className="button-row">
        <button type="button" className="button button-secondary" disabled={download.isPending} onClick={() => download.mutate("pdf")}>
          {t("export.pdf")}
        </button>
        <button type="button" className="button button-secondary" disabled={download.isPending} onClick={() => download.mutate("html")}>
          {t("export.html")}
        </button>
      </div>
      {download.isError && <ErrorNotice error={download.error} />}
    </section>
  );
}

function IndicatorForm({ plan, indicatorKey }: { plan: Plan; indicatorKey: string }) {
  const { t } = useTranslation("crisisPlans");
  const queryClient = useQueryClient();
  const [state, setState] = useState<IndicatorState>("red");
  const [reason, setReason] = useState("");
  const change = useMutation({
    mutationFn: () => setIndicatorState(plan.id, plan.version, indicatorKey, state, reason),
    onSuccess: async (next) => {
      queryClient.setQueryData(planKeys.detail(plan.id), next);
      await queryClient.invalidateQueries({ queryKey: planKeys.detail(plan.id) });
      setReason("");
    },
  });
  const id = `indicator-${indicatorKey}`;
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reason.trim()) change.mutate();
  }
  return (
    <form className="indicator-form" onSubmit={onSubmit} noValidate>
      <Field id={`${id}-state`} label={t("watch.newState")}>
        {(control) => (
          <select {...control} value={state} onChange={(e) => setState(e.target.value as IndicatorState)}>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {t(`option.state.${s}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id={`${id}-reason`} label={t("watch.reason")} required>
        {(control) => <input {...control} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />}
      </Field>
      <button type="submit" className="button button-secondary" disabled={change.isPending || !reason.trim()}>
        {t("watch.change")}
      </button>
      {change.isError && <ErrorNotice error={change.error} />}
    </form>
  );
}

/** The indicators of an adopted plan: their state now, how to change it, and the log. */
export function WatchPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  const { can } = useSession();
  const log = useIndicatorLog(plan.id);
  const indicators = plan.content.indicators ?? [];
  const coordinator = can(Permission.crisisPlansAdopt);
  return (
    <section className="panel" aria-labelledby="plan-watch">
      <h2 id="plan-watch">{t("watch.heading")}</h2>
      {indicators.length === 0 && <p className="empty">{t("empty")}</p>}
      <ul className="plan-entries">
        {indicators.map((indicator) => (
          <li key={indicator.key} className="plan-entry">
            <p>
              <strong>{indicator.watch}</strong>{" "}
              <Badge tone={STATE_TONES[indicator.state]}>{t(`option.state.${indicator.state}`)}</Badge>
            </p>
            {indicator.state === "red" && coordinator && (
              <p>
                <Link className="button button-primary" to={`${paths.crisisPlans.activate(plan.id)}?indicator=${indicator.key}`}>
                  {t("watch.activate", { indicator: indicator.watch })}
                </Link>
              </p>
            )}
            {can(Permission.crisisPlansWrite) && <IndicatorForm plan={plan} indicatorKey={indicator.key} />}
          </li>
        ))}
      </ul>
      {(log.data ?? []).length > 0 && (
        <>
          <h3>{t("watch.log")}</h3>
          <ul>
            {(log.data ?? []).map((entry) => (
              <li key={entry.id}>
                {t("watch.logEntry", {
                  when: format.dateTime(entry.changed_at),
                  who: entry.changed_by_name,
                  indicator: indicators.find((i) => i.key === entry.indicator_key)?.watch ?? entry.indicator_key,
                  from: t(`option.state.${entry.from_state as IndicatorState}`),
                  to: t(`option.state.${entry.to_state as IndicatorState}`),
                  reason: entry.reason,
                })}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

export function ActivationsPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  const { can } = useSession();
  const activations = useActivations(plan.id);
  const items = activations.data ?? [];
  return (
    <section className="panel" aria-labelledby="plan-activations">
      <h2 id="plan-activations">{t("activation.heading")}</h2>
      {items.length === 0 && <p className="empty">{t("activation.none")}</p>}
      <ul>
        {items.map((activation) => (
          <li key={activation.id}>
            <Link to={paths.crisisPlans.activation(plan.id, activation.id)}>
              {t("activation.entry", {
                when: format.dateTime(activation.started_at),
                level: t(`option.level.${activation.level as 0}`),
              })}
            </Link>{" "}
            <Badge tone={activation.status === "open" ? "danger" : "neutral"}>{t(`activation.status.${activation.status as "open"}`)}</Badge>
          </li>
        ))}
      </ul>
      {can(Permission.crisisPlansAdopt) && (
        <p>
          <Link className="button button-secondary" to={paths.crisisPlans.activate(plan.id)}>
            {t("activation.manual")}
          </Link>
        </p>
      )}
    </section>
  );
}

export function ExercisesPanel({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const exercises = useExercises(plan.id);
  const blank = { held_on: "", participants: "", went_well: "", lessons_learned: "", changes: "" };
  const [values, setValues] = useState(blank);
  const record = useMutation({
    mutationFn: () => recordExercise(plan.id, values),
    onSuccess: async () => {
      setValues(blank);
      await queryClient.invalidateQueries({ queryKey: [...planKeys.detail(plan.id), "exercises"] });
    },
  });
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (values.held_on) record.mutate();
  }
  return (
    <section className="panel" aria-labelledby="plan-exercises">
      <h2 id="plan-exercises">{t("exercise.heading")}</h2>
      {(exercises.data ?? []).length === 0 && <p className="empty">{t("exercise.none")}</p>}
      <ul className="plan-entries">
        {(exercises.data ?? []).map((exercise) => (
          <li key={exercise.id} className="plan-entry">
            <strong>{format.date(exercise.held_on)}</strong>
            {exercise.lessons_learned && <p>{t("exercise.lessons", { text: exercise.lessons_learned })}</p>}
            {exercise.changes && <p>{t("exercise.changes", { text: exercise.changes })}</p>}
          </li>
        ))}
      </ul>
      {can(Permission.crisisPlansWrite) && (
        <form onSubmit={onSubmit} noValidate>
          <h3>{t("exercise.add")}</h3>
          <div className="form-grid">
            <Field id="exercise-held_on" label={t("exercise.held_on")} required>
              {(control) => (
                <input {...control} type="date" value={values.held_on} onChange={(e) => setValues({ ...values, held_on: e.target.value })} />
              )}
            </Field>
            <Field id="exercise-participants" label={t("exercise.participants")} className="field-wide">
              {(control) => (
                <input {...control} value={values.participants} onChange={(e) => setValues({ ...values, participants: e.target.value })} />
              )}
            </Field>
            <Field id="exercise-went_well" label={t("exercise.went_well")} className="field-wide">
              {(control) => (
                <textarea {...control} rows={2} value={values.went_well} onChange={(e) => setValues({ ...values, went_well: e.target.value })} />
              )}
            </Field>
            <Field id="exercise-lessons" label={t("exercise.lessons_learned")} className="field-wide">
              {(control) => (
                <textarea {...control} rows={2} value={values.lessons_learned} onChange={(e) => setValues({ ...values, lessons_learned: e.target.value })} />
              )}
            </Field>
            <Field id="exercise-changes" label={t("exercise.changes_made")} className="field-wide">
              {(control) => (
                <textarea {...control} rows={2} value={values.changes} onChange={(e) => setValues({ ...values, changes: e.target.value })} />
              )}
            </Field>
          </div>
          <button type="submit" className="button button-secondary" disabled={record.isPending || !values.held_on}>
            {t("exercise.save")}
          </button>
          {record.isError && <ErrorNotice error={record.error} />}
        </form>
      )}
    </section>
  );
}
