import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field, FieldGroup } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { addModule, updateModule } from "./queries";
import type { Module, ModuleInput, ModuleKind } from "./queries";
import { useCheckedWrite } from "./useCheckedWrite";

const KINDS: ModuleKind[] = ["in_person", "online"];

/** Adds a module to a series, or changes one: title, kind, planned days and hours. */
export function ModuleDialog({ seriesId, module, onClose }: { seriesId: string; module: Module | null; onClose: () => void }) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const schema = module ? "ModuleUpdate" : "ModuleCreate";
  const [values, setValues] = useState({
    title: module?.title ?? "",
    description: module?.description ?? "",
    kind: module?.kind ?? ("in_person" as ModuleKind),
    days: String(module?.days ?? 1),
    hours: String(module?.hours ?? ""),
  });
  const save = useCheckedWrite(schema, (body: ModuleInput) =>
    module ? updateModule(seriesId, module, body) : addModule(seriesId, body),
  );
  const errors = save.errors;
  const body: ModuleInput = {
    title: values.title,
    description: values.description.trim() || null,
    kind: values.kind,
    days: Number(values.days),
    hours: values.hours.trim() ? Number(values.hours.replace(",", ".")) : 0,
  };

  return (
    <FormDialog
      title={module ? t("modules.editTitle", { position: module.position }) : t("modules.addTitle")}
      submitLabel={module ? tUi("save") : t("modules.add")}
      busy={save.busy}
      error={errors?.general}
      onSubmit={() => save.submit(body, onClose)}
      onClose={onClose}
    >
      <Field
        id="module-title"
        label={t("modules.title")}
        required
        error={errorFor(errors, "title")}
        length={{ value: values.title, max: maxLengthOf(schema, "title") }}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.title}
            data-autofocus
            onChange={(event) => setValues({ ...values, title: event.target.value })}
          />
        )}
      </Field>
      <FieldGroup id="module-kind" legend={t("modules.kind")} error={errorFor(errors, "kind")}>
        {KINDS.map((kind) => (
          <label key={kind} className="check">
            <input
              type="radio"
              name="module-kind"
              value={kind}
              checked={values.kind === kind}
              onChange={() => setValues({ ...values, kind })}
            />
            <span>{t(`modules.kinds.${kind}`)}</span>
          </label>
        ))}
      </FieldGroup>
      <Field id="module-days" label={t("modules.days")} error={errorFor(errors, "days")}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            value={values.days}
            onChange={(event) => setValues({ ...values, days: event.target.value })}
          />
        )}
      </Field>
      <Field id="module-hours" label={t("modules.hours")} hint={t("modules.hoursHint")} error={errorFor(errors, "hours")}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={0}
            step={0.5}
            value={values.hours}
            onChange={(event) => setValues({ ...values, hours: event.target.value })}
          />
        )}
      </Field>
      <Field
        id="module-description"
        label={t("modules.description")}
        error={errorFor(errors, "description")}
        length={{ value: values.description, max: maxLengthOf(schema, "description") }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={values.description}
            onChange={(event) => setValues({ ...values, description: event.target.value })}
          />
        )}
      </Field>
    </FormDialog>
  );
}
