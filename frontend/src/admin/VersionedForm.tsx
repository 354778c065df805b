import { useState } from "react";
import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/SessionContext";
import { ConflictPanel } from "../ui/ConflictPanel";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FormActions } from "../ui/FormActions";
import { Field } from "../ui/Field";
import type { ControlProps } from "../ui/Field";
import { editedFields } from "../ui/conflict";
import type { Values } from "../ui/conflict";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { useVersionedEdit } from "../ui/useVersionedEdit";

export interface FieldSpec<V> {
  name: keyof V & string;
  label: string;
  hint?: string;
  required?: boolean;
  /** A checkbox: label after the control. */
  checkbox?: boolean;
  /** The value as a reader says it, in the comparison after a stale save. */
  show?: (value: unknown) => ReactNode;
  render: (control: ControlProps, values: V, set: (patch: Partial<V>) => void) => ReactNode;
}

interface VersionedFormProps<R, V> {
  record: R & { version: number };
  draftName: string;
  valuesOf: (record: R) => V;
  fields: FieldSpec<V>[];
  fetchCurrent: () => Promise<R & { version: number }>;
  /** Control ids are `<idPrefix>-<field>`. */
  idPrefix: string;
  /** Saves the changed fields against `version` (If-Match). */
  save: (changes: Partial<V>, version: number) => Promise<R>;
  savedMessage: string;
  cancelTo: string;
  /** A field outside the versioned values (e.g. a new password), with its API error. */
  extra?: (error: string | undefined) => ReactNode;
  /** The API's name of that field. */
  extraField?: string;
}

/**
 * The edit form of a simple record of the administration: the fields given, sent as the
 * changes against the version read (If-Match), kept as a draft, and compared after a stale save.
 */
export function VersionedForm<R, V extends Values>({
  record,
  draftName,
  valuesOf,
  fields,
  fetchCurrent,
  idPrefix,
  save,
  savedMessage,
  cancelTo,
  extra,
  extraField,
}: VersionedFormProps<R, V>) {
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const names = fields.map((field) => field.name);
  const edit = useVersionedEdit<R & { version: number }, V>({
    userId: user?.id ?? "",
    draftName,
    initial: () => ({ base: valuesOf(record), values: valuesOf(record), version: record.version }),
    valuesOf,
    versionOf: (current) => current.version,
    fields: names,
    fetchCurrent,
  });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const set = (patch: Partial<V>) => edit.setValues({ ...edit.values, ...patch });
  const spec = (name: string) => fields.find((field) => field.name === name);
  const controlId = (name: string) => `${idPrefix}-${name}`;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    setNotice(null);
    try {
      const saved = await edit.submit(({ base, values, version }) => {
        const changes = Object.fromEntries(editedFields(base, values, names).map((name) => [name, values[name]]));
        return save(changes as Partial<V>, version);
      });
      if (saved) {
        edit.takeSaved(saved as R & { version: number });
        setNotice(savedMessage);
      }
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form form-panel" onSubmit={onSubmit} noValidate aria-busy={saving}>
      {edit.restored && <DraftNotice savedAt={edit.restored.savedAt} onDiscard={edit.discardDraft} />}
      <div role="status">{notice && <p className="notice notice-info">{notice}</p>}</div>
      {edit.conflict && (
        <ConflictPanel
          conflict={edit.conflict}
          label={(name) => spec(name)?.label ?? name}
          show={(name, value) => spec(name)?.show?.(value) ?? (value === "" || value === null ? tUi("none") : String(value))}
          onReapply={() => {
            edit.reapplyMine();
            setNotice(tUi("conflict.reapplied"));
          }}
          onDiscard={edit.takeTheirs}
        />
      )}
      <ErrorSummary errors={errors} controlId={controlId} label={(path) => spec(path)?.label ?? path} />
      <div className="form-grid">
        <SpecFields fields={fields} values={edit.values} set={set} controlId={controlId} errors={errors} />
        {extra?.(extraField ? errorFor(errors, extraField) : undefined)}
      </div>
      <FormActions saving={saving} cancelTo={cancelTo} disabled={edit.conflict !== null} />
    </form>
  );
}

interface SpecFieldsProps<V> {
  fields: FieldSpec<V>[];
  values: V;
  set: (patch: Partial<V>) => void;
  controlId: (name: string) => string;
  errors: FormErrors | null;
}

/** The fields as their specs say, each with its API error; checkboxes with the label after. */
export function SpecFields<V>({ fields, values, set, controlId, errors }: SpecFieldsProps<V>) {
  return (
    <>
      {fields.map((field) =>
        field.checkbox ? (
          <div key={field.name} className="check field-wide">
            {field.render({ id: controlId(field.name) }, values, set)}
            <label htmlFor={controlId(field.name)}>{field.label}</label>
          </div>
        ) : (
          <Field
            key={field.name}
            id={controlId(field.name)}
            label={field.label}
            hint={field.hint}
            required={field.required}
            error={errorFor(errors, field.name)}
          >
            {(control) => field.render(control, values, set)}
          </Field>
        ),
      )}
    </>
  );
}
