import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { blankIn, errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import type { CaseDetail } from "./model";
import "../ui/dialog.css";
import { caseKeys, refreshCase, withdrawCase } from "./queries";

/** Coordinators withdraw a case opened by mistake: closed as "withdrawn" and archived, with the reason in the timeline. */
export function WithdrawPanel({ record }: { record: CaseDetail }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);

  const withdraw = useMutation({
    mutationFn: () => withdrawCase(record, reason.trim()),
    onSuccess: (saved) => {
      queryClient.setQueryData(caseKeys.detail(saved.id), saved);
      refreshCase(queryClient, saved.id);
    },
    onError: (failure) => setErrors(formErrorsOf(failure, tUi, blankIn({ reason }))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!withdraw.isPending) withdraw.mutate();
  }

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("withdraw.heading")}</h2>
      <p className="muted">{t("withdraw.intro")}</p>
      {!open ? (
        <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
          {t("withdraw.start")}
        </button>
      ) : (
        <form className="inline-form form" noValidate onSubmit={submit} aria-busy={withdraw.isPending}>
          {errors?.general && (
            <p className="notice notice-error" role="alert">
              {errors.general}
            </p>
          )}
          <Field id="withdraw-reason" label={t("withdraw.reason")} error={errorFor(errors, "reason")} required>
            {(control) => <textarea {...control} rows={2} maxLength={2000} value={reason} onChange={(event) => setReason(event.target.value)} />}
          </Field>
          <div className="button-row">
            <button type="submit" className="button button-danger" disabled={withdraw.isPending}>
              {withdraw.isPending ? tUi("saving") : t("withdraw.submit")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setOpen(false)}>
              {tUi("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
