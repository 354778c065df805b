import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import type { Column } from "../ui/DataTable";
import { Field } from "../ui/Field";
import { PagedTable } from "../ui/PagedTable";
import { SearchForm } from "../ui/SearchForm";
import { useUrlCursor } from "../ui/cursor";
import { useUrlFilters } from "../ui/urlFilters";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { CaseFilterPanel } from "./CaseFilterPanel";
import { LevelBadge, StatusBadge } from "./CaseBadges";
import { activeFilterCount, filtersFromParams, filtersToParams, toApiQuery } from "./filters";
import { SORTS } from "./model";
import type { CaseItem, CaseSort } from "./model";
import { useAssignableUsers, useCaseList } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./cases.css";

const PAGE_SIZE = 25;

export default function CaseListPage() {
  const { t } = useTranslation("cases");
  const { user, can } = useSession();
  const format = useFormat();
  const paging = useUrlCursor();
  const [filters, apply] = useUrlFilters(filtersFromParams, filtersToParams);
  useDocumentTitle(t("list.title"));

  const coordinator = can(Permission.casesCoordinate);
  const people = useAssignableUsers(coordinator);
  const query = toApiQuery(filters, user?.id ?? "", { cursor: paging.cursor, limit: PAGE_SIZE });
  const list = useCaseList(query, { enabled: user !== null });

  const day = today();
  const columns: Column<CaseItem>[] = [
    {
      key: "case",
      header: t("list.caseColumn"),
      rowHeader: true,
      cell: (item) => (
        <>
          <Link to={paths.cases.detail(item.id)} className="case-link">
            {item.title}
          </Link>
          <span className="case-reference">{item.reference}</span>
          {(item.matched_in ?? []).length > 0 && (
            <span className="case-matched">
              {t("list.matchedIn", { fields: (item.matched_in ?? []).map((field) => t(`list.matchField.${field}`)).join(", ") })}
            </span>
          )}
        </>
      ),
    },
    { key: "status", header: t("field.status"), cell: (item) => <StatusBadge status={item.status} /> },
    {
      key: "level",
      header: t("field.escalation_level"),
      cell: (item) => <LevelBadge level={item.escalation_level} short />,
    },
    {
      key: "topics",
      header: t("field.topics"),
      cell: (item) => item.topics.map((topic) => t(`topic.${topic}`)).join(", "),
    },
    {
      key: "assignees",
      header: t("field.assignees"),
      cell: (item) =>
        item.assignees.length ? (
          item.assignees.map((person) => person.full_name).join(", ")
        ) : (
          <span className="muted">{t("list.nobody")}</span>
        ),
    },
    {
      key: "follow_up",
      header: t("field.follow_up_date"),
      cell: (item) =>
        item.follow_up_date && (
          <>
            {format.date(item.follow_up_date)}
            {item.follow_up_date < day && !item.closed_at && <span className="overdue"> ({t("overdue")})</span>}
          </>
        ),
    },
  ];

  const filtered = activeFilterCount(filters) > 0 || filters.q.trim() !== "";

  return (
    <div className="case-list-page">
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {can(Permission.casesWrite) && (
          <Link to={paths.cases.create} className="button button-primary">
            {t("list.newCase")}
          </Link>
        )}
      </div>

      <div className="list-tools">
        <SearchForm
          variant="search-form"
          label={t("list.searchLabel")}
          applied={filters.q}
          onApply={(q) => apply({ ...filters, q })}
          submitLabel={t("list.searchButton")}
          live
        >
          {(q, change) => (
            <Field id="case-search" label={t("list.search")}>
              {(control) => (
                <input {...control} type="search" value={q} maxLength={200} onChange={(event) => change(event.target.value)} />
              )}
            </Field>
          )}
        </SearchForm>
        <div className="field sort-field">
          <label htmlFor="case-sort">{t("list.sort")}</label>
          <select
            id="case-sort"
            value={filters.sort}
            onChange={(event) => apply({ ...filters, sort: event.target.value as CaseSort })}
          >
            {SORTS.map((sort) => (
              <option key={sort} value={sort}>
                {t(`sort.${sort}`)}
              </option>
            ))}
          </select>
        </div>
      </div>

      <CaseFilterPanel
        filters={filters}
        onChange={apply}
        people={(people.data ?? []).map((person) => ({ id: person.id, name: person.full_name }))}
      />

      <PagedTable
        list={list}
        paging={paging}
        columns={columns}
        texts="cases:list"
        empty={filtered ? t("list.emptyFiltered") : undefined}
        more={t("list.more")}
      />
    </div>
  );
}
