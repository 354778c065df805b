import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { useRetentionPolicy, useSaveRetentionPolicy, useUpcoming } from "./queries";
import type { RetentionPolicy } from "./queries";

/** The municipality's retention periods and the cases and contacts retention treats next. */
export function RetentionSection() {
  const { t } = useTranslation("privacy");
  const current = useRetentionPolicy();
  const upcoming = useUpcoming();
  const format = useFormat();
  return (
    <section className="privacy-section" aria-labelledby="retention-title">
      <h2 id="retention-title">{t("retention.title")}</h2>
      {current.isError && <ErrorNotice error={current.error} />}
      {current.data && <PolicyForm policy={current.data} />}
      <h3>{t("retention.upcoming")}</h3>
      {upcoming.data && upcoming.data.cases.length === 0 && <p>{t("retention.none")}</p>}
      {upcoming.data && upcoming.data.cases.length > 0 && (
        <ul>
          {upcoming.data.cases.map((c) => (
            <li key={c.id}>
              <Link to={paths.cases.detail(c.id)}>{c.reference}</Link> – {t("retention.dueOn")} {format.date(c.due_on)}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("retention.upcomingContacts")}</h3>
      {upcoming.data && (upcoming.data.contacts ?? []).length === 0 && <p>{t("retention.noContacts")}</p>}
      {upcoming.data && (upcoming.data.contacts ?? []).length > 0 && (
        <>
          <p>{t("retention.contactsHint")}</p>
          <ul>
            {(upcoming.data.contacts ?? []).map((c) => (
              <li key={c.id}>
                <Link to={paths.network.contact(c.id)}>{c.name}</Link> – {t("retention.deletedOn")}{" "}
                {format.date(c.due_on)}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function PolicyForm({ policy }: { policy: RetentionPolicy }) {
  const { t } = useTranslation("privacy");
  const save = useSaveRetentionPolicy(policy.version);
  const [cases, setCases] = useState(String(policy.closed_case_years));
  const [contacts, setContacts] = useState(String(policy.unlinked_contact_years));
  const [audit, setAudit] = useState(String(policy.audit_log_years));
  return (
    <form
      className="form privacy-export"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate({
          closed_case_years: Number(cases),
          unlinked_contact_years: Number(contacts),
          audit_log_years: Number(audit),
        });
      }}
    >
      <Field id="retention-cases" label={t("retention.cases")} hint={t("retention.minimum")}>
        {(control) => (
          <input {...control} type="number" min={1} max={30} required value={cases} onChange={(e) => setCases(e.target.value)} />
        )}
      </Field>
      <Field id="retention-contacts" label={t("retention.contacts")} hint={t("retention.minimum")}>
        {(control) => (
          <input
            {...control}
            type="number"
            min={1}
            max={30}
            required
            value={contacts}
            onChange={(e) => setContacts(e.target.value)}
          />
        )}
      </Field>
      <Field id="retention-audit" label={t("retention.audit")} hint={t("retention.auditMinimum")}>
        {(control) => (
          <input {...control} type="number" min={1} max={10} required value={audit} onChange={(e) => setAudit(e.target.value)} />
        )}
      </Field>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice notice-info" role="status">
          {t("retention.saved")}
        </p>
      )}
      <button type="submit" className="button" disabled={save.isPending}>
        {t("retention.save")}
      </button>
    </form>
  );
}
