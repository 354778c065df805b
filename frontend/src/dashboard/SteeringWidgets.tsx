import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSteeringOverview } from "../steering/queries";
import { useFormat } from "../ui/format";
import { today as localToday } from "../ui/calendar";
import { Widget } from "./Widget";
import { paths } from "../paths";

/** The steering group's next meeting and the open action items of its meetings. */
export function SteeringWidgets() {
  const { t } = useTranslation("steering");
  const format = useFormat();
  const overview = useSteeringOverview();
  const next = overview.data?.next_meeting;
  const actions = overview.data?.open_action_items ?? [];
  const today = localToday();
  return (
    <>
      <Widget
        id="dashboard-next-meeting"
        heading={t("dashboard.nextHeading")}
        link={{ to: paths.steering.list, label: t("dashboard.all") }}
        state={overview}
        empty={!next}
        emptyText={t("dashboard.noMeeting")}
      >
        {next && (
          <p>
            <Link to={paths.steering.meeting(next.id)} className="widget-title">
              {next.title}
            </Link>
            <span className="widget-meta">
              {" "}
              {format.dateTime(next.starts_at)}
              {next.place ? ` · ${next.place}` : ""}
            </span>
          </p>
        )}
      </Widget>
      <Widget
        id="dashboard-action-items"
        heading={t("dashboard.actionsHeading", { count: overview.data?.open_action_items_total ?? 0 })}
        state={overview}
        empty={actions.length === 0}
        emptyText={t("dashboard.noActions")}
      >
        <ul className="widget-list">
          {actions.map((action) => (
            <li key={action.task_id} className={action.due_on < today ? "overdue" : undefined}>
              <Link to={paths.steering.meeting(action.meeting_id)} className="widget-title">
                {action.title}
              </Link>
              <span className="widget-meta">
                {t("actions.line", { owner: action.owner_name, date: format.date(action.due_on) })}
              </span>
            </li>
          ))}
        </ul>
      </Widget>
    </>
  );
}
