import { useTranslation } from "react-i18next";
import { useFormat } from "../ui/format";
import type { Cell } from "./queries";

export type Unit = "count" | "hours" | "percent";

/** A figure's text: the number in the user's locale, with its unit where it has one. */
export function useFigureText() {
  const { t } = useTranslation("statistics");
  const format = useFormat();
  return (cell: Cell, unit: Unit = "count"): string => {
    if (cell.suppressed) return t("figure.suppressed");
    if (cell.value === null) return t("figure.notApplicable");
    if (unit === "count") return format.number(cell.value);
    const value = format.number(cell.value, 1);
    return unit === "hours" ? t("figure.hours", { value }) : t("figure.percent", { value });
  };
}

/**
 * One figure of the statistics. A withheld figure says so in words and with a hatched mark,
 * never as 0; a figure that does not apply (a rate over nothing) says that.
 */
export function FigureValue({ cell, unit = "count" }: { cell: Cell; unit?: Unit }) {
  const { t } = useTranslation("statistics");
  const text = useFigureText();
  if (cell.suppressed) {
    return (
      <span className="figure-suppressed" title={t("figure.suppressedHint")}>
        <span className="hatch-swatch" aria-hidden="true" />
        {text(cell, unit)}
      </span>
    );
  }
  if (cell.value === null) return <span className="figure-none">{text(cell, unit)}</span>;
  return <span className="figure-value">{text(cell, unit)}</span>;
}
