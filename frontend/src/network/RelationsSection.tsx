import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { ConfirmDialog } from "../ui/Dialog";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { errorFor, formErrorsOf, problemMessage } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { ActorGroupMark } from "./ActorGroupMark";
import { ContactPicker } from "./ContactPicker";
import type { PickedContact } from "./ContactPicker";
import { RELATION_TYPES } from "./model";
import type { Contact, Relation, RelationType } from "./model";
import { useAddRelation, useRelations, useRemoveRelation } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";

/** The relations of a contact, seen from that contact: who is on the other side, and how. */
export function RelationsSection({ contact }: { contact: Contact }) {
  const { t } = useTranslation("network");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const query = useRelations(contact.id);
  const remove = useRemoveRelation(contact.id);
  const [removing, setRemoving] = useState<Relation | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const writable = can(Permission.contactsWrite);

  const other = (relation: Relation) => (relation.source.id === contact.id ? relation.target : relation.source);
  const direction = (relation: Relation) => {
    if (!relation.directed) return t("relations.mutual");
    return relation.source.id === contact.id
      ? t("relations.outgoing", { name: contact.name })
      : t("relations.incoming", { name: contact.name });
  };

  const columns: Column<Relation>[] = [
    {
      key: "other",
      header: t("relations.other"),
      rowHeader: true,
      cell: (relation) => <Link to={paths.network.contact(other(relation).id)}>{other(relation).name}</Link>,
    },
    { key: "group", header: t("list.actorGroup"), cell: (relation) => <ActorGroupMark group={other(relation).actor_group} /> },
    { key: "type", header: t("relations.type"), cell: (relation) => t(`relationType.${relation.relation_type}`) },
    { key: "direction", header: t("relations.direction"), cell: direction },
    { key: "note", header: t("relations.note"), cell: (relation) => relation.note ?? "" },
    ...(writable
      ? [
          {
            key: "actions",
            header: t("relations.actions"),
            cell: (relation: Relation) => (
              <button type="button" className="button button-secondary" onClick={() => setRemoving(relation)}>
                {t("relations.remove")}
                <span className="visually-hidden"> ({other(relation).name})</span>
              </button>
            ),
          },
        ]
      : []),
  ];

  function onRemove() {
    if (!removing) return;
    const name = other(removing).name;
    remove.mutate(
      { id: removing.id, version: removing.version },
      {
        onSuccess: () => {
          setRemoving(null);
          setAnnouncement(t("relations.removed", { name }));
        },
      },
    );
  }

  return (
    <section className="panel" aria-labelledby="contact-relations">
      <h2 id="contact-relations">{t("relations.title")}</h2>
      <p role="status" className={announcement ? "notice notice-info" : "visually-hidden"}>
        {announcement}
      </p>
      <QueryStatus query={query} />
      {query.data && (
        <>
          <DataTable
            caption={t("relations.caption", { name: contact.name })}
            captionHidden
            columns={columns}
            rows={query.data.items}
            rowKey={(relation) => relation.id}
            empty={t("relations.empty")}
          />
          {query.data.next_cursor && <p className="muted">{t("relations.more")}</p>}
        </>
      )}
      {writable && <AddRelationForm contact={contact} onAdded={(name) => setAnnouncement(t("relations.added", { name }))} />}
      <ConfirmDialog
        open={removing !== null}
        title={t("relations.remove")}
        confirmLabel={t("relations.remove")}
        cancelLabel={tUi("cancel")}
        busy={remove.isPending}
        error={remove.isError ? problemMessage(remove.error, tUi) : null}
        onConfirm={onRemove}
        onCancel={() => {
          setRemoving(null);
          remove.reset();
        }}
      >
        {removing && (
          <p>
            {t("relations.removeConfirm", {
              type: t(`relationType.${removing.relation_type}`),
              name: other(removing).name,
            })}
          </p>
        )}
      </ConfirmDialog>
    </section>
  );
}

function AddRelationForm({ contact, onAdded }: { contact: Contact; onAdded: (name: string) => void }) {
  const { t } = useTranslation("network");
  const { t: tUi } = useTranslation("ui");
  const add = useAddRelation(contact.id);
  const [target, setTarget] = useState<PickedContact | null>(null);
  const [type, setType] = useState<RelationType | "">("");
  const [directed, setDirected] = useState(false);
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FormErrors | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setErrors(null);
    add.mutate(
      { target_id: target?.id ?? "", relation_type: type as RelationType, directed, note: note.trim() || null },
      {
        onSuccess: () => {
          onAdded(target?.name ?? "");
          setTarget(null);
          setType("");
          setDirected(false);
          setNote("");
        },
        onError: (error) => setErrors(formErrorsOf(error, tUi)),
      },
    );
  }

  const ids: Record<string, string> = {
    target_id: "relation-target",
    relation_type: "relation-type",
    note: "relation-note",
  };
  const labels: Record<string, string> = {
    target_id: t("relations.target"),
    relation_type: t("relations.type"),
    note: t("relations.note"),
  };

  return (
    <form className="form relation-add" onSubmit={onSubmit} noValidate aria-labelledby="relation-add-title">
      <h3 id="relation-add-title">{t("relations.add")}</h3>
      <ErrorSummary errors={errors} controlId={(path) => ids[path] ?? "relation-target"} label={(path) => labels[path] ?? path} />
      <div className="relation-form">
        <ContactPicker
          id="relation-target"
          label={t("relations.target")}
          value={target}
          onChange={setTarget}
          exclude={contact.id}
          required
          error={errorFor(errors, "target_id")}
        />
        <Field id="relation-type" label={t("relations.type")} required error={errorFor(errors, "relation_type")}>
          {(control) => (
            <select {...control} value={type} onChange={(event) => setType(event.target.value as RelationType | "")}>
              <option value="">{t("picker.placeholder")}</option>
              {RELATION_TYPES.map((relationType) => (
                <option key={relationType} value={relationType}>
                  {t(`relationType.${relationType}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="relation-note" label={t("relations.note")} error={errorFor(errors, "note")}>
          {(control) => <input {...control} type="text" maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />}
        </Field>
      </div>
      <div className="check">
        <input id="relation-directed" type="checkbox" checked={directed} onChange={(event) => setDirected(event.target.checked)} />
        <label htmlFor="relation-directed">{t("relations.directed", { name: contact.name })}</label>
      </div>
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={add.isPending}>
          {t("relations.submit")}
        </button>
      </div>
    </form>
  );
}
