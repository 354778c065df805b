import type { TFunction } from "i18next";
import type { Formatters } from "../ui/format";
import type { Series } from "./queries";

/** "all 5 modules" or "4 of 5 modules": what completing the series takes. */
export function ruleText(series: Series, t: TFunction<"trainings">): string {
  const count = series.modules.length;
  return series.completion_min_modules === null || series.modules_required >= count
    ? t("rule.all", { count })
    : t("rule.some", { required: series.modules_required, count });
}

export function periodText(series: Series, t: TFunction<"trainings">, format: Formatters): string {
  if (!series.first_day || !series.last_day) return t("noDates");
  return t("period", { from: format.date(series.first_day), to: format.date(series.last_day) });
}
