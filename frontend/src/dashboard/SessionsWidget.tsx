import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSeriesSchedule } from "../trainings/queries";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { Widget } from "./Widget";
import { upcomingSessions } from "./widgets";
import { paths } from "../paths";

/** The next session days of the municipality's qualification series (read only). */
export function SessionsWidget() {
  const { t } = useTranslation("dashboard");
  const format = useFormat();
  const series = useSeriesSchedule();
  const sessions = upcomingSessions(series.data?.items ?? [], today());
  return (
    <Widget
      id="dashboard-sessions"
      heading={t("sessions.heading")}
      link={{ to: paths.trainings.list, label: t("sessions.all") }}
      state={series}
      empty={sessions.length === 0}
      emptyText={t("sessions.empty")}
    >
      <ul className="widget-list">
        {sessions.map((session) => (
          <li key={session.sessionId}>
            <Link to={paths.trainings.series(session.seriesId)} className="widget-title">
              {session.moduleTitle}
            </Link>
            <span className="widget-meta">
              <time dateTime={session.day}>{format.date(session.day)}</time>
              <span>{t("sessions.time", { start: session.startsAt, end: session.endsAt })}</span>
              <span>{session.place ?? t("sessions.online")}</span>
            </span>
            <span className="widget-meta muted">{session.seriesTitle}</span>
          </li>
        ))}
      </ul>
    </Widget>
  );
}
