import { useId } from "react";
import { useTranslation } from "react-i18next";
import { FigureValue } from "../statistics";
import type { HeatTable as HeatTableData } from "./queries";

interface HeatTableProps {
  caption: string;
  table: HeatTableData;
  rowHeader: string;
  rowLabel: (key: string, label: string) => string;
  columnLabel: (key: string) => string;
}

/** The share of the largest cell, as one of five shades; withheld cells are hatched. */
function shade(value: number | null | undefined, largest: number): number {
  if (!value || largest === 0) return 0;
  return Math.max(1, Math.ceil((value / largest) * 4));
}

/**
 * A heat table (places × topics): a real table whose cells are shaded by their count and
 * name the highest stage, so the colours add to the numbers and never replace them.
 * Rows and columns without any case are left out.
 */
export function HeatTable({ caption, table, rowHeader, rowLabel, columnLabel }: HeatTableProps) {
  const { t } = useTranslation("district");
  const captionId = useId();
  const used = table.columns.map((_, index) =>
    table.rows.some((row) => {
      const cell = row.cells[index];
      return cell !== undefined && (cell.cases.suppressed || (cell.cases.value ?? 0) > 0);
    }),
  );
  const columns = table.columns.filter((_, index) => used[index]);
  const rows = table.rows.filter((row) => row.cells.some((c) => c.cases.suppressed || (c.cases.value ?? 0) > 0));
  const largest = Math.max(0, ...rows.flatMap((row) => row.cells.map((c) => c.cases.value ?? 0)));
  return (
    <div className="district-table">
      <h3 id={captionId}>{caption}</h3>
      <p>{t("figures.heatIntro")}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("figures.none")}</p>
      ) : (
        <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
          <table className="data-table heat-table">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                {columns.map((column) => (
                  <th key={column.key} scope="col" className="numeric">
                    {columnLabel(column.key)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{rowLabel(row.key, row.label)}</th>
                  {row.cells
                    .filter((_, index) => used[index])
                    .map((cell) => (
                      <td
                        key={cell.column}
                        className={`numeric heat-${cell.cases.suppressed ? "hidden" : shade(cell.cases.value, largest)}`}
                      >
                        <FigureValue cell={cell.cases} />
                        {!cell.cases.suppressed && (cell.cases.value ?? 0) > 0 && cell.highest_stage.value !== null && (
                          <span className="heat-stage">
                            {t("figures.stageUpTo", { stage: cell.highest_stage.value })}
                          </span>
                        )}
                      </td>
                    ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
