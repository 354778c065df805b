import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useConsultationList } from "../consultations/queries";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { Widget } from "./Widget";
import { WIDGET_SIZE } from "./widgets";
import { paths } from "../paths";

/** The latest consultations the user may see (planned ones after today are left out). */
export function ConsultationsWidget() {
  const { t } = useTranslation("dashboard");
  const { t: tConsultations } = useTranslation("consultations");
  const format = useFormat();
  const list = useConsultationList({ sort: "-started_at", date_to: today(), limit: WIDGET_SIZE });
  const items = list.data?.items ?? [];
  return (
    <Widget
      id="dashboard-consultations"
      heading={t("consultations.heading")}
      link={{ to: paths.consultations.list, label: t("consultations.all") }}
      state={list}
      empty={items.length === 0}
      emptyText={t("consultations.empty")}
    >
      <ul className="widget-list">
        {items.map((item) => (
          <li key={item.id}>
            <Link to={paths.consultations.detail(item.id)} className="widget-title">
              {tConsultations(`kind.${item.kind}`)}, <time dateTime={item.started_at}>{format.dateTime(item.started_at)}</time>
            </Link>
            {item.summary && <span className="widget-summary">{item.summary}</span>}
          </li>
        ))}
      </ul>
    </Widget>
  );
}
