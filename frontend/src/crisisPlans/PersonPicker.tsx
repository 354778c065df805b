import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import { Field } from "../ui/Field";
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

/**
 * Finds a user of the municipality by name: a search field narrows the choices of a plain
 * select (as the contact picker does), usable with keyboard, mouse and screen reader.
 */
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
        {search && query.data ? (found.length ? t("picker.matches", { count: found.length }) : t("picker.noMatch")) : ""}
      </p>
      <Field id={id} label={label} error={error} required={required}>
        {(control) => (
          <select
            {...control}
            value={value ?? ""}
            onChange={(event) => {
              const chosen = choices.find((person) => person.id === event.target.value);
              onChange(chosen ?? null);
            }}
          >
            <option value="">{required ? t("choose") : t("picker.none")}</option>
            {choices.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
