import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { useFormat } from "../ui/format";
import type { PlanItem } from "./model";
import { usePlanList } from "./queries";
import { ExercisePlansSection } from "./ExercisePlans";
import { StatusBadge } from "./StatusBadge";
import { paths } from "../paths";
import "../ui/page.css";
import "./crisisPlans.css";

const STATUSES = ["draft", "in_review", "adopted", "withdrawn"] as const;

export default function PlanListPage() {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const status = STATUSES.find((s) => s === params.get("status")) ?? "";
  const paging = useUrlCursor();
  const query = usePlanList(paging.cursor, status);
  useDocumentTitle(t("title"));

  const columns: Column<PlanItem>[] = [
    {
      key: "title",
      header: t("list.plan"),
      rowHeader: true,
      cell: (plan) => (
        <>
          <Link to={paths.crisisPlans.detail(plan.id)}>{plan.title}</Link>
          {plan.is_exercise && (
            <>
              {" "}
              <Badge tone="info">{t("list.exercise")}</Badge>
            </>
          )}
        </>
      ),
    },
    { key: "area", header: t("list.area"), cell: (plan) => plan.area },
    { key: "status", header: t("list.status"), cell: (plan) => <StatusBadge plan={plan} /> },
    { key: "edition", header: t("list.edition"), className: "numeric", cell: (plan) => plan.edition },
    {
      key: "review",
      header: t("list.review"),
      cell: (plan) => (plan.next_review_on ? format.date(plan.next_review_on) : t("none")),
    },
  ];

  return (
    <div className="crisis-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <div className="crisis-toolbar">
        <label htmlFor="plan-status">{t("list.filterStatus")}</label>
        <select
          id="plan-status"
          value={status}
          onChange={(event) => setParams(event.target.value ? { status: event.target.value } : {})}
        >
          <option value="">{t("list.allStatuses")}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        {can(Permission.crisisPlansWrite) && (
          <Link className="button" to={paths.crisisPlans.create}>
            {t("list.create")}
          </Link>
        )}
      </div>
      <PagedTable list={query} paging={paging} columns={columns} texts="crisisPlans:list" />
      <ExercisePlansSection />
    </div>
  );
}
