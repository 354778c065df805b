import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
import type { ContactKind } from "./model";
import { useContacts } from "./queries";

export interface PickedContact {
  id: string;
  name: string;
}

interface ContactPickerProps {
  /** Id of the select; the search field gets `<id>-search`. */
  id: string;
  label: string;
  value: PickedContact | null;
  onChange: (contact: PickedContact | null) => void;
  /** Only contacts of this kind (e.g. organisations for membership). */
  kind?: ContactKind;
  /** A contact not to offer (the contact itself). */
  exclude?: string;
  /** Offer "none" as a choice. */
  optional?: boolean;
  required?: boolean;
  error?: string | null;
}

/**
 * Finds a contact by name: a search field narrows the choices of a plain select, which works
 * the same with keyboard, mouse and screen reader.
 */
export function ContactPicker({ id, label, value, onChange, kind, exclude, optional, required, error }: ContactPickerProps) {
  const { t } = useTranslation("network");
  const [term, setTerm] = useState("");
  const search = useDeferredValue(term.trim());
  const enabled = search.length >= 2;
  const query = useContacts({ q: search, limit: 20, ...(kind ? { kind } : {}) }, enabled);

  const found = enabled ? (query.data?.items ?? []).filter((contact) => contact.id !== exclude) : [];
  const choices = [...(value ? [value] : []), ...found.filter((contact) => contact.id !== value?.id)];

  return (
    <div className="picker">
      <Field id={`${id}-search`} label={t("picker.search", { label })} hint={t("picker.searchHint")}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={term}
            maxLength={100}
            autoComplete="off"
            onChange={(event) => setTerm(event.target.value)}
          />
        )}
      </Field>
      <p className="visually-hidden" role="status">
        {enabled && query.data ? (found.length ? t("picker.matches", { count: found.length }) : t("picker.noMatch")) : ""}
      </p>
      <Field id={id} label={t("picker.choose", { label })} error={error} required={required}>
        {(control) => (
          <select
            {...control}
            value={value?.id ?? ""}
            onChange={(event) => {
              const chosen = choices.find((contact) => contact.id === event.target.value);
              onChange(chosen ? { id: chosen.id, name: chosen.name } : null);
            }}
          >
            <option value="">{optional ? t("picker.none") : t("picker.placeholder")}</option>
            {choices.map((contact) => (
              <option key={contact.id} value={contact.id}>
                {contact.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
