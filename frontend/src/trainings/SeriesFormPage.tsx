import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { Field } from "../ui/Field";
import { FormActions } from "../ui/FormActions";
import { QueryStatus } from "../ui/QueryStatus";
import { ErrorSummary } from "../ui/ErrorSummary";
import { errorFor } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { createSeries, updateSeries, useSeries } from "./queries";
import type { Series, SeriesInput } from "./queries";
import { useCheckedWrite } from "./useCheckedWrite";
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

const FIELD_IDS: Record<string, string> = {
  title: "series-title",
  description: "series-description",
  signatory: "series-signatory",
  "completion_rule.in_person": "rule-in-person",
  "completion_rule.online": "rule-online",
  "completion_rule.hours": "rule-hours",
};

function SeriesForm({ series }: { series: Series | null }) {
  const { t } = useTranslation("trainings");
  const navigate = useNavigate();
  const [values, setValues] = useState<Values>(series ? valuesOf(series) : EMPTY);
  const save = useCheckedWrite(
    series ? "TrainingSeriesUpdate" : "TrainingSeriesCreate",
    (body: SeriesInput) => (series ? updateSeries(series, body) : createSeries(body)),
    { nested: { completion_rule: "CompletionRule" } },
  );
  const errors = save.errors;
  const set = (name: keyof Values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });
  const limit = (field: string) => maxLengthOf("TrainingSeriesCreate", field);
  const labels: Record<string, string> = {
    title: t("form.title"),
    description: t("form.description"),
    signatory: t("form.signatory"),
    "completion_rule.in_person": t("form.inPerson"),
    "completion_rule.online": t("form.online"),
    "completion_rule.hours": t("form.hours"),
  };

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (save.busy) return;
    save.submit(bodyOf(values), (saved) => navigate(paths.trainings.series(saved.id)));
  }

  const ruleError = (part: string) => errorFor(errors, `completion_rule.${part}`);
  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={save.busy}>
      <ErrorSummary
        errors={errors}
        controlId={(path) => FIELD_IDS[path] ?? "series-title"}
        label={(path) => labels[path] ?? path}
      />
      <Field
        id="series-title"
        label={t("form.title")}
        required
        error={errorFor(errors, "title")}
        length={{ value: values.title, max: limit("title") }}
      >
        {(control) => <input {...control} type="text" value={values.title} onChange={set("title")} />}
      </Field>
      <Field
        id="series-description"
        label={t("form.description")}
        error={errorFor(errors, "description")}
        length={{ value: values.description, max: limit("description") }}
      >
        {(control) => <textarea {...control} rows={3} value={values.description} onChange={set("description")} />}
      </Field>
      <Field
        id="series-signatory"
        label={t("form.signatory")}
        hint={t("form.signatoryHint")}
        error={errorFor(errors, "signatory")}
        length={{ value: values.signatory, max: limit("signatory") }}
      >
        {(control) => <input {...control} type="text" value={values.signatory} onChange={set("signatory")} />}
      </Field>
      <fieldset className="rule-fields">
        <legend>{t("form.rule")}</legend>
        <p className="field-hint">{t("form.ruleHint")}</p>
        <Field id="rule-in-person" label={t("form.inPerson")} hint={t("form.allOfKind")} error={ruleError("in_person")}>
          {(control) => <input {...control} type="number" min={0} value={values.inPerson} onChange={set("inPerson")} />}
        </Field>
        <Field id="rule-online" label={t("form.online")} hint={t("form.allOfKind")} error={ruleError("online")}>
          {(control) => <input {...control} type="number" min={0} value={values.online} onChange={set("online")} />}
        </Field>
        <Field id="rule-hours" label={t("form.hours")} hint={t("form.hoursHint")} error={ruleError("hours")}>
          {(control) => (
            <input {...control} type="number" min={0} step={0.5} value={values.hours} onChange={set("hours")} />
          )}
        </Field>
      </fieldset>
      <FormActions saving={save.busy} cancelTo={series ? paths.trainings.series(series.id) : paths.trainings.list} />
    </form>
  );
}
