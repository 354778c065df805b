import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { SearchSelect } from "../ui/SearchSelect";
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

/** Finds a contact by name (see `SearchSelect`). */
export function ContactPicker({ id, label, value, onChange, kind, exclude, optional, required, error }: ContactPickerProps) {
  const { t } = useTranslation("network");
  const [term, setTerm] = useState("");
  const search = useDeferredValue(term.trim());
  const enabled = search.length >= 2;
  const query = useContacts({ q: search, limit: 20, ...(kind ? { kind } : {}) }, enabled);

  const found = enabled ? (query.data?.items ?? []).filter((contact) => contact.id !== exclude) : [];
  const choices = [...(value ? [value] : []), ...found.filter((contact) => contact.id !== value?.id)];

  return (
    <SearchSelect
      id={id}
      searchLabel={t("picker.search", { label })}
      searchHint={t("picker.searchHint")}
      selectLabel={t("picker.choose", { label })}
      term={term}
      onTerm={setTerm}
      status={enabled && query.data ? (found.length ? t("picker.matches", { count: found.length }) : t("picker.noMatch")) : ""}
      choices={choices.map((contact) => ({ id: contact.id, name: contact.name }))}
      value={value?.id ?? null}
      placeholder={optional ? t("picker.none") : t("picker.placeholder")}
      onChange={onChange}
      required={required}
      error={error}
    />
  );
}
