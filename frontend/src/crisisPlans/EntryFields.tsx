import { useTranslation } from "react-i18next";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { ContactPicker } from "../network";
import { Field } from "../ui/Field";
import { errorFor } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { maxOf } from "./checks";
import type { PlanContent } from "./model";
import { PersonPicker } from "./PersonPicker";
import { getPath, labelKey, setPath } from "./sections";
import type { FieldSpec } from "./sections";

type Entry = Record<string, unknown>;

/** The section an entry path belongs to (`content.roles.0` → roles), for its limits. */
function sectionOf(path: string): Parameters<typeof maxOf>[0] {
  const parts = path.split(".");
  if (parts[0] !== "content") return "frame";
  if (parts[1] === "communication") return parts[2] === "messages" ? "messages" : "communication";
  return parts[1] as Parameters<typeof maxOf>[0];
}

/** The control id of a field path (`content.roles.0.title`), as the error summary links to it. */
export function controlId(path: string): string {
  return `plan-${path.replace(/\./g, "-")}`;
}

interface EntryFieldsProps {
  entry: Entry;
  fields: readonly FieldSpec[];
  content: PlanContent;
  /** The entry's path in the request body, e.g. `content.roles.0`; "" for the frame. */
  path: string;
  /** Where the labels are: `field.<name>` unless told. */
  labels?: "field" | "frame";
  errors: FormErrors | null;
  onChange: (entry: Entry) => void;
}

/** The fields of one entry of a plan section, laid out in a grid. */
export function EntryFields({ entry, fields, content, path, labels = "field", errors, onChange }: EntryFieldsProps) {
  const { t } = useTranslation("crisisPlans");
  const { can } = useSession();
  const roles = content.roles ?? [];
  const scenarios = content.scenarios ?? [];
  const section = sectionOf(path);
  return (
    <div className="form-grid">
      {fields.map((field) => {
        const fieldPath = path ? `${path}.${field.name}` : field.name;
        const id = controlId(fieldPath);
        const value = getPath(entry, field.name);
        const set = (next: unknown) => onChange(setPath(entry, field.name, next));
        const text = value === null || value === undefined ? "" : String(value);
        const label = t(`${labels}.${labelKey(field.name)}` as "field.key");
        const choose = !field.required && <option value="">{t("choose")}</option>;
        if (field.kind === "user" || field.kind === "contact") {
          // A person linked to the role: picking one also prints their name where none is yet.
          const nameField = field.name.includes(".") ? `${field.name.split(".")[0]}.name` : null;
          const printed = nameField ? String(getPath(entry, nameField) ?? "") : "";
          const pick = (person: { id: string; name: string } | null) => {
            let next = setPath(entry, field.name, person?.id ?? null);
            if (person && nameField && !printed) next = setPath(next, nameField, person.name);
            onChange(next);
          };
          const error = errorFor(errors, fieldPath);
          if (field.kind === "contact") {
            if (!can(Permission.contactsRead)) return null;
            return (
              <div key={field.name} className="field-wide">
                <ContactPicker
                  id={id}
                  label={label}
                  value={text ? { id: text, name: printed || t("picker.linkedContact") } : null}
                  onChange={pick}
                  optional
                  error={error}
                />
              </div>
            );
          }
          return (
            <div key={field.name} className="field-wide">
              <PersonPicker id={id} label={label} value={text || null} fallbackName={printed || undefined} onChange={pick} error={error} />
            </div>
          );
        }
        const max = maxOf(section, field.name);
        return (
          <Field
            key={field.name}
            id={id}
            label={label}
            hint={field.name === "key" ? t("field.key_hint") : undefined}
            error={errorFor(errors, fieldPath)}
            required={field.required}
            className={field.wide ? "field-wide" : undefined}
            length={(field.kind === "text" || field.kind === "textarea") && max ? { value: text, max } : undefined}
          >
            {(control) => {
              switch (field.kind) {
                case "textarea":
                  return <textarea {...control} rows={3} value={text} onChange={(e) => set(e.target.value)} />;
                case "rating":
                case "level":
                  return (
                    <select {...control} value={text} onChange={(e) => set(Number(e.target.value))}>
                      {(field.kind === "rating" ? [1, 2, 3, 4, 5] : [0, 1, 2, 3]).map((n) => (
                        <option key={n} value={n}>
                          {field.kind === "level" ? t(`option.level.${n as 0}`) : n}
                        </option>
                      ))}
                    </select>
                  );
                case "number":
                  return (
                    <input
                      {...control}
                      type="number"
                      inputMode="numeric"
                      value={text}
                      onChange={(e) => set(e.target.value === "" ? "" : Number(e.target.value))}
                    />
                  );
                case "date":
                  return <input {...control} type="date" value={text} onChange={(e) => set(e.target.value)} />;
                case "select":
                  return (
                    <select {...control} value={text} onChange={(e) => set(e.target.value)}>
                      {choose}
                      {(field.options ?? []).map((option) => (
                        <option key={option} value={option}>
                          {t(`option.${field.group as "source"}.${option as "police"}`)}
                        </option>
                      ))}
                    </select>
                  );
                case "role":
                case "scenario":
                  return (
                    <select {...control} value={text} onChange={(e) => set(e.target.value)}>
                      {field.required ? !text && <option value="">{t("choose")}</option> : choose}
                      {(field.kind === "role" ? roles : scenarios).map((item) => (
                        <option key={item.key} value={item.key}>
                          {"title" in item ? item.title || item.key : item.hazard || item.key}
                        </option>
                      ))}
                    </select>
                  );
                default:
                  return <input {...control} value={text} onChange={(e) => set(e.target.value)} />;
              }
            }}
          </Field>
        );
      })}
    </div>
  );
}
