import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDuePlans } from "../crisisPlans/queries";
import { useFormat } from "../ui/format";
import { Widget } from "./Widget";
import { paths } from "../paths";

/** Adopted crisis-prevention plans whose review date has come, for coordinators. */
export function DuePlansWidget() {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const list = useDuePlans(true);
  const items = list.data?.items ?? [];
  return (
    <Widget
      id="dashboard-due-plans"
      heading={t("duePlans.heading")}
      link={{ to: paths.crisisPlans.list, label: t("duePlans.all") }}
      state={list}
      empty={items.length === 0}
      emptyText={t("duePlans.empty")}
    >
      <ul className="widget-list">
        {items.map((plan) => (
          <li key={plan.id}>
            <Link to={paths.crisisPlans.detail(plan.id)} className="widget-title">
              {plan.title}
            </Link>
            <span className="widget-meta">
              {plan.next_review_on && t("duePlans.since", { date: format.date(plan.next_review_on) })}
            </span>
          </li>
        ))}
      </ul>
    </Widget>
  );
}
