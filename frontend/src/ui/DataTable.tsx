import "./ui.css";
import { useId } from "react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** The cell that names the row (a `<th scope="row">`); usually the first or the title. */
  rowHeader?: boolean;
  className?: string;
}

interface DataTableProps<Row> {
  /** Names the table for assistive technology; `captionHidden` keeps it off screen. */
  caption: ReactNode;
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of an empty table. */
  empty?: ReactNode;
  /** A newer page is loading; the rows shown are the previous ones. */
  busy?: boolean;
}

/** A data table with real headers, scrollable sideways on narrow screens (also by keyboard). */
export function DataTable<Row>({
  caption,
  captionHidden,
  columns,
  rows,
  rowKey,
  empty,
  busy,
}: DataTableProps<Row>) {
  const { t } = useTranslation("ui");
  const captionId = useId();
  if (rows.length === 0) return <p className="empty">{empty ?? t("table.empty")}</p>;
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="data-table" aria-busy={busy || undefined}>
        <caption id={captionId} className={captionHidden ? "visually-hidden" : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.className}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row" className={column.className}>
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={column.className}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
