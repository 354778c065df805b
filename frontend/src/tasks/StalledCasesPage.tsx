import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { useFormat } from "../ui/format";
import type { CaseStatus } from "../cases";
import { paths } from "../paths";
import { useStalledCases } from "./queries";
import type { StalledCase } from "./queries";
import "../ui/page.css";
import "./tasks.css";

export const DEFAULT_INACTIVE_DAYS = 30;

/** Cases not closed on which nothing has happened for a number of days, for coordinators. */
export default function StalledCasesPage() {
  const { t } = useTranslation("tasks");
  const { t: tCases } = useTranslation("cases");
  const format = useFormat();
  const [days, setDays] = useState(DEFAULT_INACTIVE_DAYS);
  const paging = useUrlCursor();
  const query = useStalledCases(days, paging.cursor);
  useDocumentTitle(t("stalled.title"));

  const columns: Column<StalledCase>[] = [
    {
      key: "reference",
      header: t("stalled.case"),
      rowHeader: true,
      cell: (item) => <Link to={paths.cases.detail(item.id)}>{`${item.reference} ${item.title}`}</Link>,
    },
    { key: "status", header: t("stalled.status"), cell: (item) => tCases(`status.${item.status as CaseStatus}`) },
    { key: "last", header: t("stalled.lastActivity"), cell: (item) => format.date(item.last_activity_at) },
    { key: "days", header: t("stalled.days"), className: "numeric", cell: (item) => item.inactive_days },
  ];

  return (
    <div className="tasks-page">
      <h1>{t("stalled.title")}</h1>
      <p className="lead">{t("stalled.intro", { days })}</p>
      <div className="tasks-toolbar">
        <label htmlFor="stalled-days">{t("stalled.daysLabel")}</label>
        <input
          id="stalled-days"
          type="number"
          min={1}
          max={3650}
          value={days}
          onChange={(e) => {
            const value = Number(e.target.value);
            if (value >= 1 && value <= 3650) setDays(value);
          }}
        />
        <Link to={paths.tasks.mine}>{t("stalled.back")}</Link>
      </div>
      <PagedTable list={query} paging={paging} columns={columns} texts="tasks:stalled" />
    </div>
  );
}
