import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { ConflictPanel } from "../ui/ConflictPanel";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { checkBody, maxLengthOf } from "../ui/validation";
import { Field, FieldGroup } from "../ui/Field";
import { useVersionedEdit } from "../ui/useVersionedEdit";
import { flash } from "../ui/Flash";
import { useFormat } from "../ui/format";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { ContactPicker } from "./ContactPicker";
import { CONTACT_FIELDS, EMPTY_CONTACT, apiField, createBody, updateBody, valuesOf } from "./contactForm";
import type { ContactField, ContactValues } from "./contactForm";
import { ACTOR_GROUPS, CONTACT_KINDS, LEGAL_BASES } from "./model";
import type { ActorGroup, Contact, LegalBasis } from "./model";
import { createContact, fetchContact, networkKeys, updateContact } from "./queries";
import { paths } from "../paths";

/** Creates a contact, or edits `contact` with If-Match; a stale save shows what changed. */
export function ContactForm({ contact }: { contact?: Contact }) {
  const { t } = useTranslation("network");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const format = useFormat();
  const edit = useVersionedEdit<Contact, ContactValues>({
    userId: user?.id ?? "",
    draftName: contact ? `contact-${contact.id}` : "contact-new",
    initial: () => {
      const values = contact ? valuesOf(contact) : EMPTY_CONTACT;
      return { base: values, values, version: contact?.version ?? 0 };
    },
    valuesOf,
    versionOf: (record) => record.version,
    fields: CONTACT_FIELDS,
    fetchCurrent: () => fetchContact(contact?.id ?? ""),
  });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const values = edit.values;
  const set = <K extends keyof ContactValues>(field: K, value: ContactValues[K]) => edit.setValues({ ...values, [field]: value });

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const invalid = contact
      ? checkBody("ContactUpdate", updateBody(edit.base, values), tUi, true)
      : checkBody("ContactCreate", createBody(values), tUi);
    setErrors(invalid);
    if (invalid) return;
    setSaving(true);
    setNotice(null);
    try {
      const saved = await edit.submit(({ base, version }) => {
        if (!contact) return createContact(createBody(values));
        const body = updateBody(base, values);
        return Object.keys(body).length ? updateContact(contact.id, version, body) : Promise.resolve(contact);
      });
      if (saved) {
        await queryClient.invalidateQueries({ queryKey: networkKeys.all });
        navigate(paths.network.contact(saved.id), { state: flash(t("form.saved")) });
      }
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
    } finally {
      setSaving(false);
    }
  }

  function onReapply() {
    edit.reapplyMine();
    setNotice(tUi("conflict.reapplied"));
  }

  const labels: Record<ContactField | "kind", string> = {
    kind: t("form.kind"),
    name: t("form.name"),
    given_name: t("form.givenName"),
    family_name: t("form.familyName"),
    actor_group: t("form.actorGroup"),
    position: t("form.position"),
    organisation: t("form.organisation"),
    email: t("form.email"),
    phone: t("form.phone"),
    address: t("form.address"),
    topics: t("form.topics"),
    legal_basis: t("form.legalBasis"),
    consent_date: t("form.consentDate"),
    consent_expires_on: t("form.consentExpires"),
    steering_group_member: t("form.steeringGroup"),
    notes: t("form.notes"),
  };
  const controlId = (field: ContactField | "kind") => `contact-${field}`;
  const pathToField = (path: string) =>
    ([...CONTACT_FIELDS, "kind"] as const).find((field) => apiField(field) === path.split(".")[0]);
  const error = (field: ContactField | "kind") => errorFor(errors, apiField(field));

  function show(field: string, value: unknown): ReactNode {
    if (value === null || value === undefined || value === "") return tUi("none");
    if (field === "organisation") return (value as { name: string }).name;
    if (field === "actor_group") return t(`actorGroup.${value as ActorGroup}`);
    if (field === "legal_basis") return t(`legalBasis.${value as LegalBasis}`);
    if (field === "consent_date" || field === "consent_expires_on") return format.date(value as string);
    if (typeof value === "boolean") return value ? tUi("yes") : tUi("no");
    return String(value);
  }

  function textField(field: "name" | "given_name" | "family_name" | "position" | "email" | "phone", options: { type?: string; hint?: string; required?: boolean; autoComplete?: string } = {}) {
    return (
      <Field
        id={controlId(field)}
        label={labels[field]}
        hint={options.hint}
        error={error(field)}
        required={options.required}
        // A phone number's real limit is its pattern, not the length cap of the raw text.
        length={field === "phone" ? undefined : { value: values[field], max: maxLengthOf("ContactCreate", apiField(field)) }}
      >
        {(control) => (
          <input
            {...control}
            type={options.type ?? "text"}
            value={values[field]}
            autoComplete={options.autoComplete ?? "off"}
            onChange={(event) => set(field, event.target.value)}
          />
        )}
      </Field>
    );
  }

  const person = values.kind === "person";

  return (
    <form className="form" onSubmit={onSubmit} noValidate aria-busy={saving}>
      {edit.restored && <DraftNotice savedAt={edit.restored.savedAt} onDiscard={edit.discardDraft} />}
      {notice && (
        <p className="notice notice-info" role="status">
          {notice}
        </p>
      )}
      {edit.conflict && (
        <ConflictPanel
          conflict={edit.conflict}
          label={(field) => labels[field as ContactField]}
          show={show}
          onReapply={onReapply}
          onDiscard={edit.takeTheirs}
        />
      )}
      <ErrorSummary
        errors={errors}
        controlId={(path) => controlId(pathToField(path) ?? "name")}
        label={(path) => {
          const field = pathToField(path);
          return field ? labels[field] : path;
        }}
      />
      <div className="form-panel">
        <div className="form-grid">
          {!contact && (
            <FieldGroup id={controlId("kind")} legend={labels.kind} error={error("kind")} required className="field-wide">
              <div className="checkbox-list">
                {CONTACT_KINDS.map((kind) => (
                  <div key={kind} className="check">
                    <input
                      id={`contact-kind-${kind}`}
                      type="radio"
                      name="kind"
                      value={kind}
                      checked={values.kind === kind}
                      onChange={() => set("kind", kind)}
                    />
                    <label htmlFor={`contact-kind-${kind}`}>{t(`kind.${kind}`)}</label>
                  </div>
                ))}
              </div>
            </FieldGroup>
          )}
          {person && textField("given_name", { autoComplete: "off" })}
          {person && textField("family_name", { autoComplete: "off" })}
          {textField("name", {
            hint: person ? t("form.nameHintPerson") : t("form.nameHintOrganisation"),
            required: !person,
          })}
          <Field id={controlId("actor_group")} label={labels.actor_group} error={error("actor_group")} required>
            {(control) => (
              <select
                {...control}
                value={values.actor_group}
                onChange={(event) => set("actor_group", event.target.value as ContactValues["actor_group"])}
              >
                <option value="">{t("form.choose")}</option>
                {ACTOR_GROUPS.map((group) => (
                  <option key={group} value={group}>
                    {t(`actorGroup.${group}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {textField("position", { hint: t("form.positionHint") })}
          {person && (
            <ContactPicker
              id={controlId("organisation")}
              label={labels.organisation}
              value={values.organisation}
              onChange={(picked) => set("organisation", picked)}
              kind="organisation"
              exclude={contact?.id}
              optional
              error={error("organisation")}
            />
          )}
          {textField("email", { type: "email" })}
          {textField("phone", { type: "tel" })}
          <Field id={controlId("address")} label={labels.address} error={error("address")} className="field-wide" length={{ value: values.address, max: maxLengthOf("ContactCreate", "address") }}>
            {(control) => (
              <textarea {...control} rows={2} value={values.address} onChange={(event) => set("address", event.target.value)} />
            )}
          </Field>
          <Field id={controlId("topics")} label={labels.topics} hint={t("form.topicsHint")} error={error("topics")} className="field-wide">
            {(control) => (
              <input {...control} type="text" value={values.topics} onChange={(event) => set("topics", event.target.value)} />
            )}
          </Field>
          <Field id={controlId("legal_basis")} label={labels.legal_basis} error={error("legal_basis")} required>
            {(control) => (
              <select
                {...control}
                value={values.legal_basis}
                onChange={(event) => set("legal_basis", event.target.value as ContactValues["legal_basis"])}
              >
                <option value="">{t("form.choose")}</option>
                {LEGAL_BASES.map((basis) => (
                  <option key={basis} value={basis}>
                    {t(`legalBasis.${basis}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {values.legal_basis === "consent" && (
            <Field
              id={controlId("consent_date")}
              label={labels.consent_date}
              hint={t("form.consentDateHint")}
              error={error("consent_date")}
              required
            >
              {(control) => (
                <input {...control} type="date" value={values.consent_date} onChange={(event) => set("consent_date", event.target.value)} />
              )}
            </Field>
          )}
          {values.legal_basis === "consent" && (
            <Field
              id={controlId("consent_expires_on")}
              label={labels.consent_expires_on}
              hint={t("form.consentExpiresHint")}
              error={error("consent_expires_on")}
            >
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={values.consent_expires_on}
                  onChange={(event) => set("consent_expires_on", event.target.value)}
                />
              )}
            </Field>
          )}
          <div className="check field-wide">
            <input
              id={controlId("steering_group_member")}
              type="checkbox"
              checked={values.steering_group_member}
              onChange={(event) => set("steering_group_member", event.target.checked)}
            />
            <label htmlFor={controlId("steering_group_member")}>{labels.steering_group_member}</label>
          </div>
          <Field id={controlId("notes")} label={labels.notes} error={error("notes")} className="field-wide" length={{ value: values.notes, max: maxLengthOf("ContactCreate", "notes") }}>
            {(control) => (
              <textarea {...control} rows={4} value={values.notes} onChange={(event) => set("notes", event.target.value)} />
            )}
          </Field>
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving || edit.conflict !== null}>
          {saving ? t("form.saving") : t("form.save")}
        </button>
        <Link className="button button-secondary" to={contact ? paths.network.contact(contact.id) : paths.network.contacts}>
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
