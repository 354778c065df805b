import { useEffect, useId, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/client";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { StatusBadge } from "./CaseBadges";
import { ENDED_STATUSES, OUTCOMES } from "./model";
import type { CaseDetail, CaseOutcome, CaseStatus, StatusChange } from "./model";
import { caseKeys, changeStatus, fetchCase } from "./queries";

interface StatusChangerProps {
  record: CaseDetail;
  /** The user may change cases at all (the API decides which steps, see allowed_transitions). */
  mayWrite: boolean;
}

interface StepValues {
  note: string;
  outcome: CaseOutcome | "";
  outcome_note: string;
  referral_id: string;
}

const NO_STEP: StepValues = { note: "", outcome: "", outcome_note: "", referral_id: "" };

export function stepBody(target: CaseStatus, values: StepValues): StatusChange {
  const body: StatusChange = { status: target, note: values.note.trim() || null };
  if (target === "referred") {
    // A referred case is handed over through one of its referrals; the outcome follows from it.
    body.referral_id = values.referral_id || null;
    body.outcome_note = values.outcome_note.trim() || null;
  } else if (ENDED_STATUSES.includes(target)) {
    body.outcome = values.outcome || null;
    body.outcome_note = values.outcome_note.trim() || null;
  }
  return body;
}

/** A step from an ended case back into work: it needs a reason. */
export function reopens(from: CaseStatus, target: CaseStatus): boolean {
  return ENDED_STATUSES.includes(from) && !ENDED_STATUSES.includes(target);
}

/**
 * The current status and the steps the API allows from it for this user
 * (`allowed_transitions`), each a button; choosing one asks for the reason and, when the
 * step ends the case, for the outcome.
 */
export function StatusChanger({ record, mayWrite }: StatusChangerProps) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const headingId = useId();
  const chooseId = useId();
  const [target, setTarget] = useState<CaseStatus | null>(null);
  const [values, setValues] = useState<StepValues>(NO_STEP);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [message, setMessage] = useState("");
  const formHeading = useRef<HTMLHeadingElement>(null);
  const sectionHeading = useRef<HTMLHeadingElement>(null);
  const stepButtons = useRef(new Map<CaseStatus, HTMLButtonElement>());
  const allowed = record.allowed_transitions ?? [];

  useEffect(() => {
    if (target) formHeading.current?.focus();
  }, [target]);

  function settle(fresh: CaseDetail) {
    queryClient.setQueryData(caseKeys.detail(fresh.id), fresh);
    void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(fresh.id) });
    void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
    setTarget(null);
    setValues(NO_STEP);
  }

  const change = useMutation({
    mutationFn: (body: StatusChange) => changeStatus(record.id, record.version, body),
    onSuccess: (saved) => {
      settle(saved);
      setMessage(t("statusChange.done", { status: t(`status.${saved.status}`) }));
      sectionHeading.current?.focus();
    },
    onError: async (error) => {
      const stale = error instanceof ApiError && (error.status === 412 || error.status === 409);
      if (!stale) {
        setErrors(formErrorsOf(error, tUi));
        return;
      }
      // Someone else moved the case on: show where it stands now and what is possible from there.
      try {
        const fresh = await fetchCase(record.id);
        settle(fresh);
        setMessage(
          (error as ApiError).status === 412
            ? t("statusChange.stale", { status: t(`status.${fresh.status}`) })
            : t("statusChange.notAllowed"),
        );
      } catch (reload) {
        setErrors(formErrorsOf(reload, tUi));
      }
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target || change.isPending) return;
    setErrors(null);
    change.mutate(stepBody(target, values));
  }

  const ending = target !== null && ENDED_STATUSES.includes(target);
  const reopening = target !== null && reopens(record.status, target);
  const handing = record.referrals.filter((referral) => referral.status !== "declined");
  const set = (patch: Partial<StepValues>) => setValues({ ...values, ...patch });

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId} ref={sectionHeading} tabIndex={-1}>
        {t("statusChange.heading")}
      </h2>
      <p>
        {t("statusChange.current")}: <StatusBadge status={record.status} />
      </p>
      <p role="status" className={message ? "notice notice-info" : "visually-hidden"}>
        {message}
      </p>
      {!record.archived && !mayWrite && <p className="muted">{t("statusChange.readOnly")}</p>}
      {!record.archived && mayWrite && allowed.length === 0 && <p className="muted">{t("statusChange.noneAllowed")}</p>}
      {!record.archived && mayWrite && allowed.length > 0 && (
        <>
          <p id={chooseId} className="transitions-label">
            {t("statusChange.choose")}
          </p>
          <ul className="transitions" aria-labelledby={chooseId}>
            {allowed.map((status) => (
              <li key={status}>
                <button
                  ref={(node) => {
                    if (node) stepButtons.current.set(status, node);
                    else stepButtons.current.delete(status);
                  }}
                  type="button"
                  className="button button-secondary"
                  aria-pressed={target === status}
                  onClick={() => {
                    setMessage("");
                    setErrors(null);
                    setTarget(status);
                  }}
                >
                  {t(`status.${status}`)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {target && (
        <form className="inline-form form" noValidate onSubmit={submit} aria-busy={change.isPending}>
          <h3 ref={formHeading} tabIndex={-1}>
            {t("statusChange.formHeading", { status: t(`status.${target}`) })}
          </h3>
          <ErrorSummary
            errors={errors}
            controlId={(path) => `status-${path}`}
            label={(path) => t(`field.${path}` as "field.note", { defaultValue: path })}
          />
          {ending && target !== "referred" && (
            <Field id="status-outcome" label={t("field.outcome")} error={errorFor(errors, "outcome")} required>
              {(control) => (
                <select {...control} value={values.outcome} onChange={(event) => set({ outcome: event.target.value as CaseOutcome | "" })}>
                  <option value="">{tUi("choose")}</option>
                  {OUTCOMES.map((outcome) => (
                    <option key={outcome} value={outcome}>
                      {t(`outcome.${outcome}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {target === "referred" && handing.length === 0 && (
            <p className="notice notice-info">{t("statusChange.referralFirst")}</p>
          )}
          {target === "referred" && handing.length > 0 && (
            <Field id="status-referral_id" label={t("field.referral_id")} error={errorFor(errors, "referral_id")} required>
              {(control) => (
                <select {...control} value={values.referral_id} onChange={(event) => set({ referral_id: event.target.value })}>
                  <option value="">{tUi("choose")}</option>
                  {handing.map((referral) => (
                    <option key={referral.id} value={referral.id}>
                      {referral.receiver_name} ({t(`referralStatus.${referral.status}`)})
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          {ending && (
            <Field id="status-outcome_note" label={t("field.outcome_note")} error={errorFor(errors, "outcome_note")}>
              {(control) => (
                <textarea
                  {...control}
                  rows={2}
                  maxLength={5000}
                  value={values.outcome_note}
                  onChange={(event) => set({ outcome_note: event.target.value })}
                />
              )}
            </Field>
          )}
          <Field
            id="status-note"
            label={t("field.note")}
            hint={reopening ? t("statusChange.reopenHint") : undefined}
            error={errorFor(errors, "note")}
            required={reopening}
          >
            {(control) => (
              <textarea {...control} rows={2} maxLength={2000} value={values.note} onChange={(event) => set({ note: event.target.value })} />
            )}
          </Field>
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={change.isPending}>
              {change.isPending ? t("statusChange.submitting") : t("statusChange.submit")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                stepButtons.current.get(target)?.focus();
                setTarget(null);
                setErrors(null);
              }}
            >
              {tUi("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
