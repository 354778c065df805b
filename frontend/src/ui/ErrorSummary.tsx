import "./ui.css";
import { useEffect, useRef } from "react";
import type { MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { FormErrors } from "./problems";

interface ErrorSummaryProps {
  errors: FormErrors | null;
  /** The control id of a field path, for the links to the fields. */
  controlId: (path: string) => string;
  /** The field's label, for the link text; without one, the path is shown. */
  label?: (path: string) => ReactNode;
}

/**
 * The errors of a failed submit above the form: announced, focused, each linking to its field.
 * Field errors also appear next to their fields (see `Field`).
 */
export function ErrorSummary({ errors, controlId, label }: ErrorSummaryProps) {
  const { t } = useTranslation("ui");
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (errors) ref.current?.focus();
  }, [errors]);

  if (!errors) return null;

  function jump(event: MouseEvent<HTMLAnchorElement>, path: string) {
    event.preventDefault();
    const target = document.getElementById(controlId(path));
    target?.focus();
    target?.scrollIntoView({ block: "center" });
  }

  return (
    <div ref={ref} className="notice notice-error error-summary" role="alert" tabIndex={-1}>
      {errors.fields.length > 0 && <p className="error-summary-title">{t("errors.summary")}</p>}
      {errors.general && <p>{errors.general}</p>}
      {errors.fields.length > 0 && (
        <ul>
          {errors.fields.map((entry) => (
            <li key={`${entry.path}:${entry.message}`}>
              <a href={`#${controlId(entry.path)}`} onClick={(event) => jump(event, entry.path)}>
                {label ? label(entry.path) : entry.path}: {entry.message}
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
