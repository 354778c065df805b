import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { SearchSelect } from "../ui/SearchSelect";
import { usePeople } from "./queries";

export interface PickedPerson {
  id: string;
  name: string;
}

interface PersonPickerProps {
  /** Id of the select; the search field gets `<id>-search`. */
  id: string;
  label: string;
  /** The chosen user's id. */
  value: string | null;
  onChange: (person: PickedPerson | null) => void;
  /** How to name the chosen user while they are not among the users found. */
  fallbackName?: string;
  /** Only those who may own a real plan (coordinators and conflict managers). */
  mayOwn?: boolean;
  required?: boolean;
  error?: string | null;
}

/** Finds a user of the municipality by name (see `SearchSelect`). */
export function PersonPicker({ id, label, value, onChange, fallbackName, mayOwn = false, required, error }: PersonPickerProps) {
  const { t } = useTranslation("crisisPlans");
  const [term, setTerm] = useState("");
  const search = useDeferredValue(term.trim());
  const query = usePeople(search, mayOwn, true);
  // The municipality's first users (no search), to name the chosen one.
  const known = usePeople("", mayOwn, Boolean(value));
  const found = (query.data?.items ?? []).map((person) => ({ id: person.id, name: person.full_name }));
  const chosenName = known.data?.items.find((person) => person.id === value)?.full_name;
  const chosen = value ? [{ id: value, name: chosenName ?? fallbackName ?? t("picker.linkedUser") }] : [];
  const choices = [...chosen, ...found.filter((person) => person.id !== value)];

  return (
    <SearchSelect
      id={id}
      searchLabel={t("picker.search", { label })}
      searchHint={t("picker.searchHint")}
      selectLabel={label}
      term={term}
      onTerm={setTerm}
      status={search && query.data ? (found.length ? t("picker.matches", { count: found.length }) : t("picker.noMatch")) : ""}
      choices={choices}
      value={value}
      placeholder={required ? t("choose") : t("picker.none")}
      onChange={onChange}
      required={required}
      error={error}
    />
  );
}
