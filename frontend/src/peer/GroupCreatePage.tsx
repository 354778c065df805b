import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { FormActions } from "../ui/FormActions";
import { flash } from "../ui/Flash";
import { blankIn, errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { paths } from "../paths";
import { createGroup, peerKeys } from "./queries";
import "../ui/page.css";
import "./peer.css";

const FIELDS = ["name", "schedule", "video_link", "agreement_text", "member_emails", "moderator_email"] as const;

/** Administrators set up a peer group: 3–12 members of at least two municipalities, by e-mail address. */
export default function GroupCreatePage() {
  const { t } = useTranslation("peer");
  const { t: tUi } = useTranslation("ui");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState({
    name: "",
    schedule: "",
    video_link: "",
    agreement_text: t("group.agreementTemplate"),
    member_emails: "",
    moderator_email: "",
  });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  useDocumentTitle(t("group.create"));

  const set = (name: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [name]: value }));
  const emails = values.member_emails
    .split(/[\s,;]+/)
    .map((e) => e.trim())
    .filter(Boolean);
  const save = useMutation({
    mutationFn: () =>
      createGroup({
        name: values.name,
        schedule: values.schedule,
        video_link: values.video_link || null,
        agreement_text: values.agreement_text,
        member_emails: emails,
        moderator_email: values.moderator_email,
      }),
    onSuccess: (group) => {
      void queryClient.invalidateQueries({ queryKey: peerKeys.all });
      void navigate(paths.peer.group(group.id), { state: flash(t("group.created", { name: group.name })) });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(values))),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const controlId = (path: string) => `group-${path.split(".")[0]}`;
  const label = (path: string) => {
    const name = path.split(".")[0] as (typeof FIELDS)[number];
    return FIELDS.includes(name) ? t(`group.fields.${name}`) : path;
  };

  return (
    <div className="peer-page">
      <h1>{t("group.create")}</h1>
      <p className="lead">{t("group.createIntro")}</p>
      <ErrorSummary errors={errors} controlId={controlId} label={label} />
      <form className="form-panel peer-form" onSubmit={onSubmit} noValidate>
        <Field id="group-name" label={t("group.fields.name")} required error={errorFor(errors, "name")}>
          {(control) => (
            <input {...control} type="text" value={values.name} maxLength={200} onChange={(e) => set("name")(e.target.value)} />
          )}
        </Field>
        <Field id="group-schedule" label={t("group.fields.schedule")} hint={t("group.scheduleHint")} error={errorFor(errors, "schedule")}>
          {(control) => (
            <input {...control} type="text" value={values.schedule} maxLength={200} onChange={(e) => set("schedule")(e.target.value)} />
          )}
        </Field>
        <Field id="group-video_link" label={t("group.fields.video_link")} error={errorFor(errors, "video_link")}>
          {(control) => (
            <input {...control} type="url" value={values.video_link} maxLength={500} onChange={(e) => set("video_link")(e.target.value)} />
          )}
        </Field>
        <Field
          id="group-agreement_text"
          label={t("group.fields.agreement_text")}
          required
          error={errorFor(errors, "agreement_text")}
        >
          {(control) => (
            <textarea {...control} rows={6} value={values.agreement_text} onChange={(e) => set("agreement_text")(e.target.value)} />
          )}
        </Field>
        <Field
          id="group-member_emails"
          label={t("group.fields.member_emails")}
          hint={t("group.membersHint")}
          required
          error={errorFor(errors, "member_emails")}
        >
          {(control) => (
            <textarea {...control} rows={6} value={values.member_emails} onChange={(e) => set("member_emails")(e.target.value)} />
          )}
        </Field>
        <Field
          id="group-moderator_email"
          label={t("group.fields.moderator_email")}
          required
          error={errorFor(errors, "moderator_email")}
        >
          {(control) => (
            <input
              {...control}
              type="email"
              value={values.moderator_email}
              maxLength={254}
              onChange={(e) => set("moderator_email")(e.target.value)}
            />
          )}
        </Field>
        <FormActions saving={save.isPending} cancelTo={paths.peer.index} />
      </form>
    </div>
  );
}
