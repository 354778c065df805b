import { useTranslation } from "react-i18next";
import { Widget } from "./Widget";
import { paths } from "../paths";
import { useRequestCounts } from "../contactPoint/queries";

/** How many requests for help wait for an answer (coordination and named conflict managers). */
export function RequestsWidget() {
  const { t } = useTranslation("contactPoint");
  const counts = useRequestCounts(true);
  // A conflict manager the coordination has not named sees no inbox, and no widget.
  if (counts.isError) return null;
  const fresh = counts.data?.new ?? 0;
  return (
    <Widget
      id="dashboard-requests"
      heading={t("dashboard.heading")}
      link={{ to: paths.requests.list, label: t("dashboard.all") }}
      state={counts}
      empty={fresh === 0}
      emptyText={t("dashboard.none")}
    >
      <p className="widget-count">{t("dashboard.count", { count: fresh })}</p>
    </Widget>
  );
}
