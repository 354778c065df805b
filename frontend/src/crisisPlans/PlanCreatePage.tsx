import { useState } from "react";
import type { FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useSearchParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { FormActions } from "../ui/FormActions";
import { flash } from "../ui/Flash";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { emptyContent } from "./model";
import { createPlan, planKeys } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./crisisPlans.css";

const FRAME = ["title", "area"] as const;

export default function PlanCreatePage() {
  const { t } = useTranslation("crisisPlans");
  const { t: tUi } = useTranslation("ui");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  // `?series=<id>`: an exercise plan of that training series.
  const seriesId = params.get("series");
  const [values, setValues] = useState({ title: "", area: "", classification: "internal" as "internal" | "confidential" });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  useDocumentTitle(t("create.title"));

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    try {
      const plan = await createPlan({
        ...values,
        review_interval_months: 12,
        content: emptyContent(),
        ...(seriesId ? { training_series_id: seriesId } : {}),
      });
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      navigate(paths.crisisPlans.edit(plan.id), { state: flash(t("create.created")) });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  return (
    <div className="crisis-page">
      <p>
        <Link to={paths.crisisPlans.list}>{t("title")}</Link>
      </p>
      <h1>{t("create.title")}</h1>
      <p className="lead">{t("create.intro")}</p>
      {seriesId && <p className="notice">{t("create.exercise")}</p>}
      <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
        <ErrorSummary errors={errors} controlId={(path) => `plan-${path}`} label={(path) => t(`frame.${path as "title"}`)} />
        <div className="form-grid">
          {FRAME.map((name) => (
            <Field key={name} id={`plan-${name}`} label={t(`frame.${name}`)} error={errorFor(errors, name)} required>
              {(control) => (
                <input
                  {...control}
                  value={values[name]}
                  onChange={(event) => setValues({ ...values, [name]: event.target.value })}
                />
              )}
            </Field>
          ))}
          <Field id="plan-classification" label={t("frame.classification")} error={errorFor(errors, "classification")}>
            {(control) => (
              <select
                {...control}
                value={values.classification}
                onChange={(event) =>
                  setValues({ ...values, classification: event.target.value as "internal" | "confidential" })
                }
              >
                <option value="internal">{t("classification.internal")}</option>
                <option value="confidential">{t("classification.confidential")}</option>
              </select>
            )}
          </Field>
        </div>
        <FormActions saving={saving} cancelTo={seriesId ? paths.trainings.series(seriesId) : paths.crisisPlans.list} />
      </form>
    </div>
  );
}
