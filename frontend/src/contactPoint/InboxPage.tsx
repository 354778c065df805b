import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { ApiError } from "../api/client";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { REQUEST_STATUSES, useRequestList } from "./queries";
import type { HelpRequest } from "./queries";
import "../ui/page.css";
import "./contactPoint.css";

export function StatusBadge({ request }: { request: HelpRequest }) {
  const { t } = useTranslation("contactPoint");
  const tone = request.status === "new" ? "warning" : request.status === "declined" ? "neutral" : "success";
  return <Badge tone={tone}>{t(`status.${request.status}`)}</Badge>;
}

function summary(text: string): string {
  return text.length > 90 ? `${text.slice(0, 89)}…` : text;
}

/** The inbox of requests for help, newest first, new ones by default. */
export default function InboxPage() {
  const { t } = useTranslation("contactPoint");
  const format = useFormat();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = REQUEST_STATUSES.find((s) => s === params.get("status")) ?? (params.has("status") ? "" : "new");
  const paging = useUrlCursor();
  const list = useRequestList(status, paging.cursor);
  useDocumentTitle(t("title"));

  const columns: Column<HelpRequest>[] = [
    {
      key: "reference",
      header: t("inbox.reference"),
      rowHeader: true,
      cell: (request) => <Link to={paths.requests.detail(request.id)}>{request.reference}</Link>,
    },
    { key: "received", header: t("inbox.received"), cell: (request) => format.dateTime(request.created_at) },
    { key: "summary", header: t("inbox.summary"), cell: (request) => summary(request.description) },
    { key: "urgency", header: t("inbox.urgency"), cell: (request) => t(`urgency.${request.urgency}`) },
    { key: "channel", header: t("inbox.channel"), cell: (request) => t(`channel.${request.channel}`) },
    { key: "status", header: t("inbox.status"), cell: (request) => <StatusBadge request={request} /> },
  ];

  const forbidden = list.error instanceof ApiError && list.error.status === 403;
  return (
    <div className="request-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("inbox.intro")}</p>
      {forbidden ? (
        <p className="notice notice-info">{t("inbox.forbidden")}</p>
      ) : (
        <>
          <div className="crisis-toolbar request-actions">
            <label htmlFor="request-status">{t("inbox.filterStatus")}</label>
            <select
              id="request-status"
              value={status}
              onChange={(event) => setParams({ status: event.target.value })}
            >
              <option value="">{t("inbox.all")}</option>
              {REQUEST_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
            {can(Permission.contactPageManage) && (
              <Link className="button" to={paths.requests.page}>
                {t("inbox.editPage")}
              </Link>
            )}
          </div>
          <PagedTable list={list} paging={paging} columns={columns} texts="contactPoint:inbox" />
        </>
      )}
    </div>
  );
}
