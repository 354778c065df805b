import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { sessionClient, unwrap } from "../api/client";
import { today, useFormat } from "../ui/format";
import { Widget } from "./Widget";
import { WIDGET_SIZE } from "./widgets";

/** The latest consultations the user may see (planned ones after today are left out). */
export function ConsultationsWidget() {
  const { t } = useTranslation("dashboard");
  const { t: tConsultations } = useTranslation("consultations");
  const format = useFormat();
  const list = useQuery({
    queryKey: ["consultations", "list", "dashboard"],
    queryFn: () =>
      unwrap(
        sessionClient().api.GET("/api/v1/consultations", {
          params: { query: { sort: "-started_at", date_to: today(), limit: WIDGET_SIZE } },
        }),
      ),
  });
  const items = list.data?.items ?? [];
  return (
    <Widget
      id="dashboard-consultations"
      heading={t("consultations.heading")}
      link={{ to: "/consultations", label: t("consultations.all") }}
      state={list}
      empty={items.length === 0}
      emptyText={t("consultations.empty")}
    >
      <ul className="widget-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={`/consultations/${item.id}`} className="widget-title">
              {tConsultations(`kind.${item.kind}`)}, <time dateTime={item.started_at}>{format.dateTime(item.started_at)}</time>
            </Link>
            {item.summary && <span className="widget-summary">{item.summary}</span>}
          </li>
        ))}
      </ul>
    </Widget>
  );
}
