import "./ui.css";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/** Props a control inside a `Field` must carry to be labelled and described correctly. */
export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

interface FieldProps {
  /** Id of the control; the error summary links to it. */
  id: string;
  label: ReactNode;
  /** Shown under the label, linked to the control. */
  hint?: ReactNode;
  /** Shown under the control in the error style, linked to the control. */
  error?: string | null;
  required?: boolean;
  className?: string;
  /** A text with a maximum length: the field shows how much is used and what is too much. */
  length?: { value: string; max: number | undefined };
  children: (control: ControlProps) => ReactNode;
}

function describedBy(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}

function RequiredMark() {
  const { t } = useTranslation("ui");
  return (
    <span className="field-required">
      {" "}
      <span aria-hidden="true">*</span>
      <span className="visually-hidden">({t("required")})</span>
    </span>
  );
}

/**
 * How much of a limited text is used. Typing on past the limit is allowed (a cut-off paste
 * would lose text unseen); the excess is shown at once and the form refuses to send it.
 */
function LengthCounter({ id, value, max }: { id: string; value: string; max: number }) {
  const { t } = useTranslation("ui");
  const over = value.length - max;
  return (
    <p id={id} className={over > 0 ? "field-counter field-counter-over" : "field-counter"} aria-live="polite">
      {over > 0 ? t("counter.over", { over }) : t("counter.count", { count: value.length, max })}
    </p>
  );
}

/** A label, an optional hint, the control and its error, wired up for assistive technology. */
export function Field({ id, label, hint, error, required, className, length, children }: FieldProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const counterId = `${id}-counter`;
  const counted = length?.max !== undefined;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>
        {label}
        {required && <RequiredMark />}
      </label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children({
        id,
        "aria-describedby": describedBy(Boolean(hint) && hintId, counted && counterId, Boolean(error) && errorId),
        "aria-invalid": error ? true : undefined,
        "aria-required": required ? true : undefined,
      })}
      {length?.max !== undefined && <LengthCounter id={counterId} value={length.value} max={length.max} />}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

interface FieldGroupProps {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | null;
  required?: boolean;
  className?: string;
  children: ReactNode;
}

/** A group of checkboxes or radio buttons under one legend, with hint and error. */
export function FieldGroup({ id, legend, hint, error, required, className, children }: FieldGroupProps) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <fieldset
      id={id}
      className={className ? `field-group ${className}` : "field-group"}
      aria-describedby={describedBy(Boolean(hint) && hintId, Boolean(error) && errorId)}
      aria-invalid={error ? true : undefined}
      tabIndex={-1}
    >
      <legend>
        {legend}
        {required && <RequiredMark />}
      </legend>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
