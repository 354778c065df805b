import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { errorFor } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { addSession, updateSession } from "./queries";
import type { Module, SessionInput, TrainingSession } from "./queries";
import { useCheckedWrite } from "./useCheckedWrite";

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
  const schema = day ? "SessionUpdate" : "SessionCreate";
  const save = useCheckedWrite(
    schema,
    (body: SessionInput) => (day ? updateSession(seriesId, day, body) : addSession(seriesId, module.id, body)),
    {
      // The one rule across fields: a session day takes place somewhere, in a room or online.
      extra: (body) => (body.place || body.link ? [] : [{ path: "place", message: t("sessions.placeOrLinkMissing") }]),
    },
  );
  const errors = save.errors;
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
      busy={save.busy}
      error={errors?.general}
      onSubmit={() => save.submit(body, onClose)}
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
        length={{ value: values.place, max: maxLengthOf(schema, "place") }}
      >
        {(control) => <input {...control} type="text" value={values.place} onChange={set("place")} />}
      </Field>
      <Field
        id="session-link"
        label={t("sessions.link")}
        hint={t("sessions.linkHint")}
        error={errorFor(errors, "link")}
        length={{ value: values.link, max: maxLengthOf(schema, "link") }}
      >
        {(control) => <input {...control} type="url" placeholder="https://" value={values.link} onChange={set("link")} />}
      </Field>
    </FormDialog>
  );
}
