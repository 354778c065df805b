import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { ConfirmDialog } from "../ui/Dialog";
import { Field } from "../ui/Field";
import { errorFor, problemMessage } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { addParticipant, deleteParticipant, useAccounts, useTrainingWrite } from "./queries";
import type { Participant, ParticipantInput } from "./queries";
import { useCheckedWrite } from "./useCheckedWrite";

/**
 * Enrols a participant: a colleague's account (for those who manage accounts) or a person
 * from outside by name, with the organisation the certificate will not name but the list does.
 */
export function ParticipantAdd({ seriesId }: { seriesId: string }) {
  const { t } = useTranslation("trainings");
  const { can } = useSession();
  const accounts = useAccounts(can(Permission.usersManage));
  const [values, setValues] = useState({ userId: "", name: "", organisation: "" });
  const [done, setDone] = useState<string | null>(null);
  const add = useCheckedWrite("ParticipantCreate", (body: ParticipantInput) => addParticipant(seriesId, body), {
    // Someone from outside needs a name; a colleague's comes from the account.
    extra: (body) => (body.user_id || body.full_name ? [] : [{ path: "full_name", message: t("participants.nameMissing") }]),
  });
  const errors = add.errors;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    const body: ParticipantInput = {
      ...(values.userId ? { user_id: values.userId } : {}),
      full_name: values.name.trim() || null,
      organisation: values.organisation.trim() || null,
    };
    add.submit(body, (added) => {
      setDone(t("participants.added", { name: added.full_name }));
      setValues({ userId: "", name: "", organisation: "" });
    });
  }

  return (
    <form className="form participant-add" onSubmit={onSubmit} noValidate aria-busy={add.busy}>
      <h3>{t("participants.add")}</h3>
      {accounts.data && (
        <Field id="participant-account" label={t("participants.account")} hint={t("participants.accountHint")}>
          {(control) => (
            <select
              {...control}
              value={values.userId}
              onChange={(event) => setValues({ ...values, userId: event.target.value })}
            >
              <option value="">{t("participants.external")}</option>
              {accounts.data.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.full_name}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <Field
        id="participant-name"
        label={t("participants.name")}
        hint={values.userId ? t("participants.nameFromAccount") : t("participants.nameHint")}
        required={!values.userId}
        error={errorFor(errors, "full_name")}
        length={{ value: values.name, max: maxLengthOf("ParticipantCreate", "full_name") }}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.name}
            onChange={(event) => setValues({ ...values, name: event.target.value })}
          />
        )}
      </Field>
      <Field
        id="participant-organisation"
        label={t("participants.organisation")}
        error={errorFor(errors, "organisation")}
        length={{ value: values.organisation, max: maxLengthOf("ParticipantCreate", "organisation") }}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            value={values.organisation}
            onChange={(event) => setValues({ ...values, organisation: event.target.value })}
          />
        )}
      </Field>
      <div role="alert">{errors?.general && <p className="notice notice-error">{errors.general}</p>}</div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.busy}>
          {t("participants.addSubmit")}
        </button>
      </div>
      <div role="status">{done && <p className="notice notice-success">{done}</p>}</div>
    </form>
  );
}

export function RemoveParticipant({
  seriesId,
  participant,
  onDone,
}: {
  seriesId: string;
  participant: Participant;
  onDone: () => void;
}) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const remove = useTrainingWrite(() => deleteParticipant(seriesId, participant));
  return (
    <ConfirmDialog
      open
      title={t("participants.removeTitle")}
      confirmLabel={t("participants.remove")}
      cancelLabel={tUi("cancel")}
      busy={remove.isPending}
      error={remove.isError ? problemMessage(remove.error, tUi) : null}
      onConfirm={() => remove.mutate(undefined, { onSuccess: onDone })}
      onCancel={onDone}
    >
      <p>{t("participants.removeText", { name: participant.full_name })}</p>
    </ConfirmDialog>
  );
}
