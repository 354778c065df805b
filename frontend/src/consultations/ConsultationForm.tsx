import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { errorFor } from "../ui/problems";
import { checkBody, maxLengthOf } from "../ui/validation";
import type { FormErrors } from "../ui/problems";
import { FORMATS, KINDS, ROLES } from "./model";
import { consultationBody, isPlanned } from "./form";
import type { ConsultationFormat, ConsultationKind, CounsellingRole } from "./model";
import type { ConsultationFormValues } from "./form";
import { ParticipantPicker } from "./ParticipantPicker";
import "../ui/ui.css";
import "../ui/page.css";
import "./consultations.css";

/** API field paths → the control that shows them. */
const CONTROL_OF: Record<string, string> = {
  started_at: "date",
  ended_at: "duration_minutes",
};

function controlName(path: string): string {
  return CONTROL_OF[path] ?? path.split(".")[0] ?? path;
}

export const consultationControlId = (path: string) => `consultation-${controlName(path)}`;

interface ConsultationFormProps {
  values: ConsultationFormValues;
  onChange: (values: ConsultationFormValues) => void;
  onSubmit: () => void;
  onCancel?: () => void;
  errors: FormErrors | null;
  submitting: boolean;
  /** Shown above the fields (draft notice). */
  notices?: ReactNode;
}

/** Checks the form against the API's limits before it is sent: every problem at once, or null. */
export function useConsultationCheck(): (values: ConsultationFormValues) => FormErrors | null {
  const { t: tUi } = useTranslation("ui");
  return (values) => checkBody("ConsultationCreate", consultationBody(values, null), tUi);
}

/**
 * The quick form: date (today), start, duration, kind, format and a summary fit on one
 * screen; participants, agreements, next steps and confidential notes wait behind "more".
 */
export function ConsultationForm({ values, onChange, onSubmit, onCancel, errors, submitting, notices }: ConsultationFormProps) {
  const { t } = useTranslation("consultations");
  const { t: tUi } = useTranslation("ui");
  const set = (patch: Partial<ConsultationFormValues>) => onChange({ ...values, ...patch });
  const error = (...paths: string[]) => paths.map((path) => errorFor(errors, path)).find(Boolean);
  const length = (field: "summary" | "agreements" | "next_steps" | "confidential_notes") => ({
    value: values[field],
    max: maxLengthOf("ConsultationCreate", field),
  });
  const optionalFilled =
    values.counselling_role !== "" ||
    values.participants.length > 0 ||
    [values.head_count, values.agreements, values.next_steps, values.confidential_notes].some((text) => text.trim());
  const optionalErrors = Boolean(
    error("counselling_role", "participant_ids", "head_count", "agreements", "next_steps", "confidential_notes"),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submitting) onSubmit();
  }

  return (
    <form className="form consultation-form" noValidate onSubmit={submit} aria-busy={submitting}>
      {notices}
      <ErrorSummary
        errors={errors}
        controlId={consultationControlId}
        label={(path) => t(`field.${controlName(path)}` as "field.date", { defaultValue: path })}
      />
      <div className="form-grid form-grid-compact">
        <Field id="consultation-date" label={t("field.date")} error={error("started_at")} required>
          {(control) => (
            <input {...control} type="date" value={values.date} onChange={(event) => set({ date: event.target.value })} />
          )}
        </Field>
        <Field id="consultation-time" label={t("field.time")} required>
          {(control) => (
            <input {...control} type="time" step={300} value={values.time} onChange={(event) => set({ time: event.target.value })} />
          )}
        </Field>
        <Field id="consultation-duration_minutes" label={t("field.duration_minutes")} error={error("duration_minutes", "ended_at")} required>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={1}
              max={1440}
              step={5}
              value={values.duration_minutes}
              onChange={(event) => set({ duration_minutes: event.target.value })}
            />
          )}
        </Field>
      </div>
      <div className="form-grid form-grid-compact">
        <Field id="consultation-kind" label={t("field.kind")} error={error("kind")} required>
          {(control) => (
            <select {...control} value={values.kind} onChange={(event) => set({ kind: event.target.value as ConsultationKind })}>
              {KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`kind.${kind}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="consultation-format" label={t("field.format")} error={error("format")} required>
          {(control) => (
            <select {...control} value={values.format} onChange={(event) => set({ format: event.target.value as ConsultationFormat })}>
              {FORMATS.map((format) => (
                <option key={format} value={format}>
                  {t(`format.${format}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <Field id="consultation-summary" label={t("field.summary")} hint={t("form.summaryHint")} error={error("summary")} length={length("summary")}>
        {(control) => (
          <textarea {...control} rows={3} value={values.summary} onChange={(event) => set({ summary: event.target.value })} />
        )}
      </Field>

      {isPlanned(values) && (
        <p className="notice notice-warning" role="status">
          {t("form.plannedWarning")}
        </p>
      )}
      {values.kind === "referral" && <p className="muted">{t("form.referralHint")}</p>}

      <details className="more-fields" open={optionalFilled || optionalErrors || undefined}>
        <summary>{t("form.more")}</summary>
        <div className="form more-fields-body">
          <Field id="consultation-counselling_role" label={t("field.counselling_role")} error={error("counselling_role")}>
            {(control) => (
              <select
                {...control}
                value={values.counselling_role}
                onChange={(event) => set({ counselling_role: event.target.value as CounsellingRole | "" })}
              >
                <option value="">{t("form.roleNone")}</option>
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {t(`role.${role}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <ParticipantPicker
            id="consultation-participant_ids"
            value={values.participants}
            onChange={(participants) => set({ participants })}
            error={error("participant_ids")}
          />
          <Field id="consultation-head_count" label={t("field.head_count")} hint={t("form.headCountHint")} error={error("head_count")}>
            {(control) => (
              <input
                {...control}
                type="number"
                inputMode="numeric"
                min={1}
                value={values.head_count}
                onChange={(event) => set({ head_count: event.target.value })}
              />
            )}
          </Field>
          <Field id="consultation-agreements" label={t("field.agreements")} error={error("agreements")} length={length("agreements")}>
            {(control) => (
              <textarea {...control} rows={2} value={values.agreements} onChange={(event) => set({ agreements: event.target.value })} />
            )}
          </Field>
          <Field id="consultation-next_steps" label={t("field.next_steps")} error={error("next_steps")} length={length("next_steps")}>
            {(control) => (
              <textarea {...control} rows={2} value={values.next_steps} onChange={(event) => set({ next_steps: event.target.value })} />
            )}
          </Field>
          <Field
            id="consultation-confidential_notes"
            label={t("field.confidential_notes")}
            hint={t("form.confidentialHint")}
            error={error("confidential_notes")} length={length("confidential_notes")}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
               
                value={values.confidential_notes}
                onChange={(event) => set({ confidential_notes: event.target.value })}
              />
            )}
          </Field>
        </div>
      </details>

      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? tUi("saving") : t("form.submit")}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary" onClick={onCancel}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
