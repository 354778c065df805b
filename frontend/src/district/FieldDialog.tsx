import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxList } from "../ui/CheckboxList";
import { Field, FieldGroup } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor, formErrorsOf } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { saveField, useDistrictWrite } from "./queries";
import type { ActorGroup, ConflictField, ConflictFieldInput, Trend } from "./queries";

const TRENDS: Trend[] = ["rising", "stable", "falling"];
const GROUPS: ActorGroup[] = [
  "civil_society",
  "administration",
  "politics",
  "police",
  "education",
  "religious_community",
  "associations",
  "business",
  "media",
  "counselling_services",
  "other",
];

/** Names a line of conflict or changes one; its linked cases stay as they are. */
export function FieldDialog({ field, onClose }: { field: ConflictField | null; onClose: () => void }) {
  const { t } = useTranslation(["district", "network"]);
  const { t: tUi } = useTranslation("ui");
  const [values, setValues] = useState({
    name: field?.name ?? "",
    description: field?.description ?? "",
    trend: field?.trend ?? ("stable" as Trend),
    actor_groups: field?.actor_groups ?? ([] as ActorGroup[]),
    recommendations: field?.recommendations ?? "",
  });
  const save = useDistrictWrite((body: ConflictFieldInput) => saveField(field, body));
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const body: ConflictFieldInput = {
    ...values,
    place_ids: field?.place_ids ?? [],
    case_ids: field?.cases?.map((c) => c.id) ?? [],
  };
  const schema = "ConflictFieldIn";

  return (
    <FormDialog
      title={field ? t("fields.editTitle", { name: field.name }) : t("fields.addTitle")}
      submitLabel={tUi("save")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate(body, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Field
        id="field-name"
        label={t("fields.name")}
        required
        error={errorFor(errors, "name")}
        length={{ value: values.name, max: maxLengthOf(schema, "name") }}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.name}
            data-autofocus
            onChange={(event) => setValues({ ...values, name: event.target.value })}
          />
        )}
      </Field>
      <FieldGroup id="field-trend" legend={t("fields.trend")} error={errorFor(errors, "trend")}>
        {TRENDS.map((trend) => (
          <label key={trend} className="check">
            <input
              type="radio"
              name="field-trend"
              value={trend}
              checked={values.trend === trend}
              onChange={() => setValues({ ...values, trend })}
            />
            <span>{t(`trend.${trend}`)}</span>
          </label>
        ))}
      </FieldGroup>
      <Field
        id="field-description"
        label={t("fields.description")}
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
      <FieldGroup id="field-groups" legend={t("fields.actorGroups")} error={errorFor(errors, "actor_groups")}>
        <CheckboxList
          options={GROUPS}
          checked={values.actor_groups}
          label={(group) => t(`network:actorGroup.${group}`)}
          onChange={(actor_groups) => setValues({ ...values, actor_groups })}
        />
      </FieldGroup>
      <Field
        id="field-recommendations"
        label={t("fields.recommendations")}
        error={errorFor(errors, "recommendations")}
        length={{ value: values.recommendations, max: maxLengthOf(schema, "recommendations") }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={values.recommendations}
            onChange={(event) => setValues({ ...values, recommendations: event.target.value })}
          />
        )}
      </Field>
    </FormDialog>
  );
}
