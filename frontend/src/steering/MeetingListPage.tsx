import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { useUrlCursor } from "../ui/cursor";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { FlashNotice } from "../ui/Flash";
import { PagedTable } from "../ui/PagedTable";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { MeetingDialog } from "./MeetingDialog";
import { clockTime, meetingBadge, whereOf } from "./model";
import { useMeetings, useMembers } from "./queries";
import type { MeetingListItem } from "./queries";
import "../ui/page.css";
import "./steering.css";

/** The steering group: its planned and past meetings and its members. */
export default function MeetingListPage() {
  const { t } = useTranslation("steering");
  const { t: tApp } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { can } = useSession();
  const coordinator = can(Permission.steeringWrite);
  const paging = useUrlCursor();
  const upcoming = useMeetings("upcoming", null);
  const past = useMeetings("past", paging.cursor);
  const members = useMembers();
  const [planning, setPlanning] = useState(false);
  useDocumentTitle(t("title"));

  const columns: Column<MeetingListItem>[] = [
    {
      key: "when",
      header: t("columns.when"),
      cell: (m) =>
        t("timeRange", {
          date: format.date(m.starts_at),
          start: clockTime(m.starts_at, format.locale),
          end: clockTime(m.ends_at, format.locale),
        }),
    },
    {
      key: "title",
      header: t("columns.title"),
      rowHeader: true,
      cell: (m) => <Link to={paths.steering.meeting(m.id)}>{m.title}</Link>,
    },
    { key: "place", header: t("columns.place"), cell: (m) => whereOf(m, t("online")) },
    {
      key: "minutes",
      header: t("columns.minutes"),
      cell: (m) => {
        const badge = meetingBadge(m);
        return <Badge tone={badge.tone}>{t(badge.label)}</Badge>;
      },
    },
  ];

  return (
    <div className="steering-page">
      <div className="page-heading">
        <h1>{t("title")}</h1>
        {coordinator && (
          <button type="button" className="button button-primary" onClick={() => setPlanning(true)}>
            {t("plan")}
          </button>
        )}
      </div>
      <p className="lead">{t("intro")}</p>
      <FlashNotice />

      <section aria-labelledby="steering-upcoming">
        <h2 id="steering-upcoming">{t("upcoming.heading")}</h2>
        <QueryStatus query={upcoming} />
        {upcoming.data && (
          <DataTable
            caption={t("upcoming.caption")}
            captionHidden
            columns={columns}
            rows={upcoming.data.items}
            rowKey={(m) => m.id}
            empty={t("upcoming.empty")}
          />
        )}
      </section>

      <section aria-labelledby="steering-past">
        <h2 id="steering-past">{t("past.heading")}</h2>
        <PagedTable list={past} paging={paging} columns={columns} texts="steering:past" />
      </section>

      <section className="panel" aria-labelledby="steering-members">
        <h2 id="steering-members">{t("members.heading")}</h2>
        <p className="muted">{t("members.intro")}</p>
        <QueryStatus query={members} />
        {members.data && members.data.length === 0 && <p className="empty">{t("members.empty")}</p>}
        {members.data && members.data.length > 0 && (
          <ul className="steering-members">
            {members.data.map((member) => (
              <li key={`${member.kind}:${member.id}`}>
                <span className="steering-member-name">{member.name}</span>
                <span className="muted">
                  {member.kind === "user"
                    ? tApp(`roles.${member.role as "steering_group"}`)
                    : [member.position, member.organisation, t("members.external")].filter(Boolean).join(", ")}
                  {!member.has_email && ` · ${t("members.noEmail")}`}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {planning && (
        <MeetingDialog
          meeting={null}
          onClose={() => setPlanning(false)}
          onSaved={(meeting) => navigate(paths.steering.meeting(meeting.id))}
        />
      )}
    </div>
  );
}
