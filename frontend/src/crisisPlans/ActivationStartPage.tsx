import { useState } from "react";
import type { FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { planKeys, startActivation, usePlan } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./crisisPlans.css";

/** Activating an adopted plan: from a red indicator (preselected) or a manual decision. */
export default function ActivationStartPage() {
  const { planId = "" } = useParams();
  const [params] = useSearchParams();
  const { t } = useTranslation("crisisPlans");
  const { t: tUi } = useTranslation("ui");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const plan = usePlan(planId);
  const [indicator, setIndicator] = useState(params.get("indicator") ?? "");
  const [level, setLevel] = useState(2);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(t("activation.startTitle"));
  if (plan.isPending) return <LoadingStatus />;
  if (plan.isError) return <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />;
  const red = (plan.data.content.indicators ?? []).filter((i) => i.state === "red");

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    try {
      const activation = await startActivation(planId, { level, reason, indicator_key: indicator || null });
      await queryClient.invalidateQueries({ queryKey: planKeys.detail(planId) });
      navigate(paths.crisisPlans.activation(planId, activation.id));
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  return (
    <div className="crisis-page">
      <p>
        <Link to={paths.crisisPlans.detail(planId)}>{plan.data.title}</Link>
      </p>
      <h1>{t("activation.startTitle")}</h1>
      <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
        <ErrorSummary errors={errors} controlId={(path) => `activation-${path}`} />
        <div className="form-grid">
          <Field id="activation-indicator_key" label={t("activation.indicator")} error={errorFor(errors, "indicator_key")}>
            {(control) => (
              <select {...control} value={indicator} onChange={(e) => setIndicator(e.target.value)}>
                <option value="">{t("activation.decision")}</option>
                {red.map((i) => (
                  <option key={i.key} value={i.key}>
                    {i.watch}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="activation-level" label={t("field.level")} required error={errorFor(errors, "level")}>
            {(control) => (
              <select {...control} value={level} onChange={(e) => setLevel(Number(e.target.value))}>
                {[0, 1, 2, 3].map((n) => (
                  <option key={n} value={n}>
                    {t(`option.level.${n as 0}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="activation-reason" label={t("activation.reason")} required error={errorFor(errors, "reason")} className="field-wide">
            {(control) => <textarea {...control} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
        </div>
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={saving}>
            {t("activation.start")}
          </button>
          <Link className="button button-secondary" to={paths.crisisPlans.detail(planId)}>
            {tUi("cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
