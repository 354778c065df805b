import { useId, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { ACTOR_GROUPS, ContactPicker, LEGAL_BASES } from "../network";
import type { ActorGroup, ContactKind, LegalBasis, PickedContact } from "../network";
import { createContact } from "../network/queries";
import { paths } from "../paths";
import { Field } from "../ui/Field";
import { formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { PARTY_ROLES } from "./model";
import type { CaseDetail, PartyIn, PartyRole } from "./model";
import { refreshCase, replaceParties } from "./queries";

// Consent needs its date and belongs in the full contact form; a new party starts on these.
const QUICK_BASES = LEGAL_BASES.filter((basis) => basis !== "consent");

interface NewContact {
  kind: ContactKind;
  name: string;
  actor_group: ActorGroup;
  legal_basis: LegalBasis;
}

const NEW_CONTACT: NewContact = { kind: "organisation", name: "", actor_group: "civil_society", legal_basis: "public_task" };

function RoleSelect({ id, label, value, onChange }: { id: string; label: string; value: PartyRole; onChange: (role: PartyRole) => void }) {
  const { t } = useTranslation("cases");
  return (
    <Field id={id} label={label}>
      {(control) => (
        <select {...control} value={value} onChange={(event) => onChange(event.target.value as PartyRole)}>
          {PARTY_ROLES.map((role) => (
            <option key={role} value={role}>
              {t(`partyRole.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** The contact to add: one from the network, or a new one made here with the few fields a contact needs. */
function NewContactFields({ value, onChange }: { value: NewContact; onChange: (value: NewContact) => void }) {
  const { t } = useTranslation("cases");
  const { t: tNetwork } = useTranslation("network");
  const set = (patch: Partial<NewContact>) => onChange({ ...value, ...patch });
  return (
    <div className="form-grid">
      <Field id="party-new-kind" label={t("parties.kind")}>
        {(control) => (
          <select {...control} value={value.kind} onChange={(event) => set({ kind: event.target.value as ContactKind })}>
            <option value="organisation">{tNetwork("kind.organisation")}</option>
            <option value="person">{tNetwork("kind.person")}</option>
          </select>
        )}
      </Field>
      <Field id="party-new-name" label={t("parties.name")} required>
        {(control) => <input {...control} type="text" maxLength={200} value={value.name} onChange={(event) => set({ name: event.target.value })} />}
      </Field>
      <Field id="party-new-actor_group" label={tNetwork("form.actorGroup")}>
        {(control) => (
          <select {...control} value={value.actor_group} onChange={(event) => set({ actor_group: event.target.value as ActorGroup })}>
            {ACTOR_GROUPS.map((group) => (
              <option key={group} value={group}>
                {tNetwork(`actorGroup.${group}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="party-new-legal_basis" label={tNetwork("form.legalBasis")}>
        {(control) => (
          <select {...control} value={value.legal_basis} onChange={(event) => set({ legal_basis: event.target.value as LegalBasis })}>
            {QUICK_BASES.map((basis) => (
              <option key={basis} value={basis}>
                {tNetwork(`legalBasis.${basis}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}

function contactBody(value: NewContact) {
  const name = value.name.trim();
  const [given = "", ...family] = name.split(/\s+/);
  const names =
    value.kind === "person" && family.length > 0 ? { given_name: given, family_name: family.join(" ") } : { name };
  return { kind: value.kind, actor_group: value.actor_group, legal_basis: value.legal_basis, steering_group_member: false, topics: [], ...names };
}

/** The contacts involved in the conflict, with their roles: add (from the network or new), change role, remove. */
export function PartiesPanel({ record, mayWrite }: { record: CaseDetail; mayWrite: boolean }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const queryClient = useQueryClient();
  const headingId = useId();
  const [adding, setAdding] = useState<"network" | "new" | null>(null);
  const [picked, setPicked] = useState<PickedContact | null>(null);
  const [fresh, setFresh] = useState<NewContact>(NEW_CONTACT);
  const [role, setRole] = useState<PartyRole>("conflict_party");
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [message, setMessage] = useState("");
  const writable = mayWrite && !record.archived;
  const current: PartyIn[] = record.parties.map((party) => ({
    contact_id: party.contact_id,
    role_in_conflict: party.role_in_conflict,
    note: party.note,
  }));

  const save = useMutation({
    mutationFn: async ({ parties }: { parties: PartyIn[]; done: string }) => replaceParties(record, parties),
    onSuccess: (saved, { done }) => {
      queryClient.setQueryData(["cases", "detail", saved.id], saved);
      refreshCase(queryClient, saved.id);
      setAdding(null);
      setPicked(null);
      setFresh(NEW_CONTACT);
      setErrors(null);
      setMessage(done);
    },
    onError: (failure) => setErrors(formErrorsOf(failure, tUi)),
  });

  const addContact = useMutation({
    mutationFn: () => createContact(contactBody(fresh)),
    onSuccess: (contact) =>
      save.mutate({
        parties: [...current, { contact_id: contact.id, role_in_conflict: role }],
        done: t("parties.added", { name: contact.name }),
      }),
    onError: (failure) => setErrors(formErrorsOf(failure, tUi)),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setMessage("");
    if (save.isPending || addContact.isPending) return;
    if (adding === "new") {
      addContact.mutate();
    } else if (picked) {
      save.mutate({
        parties: [...current, { contact_id: picked.id, role_in_conflict: role }],
        done: t("parties.added", { name: picked.name }),
      });
    } else {
      setErrors({ fields: [{ path: "contact", message: t("parties.chooseContact") }], general: null, status: 422 });
    }
  }

  const busy = save.isPending || addContact.isPending;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("detail.parties")}</h2>
      <p role="status" className={message ? "notice notice-success" : "visually-hidden"}>
        {message}
      </p>
      {errors?.general && !adding && (
        <p className="notice notice-error" role="alert">
          {errors.general}
        </p>
      )}
      {record.parties.length === 0 && <p className="empty">{t("detail.noParties")}</p>}
      {record.parties.length > 0 && (
        <ul className="plain-list party-list">
          {record.parties.map((party, index) => (
            <li key={party.contact_id}>
              {can(Permission.contactsRead) ? <Link to={paths.network.contact(party.contact_id)}>{party.name}</Link> : party.name}
              {party.note && <div className="muted">{party.note}</div>}
              {writable ? (
                <div className="party-actions">
                  <RoleSelect
                    id={`party-role-${party.contact_id}`}
                    label={t("parties.roleOf", { name: party.name })}
                    value={party.role_in_conflict}
                    onChange={(changed) =>
                      save.mutate({
                        parties: current.map((row, at) => (at === index ? { ...row, role_in_conflict: changed } : row)),
                        done: t("parties.roleChanged", { name: party.name }),
                      })
                    }
                  />
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy}
                    onClick={() =>
                      save.mutate({
                        parties: current.filter((_, at) => at !== index),
                        done: t("parties.removed", { name: party.name }),
                      })
                    }
                  >
                    {t("parties.remove", { name: party.name })}
                  </button>
                </div>
              ) : (
                <> – {t(`partyRole.${party.role_in_conflict}`)}</>
              )}
            </li>
          ))}
        </ul>
      )}
      {writable && !adding && (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => setAdding("network")}>
            {t("parties.addFromNetwork")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => setAdding("new")}>
            {t("parties.addNew")}
          </button>
        </div>
      )}
      {adding && (
        <form className="inline-form form" noValidate onSubmit={submit} aria-busy={busy}>
          <h3>{adding === "new" ? t("parties.addNew") : t("parties.addFromNetwork")}</h3>
          {errors?.general && (
            <p className="notice notice-error" role="alert">
              {errors.general}
            </p>
          )}
          {adding === "network" ? (
            <ContactPicker
              id="party-contact"
              label={t("parties.contact")}
              value={picked}
              onChange={setPicked}
              required
              error={errors?.fields.find((entry) => entry.path === "contact" || entry.path.startsWith("parties"))?.message}
            />
          ) : (
            <NewContactFields value={fresh} onChange={setFresh} />
          )}
          {adding === "new" && errors && errors.fields.length > 0 && (
            <p className="notice notice-error" role="alert">
              {errors.fields.map((entry) => entry.message).join(" ")}
            </p>
          )}
          <RoleSelect id="party-new-role" label={t("parties.role")} value={role} onChange={setRole} />
          <div className="button-row">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? tUi("saving") : t("parties.submit")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                setAdding(null);
                setErrors(null);
              }}
            >
              {tUi("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
