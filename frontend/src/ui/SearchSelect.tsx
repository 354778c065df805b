import { Field } from "./Field";

export interface Choice {
  id: string;
  name: string;
}

interface SearchSelectProps {
  /** Id of the select; the search field gets `<id>-search`. */
  id: string;
  searchLabel: string;
  searchHint: string;
  selectLabel: string;
  term: string;
  onTerm: (term: string) => void;
  /** Announced to screen readers: how many were found, or nothing. */
  status: string;
  /** The chosen one first (if any), then what the search found. */
  choices: readonly Choice[];
  value: string | null;
  /** The empty choice's text. */
  placeholder: string;
  onChange: (choice: Choice | null) => void;
  required?: boolean;
  error?: string | null;
}

/**
 * Finds one record by name: a search field narrows the choices of a plain select, which
 * works the same with keyboard, mouse and screen reader.
 */
export function SearchSelect(props: SearchSelectProps) {
  const { id, searchLabel, searchHint, selectLabel, term, onTerm, status, choices, value, placeholder, onChange, required, error } =
    props;
  return (
    <div className="picker">
      <Field id={`${id}-search`} label={searchLabel} hint={searchHint}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={term}
            maxLength={100}
            autoComplete="off"
            onChange={(event) => onTerm(event.target.value)}
          />
        )}
      </Field>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <Field id={id} label={selectLabel} error={error} required={required}>
        {(control) => (
          <select
            {...control}
            value={value ?? ""}
            onChange={(event) => onChange(choices.find((choice) => choice.id === event.target.value) ?? null)}
          >
            <option value="">{placeholder}</option>
            {choices.map((choice) => (
              <option key={choice.id} value={choice.id}>
                {choice.name}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
