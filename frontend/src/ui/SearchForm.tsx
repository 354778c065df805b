import { useEffect, useRef, useState } from "react";
import type { FormEvent, ReactNode } from "react";
import "./ui.css";

/** How long typing pauses before a live search starts. */
const LIVE_SEARCH_DELAY_MS = 400;

interface SearchFormProps<T> {
  /** Names the search landmark. */
  label: string;
  /** What the list shows now (from the address); the form edits a copy until it is applied. */
  applied: T;
  onApply: (next: T) => void;
  submitLabel: string;
  /** A second button that applies these values (no filters). */
  reset?: { label: string; to: T };
  /** Checked before applying; `false` keeps the form as it is (the caller shows why). */
  validate?: (draft: T) => boolean;
  /** Search as the user types: apply once typing pauses. */
  live?: boolean;
  /** `search-form`: one search box with its button beside it; `filter-bar`: several fields. */
  variant?: "search-form" | "filter-bar";
  /** The fields, given the values being edited and how to change them. */
  children: (draft: T, change: (next: T) => void) => ReactNode;
}

/** Spaces around search words do not make another search. */
function same<T>(a: T, b: T): boolean {
  const trimmed = (_key: string, value: unknown) => (typeof value === "string" ? value.trim() : value);
  return JSON.stringify(a, trimmed) === JSON.stringify(b, trimmed);
}

/**
 * A list page's search: a search landmark whose fields edit a copy of the applied filters, applied
 * on submit (and, when `live`, once typing pauses); a change of the address from outside
 * (back button, a link) shows up in the fields.
 */
export function SearchForm<T>(props: SearchFormProps<T>) {
  const { label, applied, onApply, submitLabel, reset, validate, live = false, variant = "filter-bar", children } = props;
  const appliedKey = JSON.stringify(applied);
  const [draft, setDraft] = useState(applied);
  const [shownKey, setShownKey] = useState(appliedKey);
  if (shownKey !== appliedKey) {
    setShownKey(appliedKey);
    setDraft(applied);
  }

  // The pending live search applies against the filters as they are when it fires.
  const latest = useRef({ applied, onApply });
  useEffect(() => {
    latest.current = { applied, onApply };
  });
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);

  function change(next: T) {
    setDraft(next);
    if (!live) return;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      if (!same(next, latest.current.applied)) latest.current.onApply(next);
    }, LIVE_SEARCH_DELAY_MS);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    window.clearTimeout(timer.current);
    if (!validate || validate(draft)) onApply(draft);
  }

  const primary = variant === "filter-bar";
  return (
    <form className={variant} role="search" aria-label={label} onSubmit={submit} noValidate>
      {children(draft, change)}
      <div className="button-row">
        <button type="submit" className={`button ${primary ? "button-primary" : "button-secondary"}`}>
          {submitLabel}
        </button>
        {reset && (
          <button type="button" className="button button-secondary" onClick={() => onApply(reset.to)}>
            {reset.label}
          </button>
        )}
      </div>
    </form>
  );
}
