import { useTranslation } from "react-i18next";
import type { components } from "../api/schema";
import { Field } from "../ui/Field";
import { errorFor } from "../ui/problems";
import type { FormErrors } from "../ui/problems";

type Body = components["schemas"]["PresentationCreate"];
type Stage = NonNullable<Body["escalation_level"]>;
const STAGES: Stage[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export interface PresentationValues {
  title: string;
  summary: string;
  key_question: string;
  tried: string;
  escalation_level: Stage | null;
  topics: NonNullable<Body["topics"]>;
  actor_groups: NonNullable<Body["actor_groups"]>;
}

export const emptyPresentation: PresentationValues = {
  title: "",
  summary: "",
  key_question: "",
  tried: "",
  escalation_level: null,
  topics: [],
  actor_groups: [],
};

/** The texts of a presentation that the author writes and the check reads. */
export function PresentationFields({
  values,
  onChange,
  errors,
}: {
  values: PresentationValues;
  onChange: (values: PresentationValues) => void;
  errors: FormErrors | null;
}) {
  const { t } = useTranslation("peer");
  const set = (name: "title" | "summary" | "key_question" | "tried") => (value: string) =>
    onChange({ ...values, [name]: value });
  return (
    <>
      <Field id="presentation-title" label={t("presentation.fields.title")} required error={errorFor(errors, "title")}>
        {(control) => (
          <input {...control} type="text" value={values.title} maxLength={200} onChange={(e) => set("title")(e.target.value)} />
        )}
      </Field>
      <Field
        id="presentation-summary"
        label={t("presentation.fields.summary")}
        hint={t("presentation.summaryHint")}
        error={errorFor(errors, "summary")}
      >
        {(control) => (
          <textarea {...control} rows={8} value={values.summary} onChange={(e) => set("summary")(e.target.value)} />
        )}
      </Field>
      <Field
        id="presentation-key_question"
        label={t("presentation.fields.key_question")}
        hint={t("presentation.keyQuestionHint")}
        required
        error={errorFor(errors, "key_question")}
      >
        {(control) => (
          <textarea {...control} rows={3} value={values.key_question} onChange={(e) => set("key_question")(e.target.value)} />
        )}
      </Field>
      <Field id="presentation-tried" label={t("presentation.fields.tried")} error={errorFor(errors, "tried")}>
        {(control) => (
          <textarea {...control} rows={4} value={values.tried} onChange={(e) => set("tried")(e.target.value)} />
        )}
      </Field>
      <Field id="presentation-escalation_level" label={t("presentation.fields.escalation_level")} error={errorFor(errors, "escalation_level")}>
        {(control) => (
          <select
            {...control}
            value={values.escalation_level ?? ""}
            onChange={(e) => onChange({
                ...values,
                escalation_level: STAGES.find((stage) => String(stage) === e.target.value) ?? null,
              })}
          >
            <option value="">{t("presentation.noStage")}</option>
            {STAGES.map((stage) => (
              <option key={stage} value={stage}>
                {stage}
              </option>
            ))}
          </select>
        )}
      </Field>
    </>
  );
}
