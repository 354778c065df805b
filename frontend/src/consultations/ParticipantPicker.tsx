import { useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { FieldGroup } from "../ui/Field";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import type { ContactRef } from "./model";
import { useContactSearch } from "./queries";

interface ParticipantPickerProps {
  id: string;
  value: ContactRef[];
  onChange: (participants: ContactRef[]) => void;
  error?: string;
}

/** Network contacts who took part: search by name, add, remove. Buttons only, no combobox. */
export function ParticipantPicker({ id, value, onChange, error }: ParticipantPickerProps) {
  const { t } = useTranslation("consultations");
  const [search, setSearch] = useState("");
  const term = useDebouncedValue(search, 250);
  const results = useContactSearch(term);
  const searchId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const chosen = new Set(value.map((participant) => participant.id));
  const offered = (results.data?.items ?? []).filter((contact) => !chosen.has(contact.id));

  return (
    <FieldGroup id={id} legend={t("field.participants")} error={error}>
      {value.length > 0 && (
        <>
          <p className="picker-label">{t("form.participantsChosen")}</p>
          <ul className="chip-list">
            {value.map((participant) => (
              <li key={participant.id} className="chip">
                {participant.name}
                <button
                  type="button"
                  className="chip-remove"
                  aria-label={t("form.participantRemove", { name: participant.name })}
                  onClick={() => {
                    onChange(value.filter((item) => item.id !== participant.id));
                    input.current?.focus();
                  }}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="field">
        <label htmlFor={searchId}>{t("form.participantSearch")}</label>
        <p id={hintId} className="field-hint">
          {t("form.participantSearchHint")}
        </p>
        <input
          id={searchId}
          ref={input}
          type="search"
          autoComplete="off"
          aria-describedby={hintId}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <div aria-live="polite">
        {term.trim().length >= 2 && results.isSuccess && offered.length === 0 && (
          <p className="muted">{t("form.participantNone")}</p>
        )}
        {offered.length > 0 && (
          <ul className="picker-results">
            {offered.map((contact) => (
              <li key={contact.id}>
                <button
                  type="button"
                  className="button-link"
                  onClick={() => {
                    onChange([
                      ...value,
                      { id: contact.id, name: contact.name, kind: contact.kind, actor_group: contact.actor_group },
                    ]);
                    setSearch("");
                    input.current?.focus();
                  }}
                >
                  {t("form.participantAdd", { name: contact.name })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </FieldGroup>
  );
}
