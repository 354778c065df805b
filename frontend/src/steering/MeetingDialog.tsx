import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { addDays, isoInstant, today, wallClock } from "../ui/calendar";
import { errorFor, formErrorsOf } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { createMeeting, meetingWrites, steeringKeys } from "./queries";
import type { Meeting } from "./queries";

interface Props {
  /** The meeting to change; null plans a new one. */
  meeting: Meeting | null;
  onSaved: (meeting: Meeting) => void;
  onClose: () => void;
}

/** Plans a meeting or changes its title, time and place. */
export function MeetingDialog({ meeting, onSaved, onClose }: Props) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const client = useQueryClient();
  const start = meeting ? wallClock(meeting.starts_at) : { day: addDays(today(), 14), time: "15:00" };
  const end = meeting ? wallClock(meeting.ends_at) : { day: start.day, time: "17:00" };
  const [values, setValues] = useState({
    title: meeting?.title ?? t("title"),
    day: start.day,
    start: start.time,
    end: end.time,
    place: meeting?.place ?? "",
    video_url: meeting?.video_url ?? "",
  });
  const body = {
    title: values.title,
    starts_at: isoInstant(values.day, values.start) ?? `${values.day}T${values.start}`,
    ends_at: isoInstant(values.day, values.end) ?? `${values.day}T${values.end}`,
    place: values.place.trim() || null,
    video_url: values.video_url.trim() || null,
  };
  const save = useMutation({
    mutationFn: () => (meeting ? meetingWrites.update(meeting, body) : createMeeting(body)),
    onSuccess: (saved) => {
      client.setQueryData(steeringKeys.meeting(saved.id), saved);
      void client.invalidateQueries({ queryKey: ["steering", "list"] });
      void client.invalidateQueries({ queryKey: steeringKeys.overview });
      onSaved(saved);
    },
  });
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const schema = "MeetingCreate";
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  return (
    <FormDialog
      title={meeting ? t("form.editTitle") : t("form.planTitle")}
      submitLabel={tUi("save")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate()}
      onClose={onClose}
    >
      <Field
        id="meeting-title"
        label={t("form.title")}
        required
        error={errorFor(errors, "title")}
        length={{ value: values.title, max: maxLengthOf(schema, "title") }}
      >
        {(control) => <input {...control} type="text" value={values.title} data-autofocus onChange={set("title")} />}
      </Field>
      <div className="steering-times">
        <Field id="meeting-day" label={t("form.day")} required error={errorFor(errors, "starts_at")}>
          {(control) => <input {...control} type="date" value={values.day} onChange={set("day")} />}
        </Field>
        <Field id="meeting-start" label={t("form.start")} required>
          {(control) => <input {...control} type="time" value={values.start} onChange={set("start")} />}
        </Field>
        <Field id="meeting-end" label={t("form.end")} required error={errorFor(errors, "ends_at")}>
          {(control) => <input {...control} type="time" value={values.end} onChange={set("end")} />}
        </Field>
      </div>
      <Field
        id="meeting-place"
        label={t("form.place")}
        error={errorFor(errors, "place")}
        length={{ value: values.place, max: maxLengthOf(schema, "place") }}
      >
        {(control) => <input {...control} type="text" value={values.place} onChange={set("place")} />}
      </Field>
      <Field id="meeting-video" label={t("form.video")} hint={t("form.videoHint")} error={errorFor(errors, "video_url")}>
        {(control) => <input {...control} type="url" value={values.video_url} onChange={set("video_url")} />}
      </Field>
      {!meeting && <p className="muted">{t("form.invitedHint")}</p>}
    </FormDialog>
  );
}
