import { useTranslation } from "react-i18next";
import { useTaskSummary } from "../tasks/queries";
import { Widget } from "./Widget";
import { paths } from "../paths";

/** The count of one's overdue tasks (and, for coordinators, of the whole municipality). */
export function TasksWidget() {
  const { t } = useTranslation("tasks");
  const summary = useTaskSummary(true);
  const mine = summary.data?.mine;
  const all = summary.data?.municipality_overdue;
  const empty = !mine || (mine.overdue === 0 && mine.today === 0 && !all);
  return (
    <Widget
      id="dashboard-tasks"
      heading={t("dashboard.heading")}
      link={{ to: paths.tasks.mine, label: t("dashboard.all") }}
      state={summary}
      empty={empty}
      emptyText={t("dashboard.empty")}
    >
      <ul className="widget-list">
        {mine && mine.overdue > 0 && (
          <li className="overdue" data-testid="tasks-overdue">
            {t("dashboard.overdue", { count: mine.overdue })}
          </li>
        )}
        {mine && mine.today > 0 && <li>{t("dashboard.today", { count: mine.today })}</li>}
        {all != null && all > 0 && <li>{t("dashboard.municipality", { count: all })}</li>}
      </ul>
    </Widget>
  );
}
