import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ContactPicker } from "../network";
import type { PickedContact } from "../network";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { blankIn, errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { ReferralBadge } from "./CaseBadges";
import { REFERRAL_STATUSES } from "./model";
import type { CaseDetail, Referral, ReferralCreate, ReferralStatus } from "./model";
import { createReferral, refreshCase, updateReferral, useCaseReferrals } from "./queries";

interface NewReferral {
  contact: PickedContact | null;
  target_name: string;
  reason: string;
  handed_over: string;
  personal_data: boolean;
  consent_on: string;
  follow_up_date: string;
  status: ReferralStatus;
}

const NEW_REFERRAL: NewReferral = {
  contact: null,
  target_name: "",
  reason: "",
  handed_over: "",
  personal_data: false,
  consent_on: "",
  follow_up_date: "",
  status: "proposed",
};

const orNull = (value: string) => (value.trim() === "" ? null : value.trim());

/** The body for POST: the network contact when one is chosen, the free-text name otherwise. */
export function referralBody(values: NewReferral): ReferralCreate {
  return {
    contact_id: values.contact?.id ?? null,
    target_name: values.contact ? null : orNull(values.target_name),
    reason: values.reason.trim(),
    handed_over: orNull(values.handed_over),
    personal_data: values.personal_data,
    consent_on: values.personal_data ? orNull(values.consent_on) : null,
    follow_up_date: orNull(values.follow_up_date),
    status: values.status,
  };
}

const controlId = (path: string) => `referral-${path === "contact_id" ? "contact" : path}`;

function ReferralForm({ record, onDone }: { record: CaseDetail; onDone: (message: string) => void }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const [values, setValues] = useState<NewReferral>(NEW_REFERRAL);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const set = (patch: Partial<NewReferral>) => setValues({ ...values, ...patch });
  const error = (name: string) => errorFor(errors, name);

  const save = useMutation({
    mutationFn: () => createReferral(record.id, referralBody(values)),
    onSuccess: (saved) => {
      refreshCase(queryClient, record.id);
      onDone(t("referrals.recorded", { name: saved.receiver_name }));
    },
    onError: (failure) => setErrors(formErrorsOf(failure, tUi, blankIn(values))),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  }

  return (
    <form className="inline-form form" noValidate onSubmit={submit} aria-busy={save.isPending}>
      <h3>{t("referrals.formHeading")}</h3>
      <ErrorSummary errors={errors} controlId={controlId} label={(path) => t(`referrals.field.${path}` as "referrals.field.reason", { defaultValue: path })} />
      <ContactPicker
        id="referral-contact"
        label={t("referrals.field.contact_id")}
        value={values.contact}
        onChange={(contact) => set({ contact })}
        optional
        error={error("contact_id")}
      />
      {!values.contact && (
        <Field id="referral-target_name" label={t("referrals.field.target_name")} hint={t("referrals.targetHint")} error={error("target_name")}>
          {(control) => (
            <input {...control} type="text" maxLength={200} value={values.target_name} onChange={(event) => set({ target_name: event.target.value })} />
          )}
        </Field>
      )}
      <Field id="referral-reason" label={t("referrals.field.reason")} error={error("reason")} required>
        {(control) => (
          <textarea {...control} rows={2} maxLength={2000} value={values.reason} onChange={(event) => set({ reason: event.target.value })} />
        )}
      </Field>
      <Field id="referral-handed_over" label={t("referrals.field.handed_over")} error={error("handed_over")}>
        {(control) => (
          <textarea {...control} rows={2} maxLength={2000} value={values.handed_over} onChange={(event) => set({ handed_over: event.target.value })} />
        )}
      </Field>
      <div className="field">
        <label className="check">
          <input type="checkbox" checked={values.personal_data} onChange={(event) => set({ personal_data: event.target.checked })} />
          {t("referrals.field.personal_data")}
        </label>
      </div>
      {values.personal_data && (
        <Field id="referral-consent_on" label={t("referrals.field.consent_on")} hint={t("referrals.consentHint")} error={error("consent_on")} required>
          {(control) => (
            <input {...control} type="date" min="2000-01-01" max="2100-12-31" value={values.consent_on} onChange={(event) => set({ consent_on: event.target.value })} />
          )}
        </Field>
      )}
      <div className="form-grid">
        <Field id="referral-status" label={t("referrals.field.status")} error={error("status")}>
          {(control) => (
            <select {...control} value={values.status} onChange={(event) => set({ status: event.target.value as ReferralStatus })}>
              {REFERRAL_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`referralStatus.${status}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="referral-follow_up_date" label={t("referrals.field.follow_up_date")} error={error("follow_up_date")}>
          {(control) => (
            <input {...control} type="date" min="2000-01-01" max="2100-12-31" value={values.follow_up_date} onChange={(event) => set({ follow_up_date: event.target.value })} />
          )}
        </Field>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? tUi("saving") : t("referrals.submit")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone("")}>
          {tUi("cancel")}
        </button>
      </div>
    </form>
  );
}

/** Records how a referral went on: its status (as the workflow allows), the answer received, the follow-up. */
function OutcomeForm({ referral, onDone }: { referral: Referral; onDone: (message: string) => void }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const queryClient = useQueryClient();
  const idPrefix = useId();
  const [status, setStatus] = useState<ReferralStatus>(referral.status);
  const [response, setResponse] = useState(referral.response ?? "");
  const [followUp, setFollowUp] = useState(referral.follow_up_date ?? "");
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const id = (name: string) => `${idPrefix}-${name}`;

  const save = useMutation({
    mutationFn: () =>
      updateReferral(referral, {
        ...(status !== referral.status ? { status, note: orNull(note) } : {}),
        response: orNull(response),
        follow_up_date: orNull(followUp),
      }),
    onSuccess: (saved) => {
      refreshCase(queryClient, saved.case.id);
      onDone(t("referrals.updated", { name: saved.receiver_name }));
    },
    onError: (failure) => setErrors(formErrorsOf(failure, tUi)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!save.isPending) save.mutate();
  }

  return (
    <form className="inline-form form" noValidate onSubmit={submit} aria-busy={save.isPending}>
      <h4>{t("referrals.outcomeHeading", { name: referral.receiver_name })}</h4>
      <ErrorSummary errors={errors} controlId={id} label={(path) => t(`referrals.field.${path}` as "referrals.field.reason", { defaultValue: path })} />
      <Field id={id("status")} label={t("referrals.field.status")} error={errorFor(errors, "status")}>
        {(control) => (
          <select {...control} value={status} onChange={(event) => setStatus(event.target.value as ReferralStatus)}>
            {[referral.status, ...(referral.allowed_statuses ?? [])].map((option) => (
              <option key={option} value={option}>
                {t(`referralStatus.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status !== referral.status && (
        <Field id={id("note")} label={t("referrals.field.note")} error={errorFor(errors, "note")}>
          {(control) => <textarea {...control} rows={2} maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
        </Field>
      )}
      <Field id={id("response")} label={t("referrals.field.response")} error={errorFor(errors, "response")}>
        {(control) => (
          <textarea {...control} rows={3} maxLength={5000} value={response} onChange={(event) => setResponse(event.target.value)} />
        )}
      </Field>
      <Field id={id("follow_up_date")} label={t("referrals.field.follow_up_date")} error={errorFor(errors, "follow_up_date")}>
        {(control) => (
          <input {...control} type="date" min="2000-01-01" max="2100-12-31" value={followUp} onChange={(event) => setFollowUp(event.target.value)} />
        )}
      </Field>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {save.isPending ? tUi("saving") : tUi("save")}
        </button>
        <button type="button" className="button button-secondary" onClick={() => onDone("")}>
          {tUi("cancel")}
        </button>
      </div>
    </form>
  );
}

function ReferralItem({ referral, mayWrite, onMessage }: { referral: Referral; mayWrite: boolean; onMessage: (message: string) => void }) {
  const { t } = useTranslation("cases");
  const { can } = useSession();
  const format = useFormat();
  const [editing, setEditing] = useState(false);
  const receiver =
    referral.contact && can(Permission.contactsRead) ? (
      <Link to={paths.network.contact(referral.contact.id)}>{referral.receiver_name}</Link>
    ) : (
      referral.receiver_name
    );
  const facts: [string, string | null][] = [
    [t("referrals.field.reason"), referral.reason],
    [t("referrals.field.handed_over"), referral.handed_over],
    [
      t("referrals.field.personal_data"),
      referral.personal_data ? t("referrals.consentGiven", { date: format.date(referral.consent_on) }) : t("referrals.noPersonalData"),
    ],
    [t("referrals.field.follow_up_date"), referral.follow_up_date && format.date(referral.follow_up_date)],
    [t("referrals.field.response"), referral.response],
  ];
  return (
    <li className="referral">
      <p className="referral-head">
        <strong>{receiver}</strong> <ReferralBadge status={referral.status} />{" "}
        <span className="muted">{t("referrals.madeOn", { date: format.date(referral.referred_on) })}</span>
      </p>
      <dl className="facts-list">
        {facts
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="text-block">{value}</dd>
            </div>
          ))}
      </dl>
      {mayWrite && !editing && (
        <button type="button" className="button button-secondary" onClick={() => setEditing(true)}>
          {t("referrals.recordOutcome")}
          <span className="visually-hidden"> ({referral.receiver_name})</span>
        </button>
      )}
      {editing && (
        <OutcomeForm
          referral={referral}
          onDone={(message) => {
            setEditing(false);
            onMessage(message);
          }}
        />
      )}
    </li>
  );
}

/** The case's referrals to other bodies of the network: one record each, read by status, timeline and statistics. */
export function ReferralsPanel({ record, mayWrite }: { record: CaseDetail; mayWrite: boolean }) {
  const { t } = useTranslation("cases");
  const headingId = useId();
  const referrals = useCaseReferrals(record.id);
  const [adding, setAdding] = useState(false);
  const [message, setMessage] = useState("");
  const writable = mayWrite && !record.archived;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("referrals.heading")}</h2>
      <p role="status" className={message ? "notice notice-success" : "visually-hidden"}>
        {message}
      </p>
      {referrals.isPending && <LoadingStatus />}
      {referrals.isError && <ErrorNotice error={referrals.error} onRetry={() => void referrals.refetch()} />}
      {referrals.isSuccess && referrals.data.items.length === 0 && <p className="empty">{t("referrals.none")}</p>}
      {referrals.isSuccess && referrals.data.items.length > 0 && (
        <ul className="plain-list referral-list">
          {referrals.data.items.map((referral) => (
            <ReferralItem key={referral.id} referral={referral} mayWrite={writable} onMessage={setMessage} />
          ))}
        </ul>
      )}
      {writable && !adding && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setMessage("");
            setAdding(true);
          }}
        >
          {t("referrals.add")}
        </button>
      )}
      {adding && (
        <ReferralForm
          record={record}
          onDone={(done) => {
            setAdding(false);
            setMessage(done);
          }}
        />
      )}
    </section>
  );
}
