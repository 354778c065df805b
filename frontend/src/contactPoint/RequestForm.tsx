import { useEffect, useRef, useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import { ErrorSummary } from "../ui/ErrorSummary";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FieldError, FormErrors } from "../ui/problems";
import { sendRequest } from "./queries";
import type { PublicPage, PublicRequest, Receipt } from "./queries";

type Method = PublicRequest["contact_method"];

interface Values {
  description: string;
  placeId: string;
  placeText: string;
  since: string;
  involved: string;
  urgency: NonNullable<PublicRequest["urgency"]>;
  onBehalfOf: NonNullable<PublicRequest["on_behalf_of"]>;
  organisation: string;
  method: Method;
  name: string;
  email: string;
  phone: string;
  website: string;
  consent: boolean;
}

const EMPTY: Values = {
  description: "",
  placeId: "",
  placeText: "",
  since: "",
  involved: "",
  urgency: "medium",
  onBehalfOf: "self",
  organisation: "",
  method: "email",
  name: "",
  email: "",
  phone: "",
  website: "",
  consent: false,
};

const CONTROL: Record<string, string> = {
  description: "request-description",
  place_id: "request-place",
  place_text: "request-place-text",
  since: "request-since",
  involved: "request-involved",
  organisation: "request-organisation",
  name: "request-name",
  email: "request-email",
  phone: "request-phone",
  consent: "request-consent",
};

const text = (value: string) => (value.trim() ? value.trim() : null);

