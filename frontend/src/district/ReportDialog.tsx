import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor, formErrorsOf } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { fetchReport, saveReport, useConflictFields, useDistrictWrite } from "./queries";
import type { ReportContent } from "./queries";

const EMPTY: ReportContent = {
  title: "",
  method: "",
  sources: "",
  interviews: 0,
  groups_interviewed: "",
  findings: [],
  recommendations: "",
  adopted_on: null,
};

type TextKey = "title" | "method" | "sources" | "groups_interviewed" | "recommendations";

/**
 * Saves the expertise document as a new read-only version, starting from the latest one:
 * method and sources, one finding per conflict field, recommendations, the day adopted.
 */
export function ReportDialog({ latest, onClose }: { latest: number | null; onClose: () => void }) {
  const { t } = useTranslation("district");
  const { t: tUi } = useTranslation("ui");
  const fields = useConflictFields();
  const [values, setValues] = useState<ReportContent>(EMPTY);
  const [loaded, setLoaded] = useState(latest === null);
  const save = useDistrictWrite(saveReport);
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const schema = "ReportContent";

  useEffect(() => {
    if (latest === null) return;
    let live = true;
    void fetchReport(latest).then((report) => {
      if (live) {
        setValues({ ...EMPTY, ...report.content });
        setLoaded(true);
      }
    });
    return () => {
      live = false;
    };
  }, [latest]);

  function finding(fieldId: string): string {
    return values.findings?.find((f) => f.field_id === fieldId)?.text ?? "";
  }

  function setFinding(fieldId: string, heading: string, text: string) {
    const others = (values.findings ?? []).filter((f) => f.field_id !== fieldId);
    setValues({ ...values, findings: [...others, { field_id: fieldId, heading, text }] });
  }

  function text(key: TextKey, rows?: number) {
    const value = (values[key] ?? "") as string;
    return (
      <Field
        id={`report-${key}`}
        label={t(`reports.fields.${key}`)}
        required={key === "title"}
        error={errorFor(errors, key)}
        length={{ value, max: maxLengthOf(schema, key) }}
      >
        {(control) =>
          rows ? (
            <textarea
              {...control}
              rows={rows}
              value={value}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            />
          ) : (
            <input
              {...control}
              type="text"
              value={value}
              onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            />
          )
        }
      </Field>
    );
  }

  const body: ReportContent = {
    ...values,
    findings: (values.findings ?? []).filter((f) => f.text?.trim()),
    adopted_on: values.adopted_on || null,
  };

  return (
    <FormDialog
      title={t("reports.saveTitle")}
      submitLabel={t("reports.save")}
      busy={save.isPending || !loaded}
      error={errors?.general}
      onSubmit={() => save.mutate(body, { onSuccess: onClose })}
      onClose={onClose}
    >
      {text("title")}
      {text("method", 3)}
      {text("sources", 2)}
      <Field id="report-interviews" label={t("reports.fields.interviews")} error={errorFor(errors, "interviews")}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            value={String(values.interviews ?? 0)}
            onChange={(event) => setValues({ ...values, interviews: Number(event.target.value) || 0 })}
          />
        )}
      </Field>
      {text("groups_interviewed")}
      {fields.data?.map((field) => (
        <Field key={field.id} id={`report-finding-${field.id}`} label={t("reports.fields.finding", { name: field.name })}>
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={finding(field.id)}
              onChange={(event) => setFinding(field.id, field.name, event.target.value)}
            />
          )}
        </Field>
      ))}
      {text("recommendations", 3)}
      <Field
        id="report-adopted_on"
        label={t("reports.fields.adopted_on")}
        hint={t("reports.fields.adoptedHint")}
        error={errorFor(errors, "adopted_on")}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.adopted_on ?? ""}
            onChange={(event) => setValues({ ...values, adopted_on: event.target.value || null })}
          />
        )}
      </Field>
    </FormDialog>
  );
}
