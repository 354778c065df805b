import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { Field } from "../ui/Field";
import { FormActions } from "../ui/FormActions";
import { QueryStatus } from "../ui/QueryStatus";
import { errorFor, formErrorsOf } from "../ui/problems";
import { createSeries, updateSeries, useSeries, useTrainingWrite } from "./queries";
import type { Series, SeriesInput } from "./queries";
import "./trainings.css";

interface Values {
  title: string;
  description: string;
  signatory: string;
  inPerson: string;
  online: string;
  hours: string;
}

const EMPTY: Values = { title: "", description: "", signatory: "", inPerson: "", online: "", hours: "" };
const text = (value: number | null | undefined) => (value === null || value === undefined ? "" : String(value));

function valuesOf(series: Series): Values {
  const rule = series.completion_rule;
  return {
    title: series.title,
    description: series.description ?? "",
    signatory: series.signatory ?? "",
    inPerson: text(rule.in_person),
    online: text(rule.online),
    hours: text(rule.hours),
  };
}

/** Empty means "all of that kind" (or no minimum of hours). */
function numberOrNull(value: string): number | null {
  return value.trim() === "" ? null : Number(value.replace(",", "."));
}

function bodyOf(values: Values): SeriesInput {
  return {
    title: values.title,
    description: values.description.trim() || null,
    signatory: values.signatory.trim() || null,
    completion_rule: {
      in_person: numberOrNull(values.inPerson),
      online: numberOrNull(values.online),
      hours: numberOrNull(values.hours),
    },
  };
}

/** `/trainings/new` and `/trainings/:id/edit`: a series' title, texts and completion rule. */
export default function SeriesFormPage() {
  const { t } = useTranslation("trainings");
  const { seriesId } = useParams();
  const series = useSeries(seriesId ?? "");
  const title = seriesId ? t("form.editTitle") : t("form.newTitle");
  useDocumentTitle(title);
  return (
    <div className="trainings-page">
      <h1>{title}</h1>
      {seriesId ? (
        <>
          <QueryStatus query={series} />
          {series.data && <SeriesForm key={series.data.version} series={series.data} />}
        </>
      ) : (
        <SeriesForm series={null} />
      )}
    </div>
  );
}

function SeriesForm({ series }: { series: Series | null }) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(series ? valuesOf(series) : EMPTY);
  const save = useTrainingWrite((body: SeriesInput) => (series ? updateSeries(series, body) : createSeries(body)));
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const set = (name: keyof Values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(bodyOf(values), { onSuccess: (saved) => navigate(paths.trainings.series(saved.id)) });
  }

  const ruleError = (part: string) => errorFor(errors, `completion_rule.${part}`);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={save.isPending}>
      {errors?.general && (
        <p className="notice notice-error" role="alert">
          {errors.general}
        </p>
      )}
      <Field id="series-title" label={t("form.title")} required error={errorFor(errors, "title")}>
        {(control) => <input {...control} type="text" value={values.title} maxLength={200} onChange={set("title")} />}
      </Field>
      <Field id="series-description" label={t("form.description")} error={errorFor(errors, "description")}>
        {(control) => (
          <textarea {...control} rows={3} value={values.description} maxLength={5000} onChange={set("description")} />
        )}
      </Field>
      <Field
        id="series-signatory"
        label={t("form.signatory")}
        hint={t("form.signatoryHint")}
        error={errorFor(errors, "signatory")}
      >
        {(control) => (
          <input {...control} type="text" value={values.signatory} maxLength={200} onChange={set("signatory")} />
        )}
      </Field>
      <fieldset className="rule-fields">
        <legend>{t("form.rule")}</legend>
        <p className="field-hint">{t("form.ruleHint")}</p>
        <Field id="rule-in-person" label={t("form.inPerson")} hint={t("form.allOfKind")} error={ruleError("in_person")}>
          {(control) => (
            <input {...control} type="number" min={0} max={100} value={values.inPerson} onChange={set("inPerson")} />
          )}
        </Field>
        <Field id="rule-online" label={t("form.online")} hint={t("form.allOfKind")} error={ruleError("online")}>
          {(control) => <input {...control} type="number" min={0} max={100} value={values.online} onChange={set("online")} />}
        </Field>
        <Field id="rule-hours" label={t("form.hours")} hint={t("form.hoursHint")} error={ruleError("hours")}>
          {(control) => (
            <input {...control} type="number" min={0} max={2000} step={0.5} value={values.hours} onChange={set("hours")} />
          )}
        </Field>
      </fieldset>
      <FormActions saving={save.isPending} cancelTo={series ? paths.trainings.series(series.id) : paths.trainings.list} />
    </form>
  );
}
