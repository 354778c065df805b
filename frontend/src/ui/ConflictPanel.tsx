import "./ui.css";
import { useEffect, useId, useRef } from "react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { EditConflict } from "./conflict";

interface ConflictPanelProps {
  conflict: EditConflict;
  /** The field's label as the form shows it. */
  label: (field: string) => ReactNode;
  /** A value as the user would read it. */
  show: (field: string, value: unknown) => ReactNode;
  onReapply: () => void;
  onDiscard: () => void;
}

/**
 * Shown when a save was refused as stale (412): the user's changes next to the version saved
 * now, and the choice to carry the changes over to that version or to drop them.
 */
export function ConflictPanel({ conflict, label, show, onReapply, onDiscard }: ConflictPanelProps) {
  const { t } = useTranslation("ui");
  const headingId = useId();
  const ref = useRef<HTMLElement>(null);

  useEffect(() => {
    ref.current?.focus();
  }, [conflict]);

  return (
    <section ref={ref} className="conflict-panel" aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>{t("conflict.title")}</h2>
      <p>{t("conflict.intro")}</p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("conflict.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("conflict.field")}</th>
              <th scope="col">{t("conflict.base")}</th>
              <th scope="col">{t("conflict.mine")}</th>
              <th scope="col">{t("conflict.theirs")}</th>
            </tr>
          </thead>
          <tbody>
            {conflict.edited.map((row) => (
              <tr key={row.field} className={row.theirsChanged ? "conflict-row-clash" : undefined}>
                <th scope="row">
                  {label(row.field)}
                  {row.theirsChanged && <span className="conflict-flag"> ({t("conflict.changedByOther")})</span>}
                </th>
                <td>{show(row.field, row.base)}</td>
                <td>{show(row.field, row.mine)}</td>
                <td>{show(row.field, row.theirs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {conflict.otherChanges.length > 0 && (
        <>
          <p>{t("conflict.otherChanges")}</p>
          <ul>
            {conflict.otherChanges.map((row) => (
              <li key={row.field}>
                {label(row.field)}: {show(row.field, row.base)} → {show(row.field, row.theirs)}
              </li>
            ))}
          </ul>
        </>
      )}
      <div className="button-row">
        <button type="button" className="button button-primary" onClick={onReapply}>
          {t("conflict.reapply")}
        </button>
        <button type="button" className="button button-secondary" onClick={onDiscard}>
          {t("conflict.discard")}
        </button>
      </div>
    </section>
  );
}
