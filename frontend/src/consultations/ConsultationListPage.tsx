import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { SearchForm } from "../ui/SearchForm";
import { CheckboxList } from "../ui/CheckboxList";
import { Field, FieldGroup } from "../ui/Field";
import { useUrlCursor } from "../ui/cursor";
import { useUrlFilters } from "../ui/urlFilters";
import { useFormat } from "../ui/format";
import {
  NO_CONSULTATION_FILTERS,
  consultationApiQuery,
  consultationFiltersFromParams,
  consultationFiltersToParams,
} from "./filters";
import type { ConsultationFilters } from "./filters";
import { FORMATS, KINDS } from "./model";
import type { ConsultationFormat, ConsultationItem } from "./model";
import { useConsultationList } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./consultations.css";

const PAGE_SIZE = 25;
const SUMMARY_LENGTH = 160;

function shortened(text: string): string {
  return text.length > SUMMARY_LENGTH ? `${text.slice(0, SUMMARY_LENGTH - 1)}…` : text;
}

export default function ConsultationListPage() {
  const { t } = useTranslation("consultations");
  const { can } = useSession();
  const format = useFormat();
  const paging = useUrlCursor();
  const [filters, apply] = useUrlFilters(consultationFiltersFromParams, consultationFiltersToParams);
  const list = useConsultationList(consultationApiQuery(filters, { cursor: paging.cursor, limit: PAGE_SIZE }));
  useDocumentTitle(t("list.title"));

  const set = (patch: Partial<ConsultationFilters>) => apply({ ...filters, ...patch });

  const columns: Column<ConsultationItem>[] = [
    {
      key: "when",
      header: t("list.when"),
      rowHeader: true,
      cell: (item) => (
        <Link to={paths.consultations.detail(item.id)}>
          <time dateTime={item.started_at}>{format.dateTime(item.started_at)}</time>
        </Link>
      ),
    },
    {
      key: "kind",
      header: t("field.kind"),
      cell: (item) => (
        <>
          {t(`kind.${item.kind}`)}
          {item.planned && (
            <>
              {" "}
              <Badge tone="info">{t("list.planned")}</Badge>
            </>
          )}
          {item.has_confidential_notes && (
            <>
              {" "}
              <Badge tone="warning">{t("list.hasNotes")}</Badge>
            </>
          )}
        </>
      ),
    },
    { key: "format", header: t("field.format"), cell: (item) => t(`format.${item.format}`) },
    { key: "duration", header: t("field.duration_minutes"), cell: (item) => t("duration", { minutes: item.duration_minutes }) },
    { key: "summary", header: t("field.summary"), cell: (item) => shortened(item.summary) },
    {
      key: "case",
      header: t("field.case"),
      cell: (item) =>
        item.case ? (
          <Link to={paths.cases.detail(item.case.id)}>
            <strong>{item.case.reference}</strong> {item.case.title}
          </Link>
        ) : (
          <span className="muted">{t("list.general")}</span>
        ),
    },
  ];

  const anyFilter = consultationFiltersToParams(filters).toString() !== "";

  return (
    <div>
      <div className="page-heading">
        <h1>{t("list.title")}</h1>
        {can(Permission.consultationsWrite) && (
          <Link to={paths.consultations.create} className="button button-secondary">
            {t("list.newStandalone")}
          </Link>
        )}
      </div>

      <SearchForm
        variant="search-form"
        label={t("list.searchLabel")}
        applied={filters.q}
        onApply={(q) => set({ q })}
        submitLabel={t("list.searchButton")}
        live
      >
        {(q, change) => (
          <Field id="consultation-search" label={t("list.search")}>
            {(control) => (
              <input {...control} type="search" maxLength={100} value={q} onChange={(event) => change(event.target.value)} />
            )}
          </Field>
        )}
      </SearchForm>

      <div className="filter-bar">
        <FieldGroup id="consultation-filter-kind" legend={t("list.kinds")} className="field-wide">
          <CheckboxList options={KINDS} checked={filters.kind} label={(kind) => t(`kind.${kind}`)} onChange={(kind) => set({ kind })} />
        </FieldGroup>
        <div className="field">
          <label htmlFor="consultation-filter-format">{t("list.format")}</label>
          <select
            id="consultation-filter-format"
            value={filters.format ?? ""}
            onChange={(event) => set({ format: (event.target.value || null) as ConsultationFormat | null })}
          >
            <option value="">{t("list.anyFormat")}</option>
            {FORMATS.map((item) => (
              <option key={item} value={item}>
                {t(`format.${item}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="consultation-filter-from">{t("list.from")}</label>
          <input
            id="consultation-filter-from"
            type="date"
            value={filters.from ?? ""}
            onChange={(event) => set({ from: event.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor="consultation-filter-to">{t("list.to")}</label>
          <input
            id="consultation-filter-to"
            type="date"
            value={filters.to ?? ""}
            onChange={(event) => set({ to: event.target.value || null })}
          />
        </div>
        <div className="field">
          <label htmlFor="consultation-filter-case">{t("list.withCase")}</label>
          <select
            id="consultation-filter-case"
            value={filters.withCase === null ? "" : filters.withCase ? "with" : "without"}
            onChange={(event) =>
              set({ withCase: event.target.value === "" ? null : event.target.value === "with" })
            }
          >
            <option value="">{t("list.withCaseAny")}</option>
            <option value="with">{t("list.withCaseYes")}</option>
            <option value="without">{t("list.withCaseNo")}</option>
          </select>
        </div>
        {anyFilter && (
          <button type="button" className="button button-secondary" onClick={() => apply(NO_CONSULTATION_FILTERS)}>
            {t("list.reset")}
          </button>
        )}
      </div>

      <PagedTable
        list={list}
        paging={paging}
        columns={columns}
        texts="consultations:list"
      />
    </div>
  );
}
