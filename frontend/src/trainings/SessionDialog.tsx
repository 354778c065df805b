import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor, formErrorsOf } from "../ui/problems";
import { addSession, updateSession, useTrainingWrite } from "./queries";
import type { Module, SessionInput, TrainingSession } from "./queries";

/** Plans a session day of a module, or moves one: date, times, and a place or a link. */
export function SessionDialog({
  seriesId,
  module,
  day,
  onClose,
}: {
  seriesId: string;
  module: Module;
  day: TrainingSession | null;
  onClose: () => void;
}) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const [values, setValues] = useState({
    day: day?.day ?? "",
    starts_at: day?.starts_at.slice(0, 5) ?? "09:00",
    ends_at: day?.ends_at.slice(0, 5) ?? "16:00",
    place: day?.place ?? "",
    link: day?.link ?? "",
  });
  const save = useTrainingWrite((body: SessionInput) =>
    day ? updateSession(seriesId, day, body) : addSession(seriesId, module.id, body),
  );
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const online = module.kind === "online";
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });
  const body: SessionInput = {
    day: values.day,
    starts_at: values.starts_at,
    ends_at: values.ends_at,
    place: values.place.trim() || null,
    link: values.link.trim() || null,
  };

  return (
    <FormDialog
      title={day ? t("sessions.editTitle") : t("sessions.addTitle", { title: module.title })}
      submitLabel={day ? tUi("save") : t("sessions.add")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate(body, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Field id="session-day" label={t("sessions.day")} required error={errorFor(errors, "day")}>
        {(control) => <input {...control} type="date" value={values.day} data-autofocus onChange={set("day")} />}
      </Field>
      <div className="field-row">
        <Field id="session-start" label={t("sessions.start")} required error={errorFor(errors, "starts_at")}>
          {(control) => <input {...control} type="time" value={values.starts_at} onChange={set("starts_at")} />}
        </Field>
        <Field id="session-end" label={t("sessions.end")} required error={errorFor(errors, "ends_at")}>
          {(control) => <input {...control} type="time" value={values.ends_at} onChange={set("ends_at")} />}
        </Field>
      </div>
      <Field
        id="session-place"
        label={t("sessions.place")}
        hint={online ? t("sessions.placeOptional") : t("sessions.placeOrLink")}
        error={errorFor(errors, "place")}
      >
        {(control) => <input {...control} type="text" maxLength={200} value={values.place} onChange={set("place")} />}
      </Field>
      <Field id="session-link" label={t("sessions.link")} hint={t("sessions.linkHint")} error={errorFor(errors, "link")}>
        {(control) => (
          <input {...control} type="url" maxLength={500} placeholder="https://" value={values.link} onChange={set("link")} />
        )}
      </Field>
    </FormDialog>
  );
}