/** The public form: what happened, where, since when, who, how urgent, how to answer. */
export function RequestForm({ page }: { page: PublicPage }) {
  const { t, i18n } = useTranslation("contactPoint");
  const { t: tUi } = useTranslation("ui");
  const [values, setValues] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [receipt, setReceipt] = useState<{ receipt: Receipt; method: Method } | null>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (receipt) doneRef.current?.focus();
  }, [receipt]);

  function set<K extends keyof Values>(key: K, value: Values[K]) {
    setValues((current) => ({ ...current, [key]: value }));
  }

  function check(): FieldError[] {
    const found: FieldError[] = [];
    if (!values.description.trim()) found.push({ path: "description", message: t("form.descriptionMissing") });
    if (values.onBehalfOf === "organisation" && !values.organisation.trim())
      found.push({ path: "organisation", message: t("form.organisationMissing") });
    if (values.method === "email" && !values.email.trim()) found.push({ path: "email", message: t("form.emailMissing") });
    if (values.method === "phone" && !values.phone.trim()) found.push({ path: "phone", message: t("form.phoneMissing") });
    if (!values.consent) found.push({ path: "consent", message: t("form.consentMissing") });
    return found;
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (busy) return;
    const found = check();
    if (found.length > 0) {
      setErrors({ fields: found, general: null, status: 422 });
      return;
    }
    const anonymous = values.method === "anonymous";
    const body: PublicRequest = {
      description: values.description.trim(),
      place_id: values.placeId || null,
      place_text: values.placeId ? null : text(values.placeText),
      since: text(values.since),
      involved: text(values.involved),
      urgency: values.urgency,
      on_behalf_of: values.onBehalfOf,
      organisation: values.onBehalfOf === "organisation" ? text(values.organisation) : null,
      contact_method: values.method,
      name: anonymous ? null : text(values.name),
      email: values.method === "email" ? text(values.email) : null,
      phone: values.method === "phone" ? text(values.phone) : null,
      consent: true,
      language: i18n.language === "en" ? "en" : "de",
      form_token: page.form_token,
      website: values.website,
    };
    setBusy(true);
    try {
      const answer = await sendRequest(page.slug, body);
      setErrors(null);
      setReceipt({ receipt: answer, method: values.method });
      setValues(EMPTY);
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
    } finally {
      setBusy(false);
    }
  }

  if (receipt) {
    return (
      <section className="contact-section panel" aria-labelledby="request-done">
        <h2 id="request-done" ref={doneRef} tabIndex={-1}>
          {t("form.doneHeading")}
        </h2>
        <p>{t("form.doneReference")}</p>
        <p className="request-receipt" data-testid="request-reference">
          {receipt.receipt.reference}
        </p>
        <p>{t("form.doneText")}</p>
        <p>{receipt.method === "anonymous" ? t("form.doneAnonymous") : receipt.method === "email" ? t("form.doneMail") : null}</p>
        <button type="button" className="button button-secondary" onClick={() => setReceipt(null)}>
          {t("form.again")}
        </button>
      </section>
    );
  }

  return (
    <section className="contact-section" aria-labelledby="request-heading">
      <h2 id="request-heading" tabIndex={-1}>
        {t("form.heading")}
      </h2>
      <p>{t("form.intro")}</p>
      <ErrorSummary errors={errors} controlId={(path) => CONTROL[path] ?? "request-description"} />
      <form className="form request-form" onSubmit={(event) => void submit(event)} noValidate aria-busy={busy}>
        <Field
          id="request-description"
          label={t("form.description")}
          hint={t("form.descriptionHint")}
          required
          error={errorFor(errors, "description")}
          length={{ value: values.description, max: 5000 }}
        >
          {(control) => (
            <textarea {...control} rows={6} value={values.description} onChange={(e) => set("description", e.target.value)} />
          )}
        </Field>
        <Field id="request-place" label={t("form.place")} error={errorFor(errors, "place_id")}>
          {(control) => (
            <select {...control} value={values.placeId} onChange={(e) => set("placeId", e.target.value)}>
              <option value="">{t("form.placeNone")}</option>
              {page.places.map((place) => (
                <option key={place.id} value={place.id}>
                  {place.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!values.placeId && (
          <Field id="request-place-text" label={t("form.placeText")} error={errorFor(errors, "place_text")}>
            {(control) => (
              <input {...control} type="text" maxLength={200} value={values.placeText} onChange={(e) => set("placeText", e.target.value)} />
            )}
          </Field>
        )}
        <Field id="request-since" label={t("form.since")} error={errorFor(errors, "since")}>
          {(control) => (
            <input {...control} type="text" maxLength={200} value={values.since} onChange={(e) => set("since", e.target.value)} />
          )}
        </Field>
        <Field
          id="request-involved"
          label={t("form.involved")}
          hint={t("form.involvedHint")}
          error={errorFor(errors, "involved")}
          length={{ value: values.involved, max: 2000 }}
        >
          {(control) => (
            <textarea {...control} rows={3} value={values.involved} onChange={(e) => set("involved", e.target.value)} />
          )}
        </Field>

        <fieldset aria-describedby="request-urgency-hint">
          <legend>{t("form.urgency")}</legend>
          <p id="request-urgency-hint" className="field-hint">
            {t("form.urgencyHint")}
          </p>
          {(["low", "medium", "high"] as const).map((urgency) => (
            <label key={urgency} className="check">
              <input
                type="radio"
                name="urgency"
                value={urgency}
                checked={values.urgency === urgency}
                onChange={() => set("urgency", urgency)}
              />{" "}
              {t(urgency === "low" ? "form.urgencyLow" : urgency === "medium" ? "form.urgencyMedium" : "form.urgencyHigh")}
            </label>
          ))}
        </fieldset>

        <fieldset>
          <legend>{t("form.onBehalf")}</legend>
          {(["self", "organisation"] as const).map((who) => (
            <label key={who} className="check">
              <input type="radio" name="on_behalf_of" value={who} checked={values.onBehalfOf === who} onChange={() => set("onBehalfOf", who)} />{" "}
              {t(who === "self" ? "form.self" : "form.organisation")}
            </label>
          ))}
        </fieldset>
        {values.onBehalfOf === "organisation" && (
          <Field id="request-organisation" label={t("form.organisationName")} required error={errorFor(errors, "organisation")}>
            {(control) => (
              <input {...control} type="text" maxLength={200} autoComplete="organization" value={values.organisation} onChange={(e) => set("organisation", e.target.value)} />
            )}
          </Field>
        )}

        <fieldset>
          <legend>{t("form.contact")}</legend>
          {(["email", "phone", "anonymous"] as const).map((method) => (
            <label key={method} className="check">
              <input type="radio" name="contact_method" value={method} checked={values.method === method} onChange={() => set("method", method)} />{" "}
              {t(method === "email" ? "form.byEmail" : method === "phone" ? "form.byPhone" : "form.anonymous")}
            </label>
          ))}
        </fieldset>
        {values.method === "anonymous" ? (
          <p className="notice notice-info">{t("form.anonymousHint")}</p>
        ) : (
          <Field id="request-name" label={t("form.name")} error={errorFor(errors, "name")}>
            {(control) => (
              <input {...control} type="text" maxLength={200} autoComplete="name" value={values.name} onChange={(e) => set("name", e.target.value)} />
            )}
          </Field>
        )}
        {values.method === "email" && (
          <Field id="request-email" label={t("form.email")} required error={errorFor(errors, "email")}>
            {(control) => (
              <input {...control} type="email" maxLength={254} autoComplete="email" value={values.email} onChange={(e) => set("email", e.target.value)} />
            )}
          </Field>
        )}
        {values.method === "phone" && (
          <Field id="request-phone" label={t("form.phone")} required error={errorFor(errors, "phone")}>
            {(control) => (
              <input {...control} type="tel" maxLength={50} autoComplete="tel" value={values.phone} onChange={(e) => set("phone", e.target.value)} />
            )}
          </Field>
        )}

        <div className="request-trap" aria-hidden="true">
          <label htmlFor="request-website">{t("form.website")}</label>
          <input
            id="request-website"
            type="text"
            name="website"
            tabIndex={-1}
            autoComplete="off"
            value={values.website}
            onChange={(e) => set("website", e.target.value)}
          />
        </div>

        <h3>{t("form.privacyHeading")}</h3>
        <p>{t("form.privacy", { name: page.municipality_name })}</p>
        <Field id="request-consent" label={t("form.consent")} required error={errorFor(errors, "consent")} className="field-check">
          {(control) => (
            <input {...control} type="checkbox" checked={values.consent} onChange={(e) => set("consent", e.target.checked)} />
          )}
        </Field>

        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("form.sending") : t("form.send")}
        </button>
      </form>
    </section>
  );
}
