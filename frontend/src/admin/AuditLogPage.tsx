import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { CursorPager } from "../ui/CursorPager";
import { CURSOR_PARAM, useUrlCursor } from "../ui/cursor";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { AdminNav } from "./AdminNav";
import { AuditDetails, AuditSentence } from "./auditEntry";
import { auditFilters, auditQuery, auditParams } from "./auditFilters";
import type { AuditFilters } from "./auditFilters";
import type { AuditEvent } from "./model";
import { useAuditLog } from "./queries";
import { QueryStatus } from "../ui/QueryStatus";
import { SearchForm } from "../ui/SearchForm";

export default function AuditLogPage() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const paging = useUrlCursor();
  const filters = auditFilters(params);
  const query = useAuditLog(auditQuery(filters, params.get(CURSOR_PARAM)));
  useDocumentTitle(t("parts.audit"));

  const columns: Column<AuditEvent>[] = [
    { key: "when", header: t("audit.when"), rowHeader: true, cell: (event) => format.dateTime(event.occurred_at) },
    { key: "what", header: t("audit.entry"), cell: (event) => <AuditSentence event={event} /> },
    {
      key: "outcome",
      header: t("audit.outcome"),
      cell: (event) => (
        <Badge tone={event.outcome === "success" ? "success" : "danger"}>
          {event.outcome === "success" ? t("audit.success") : t("audit.failure")}
        </Badge>
      ),
    },
    { key: "details", header: t("audit.details"), cell: (event) => <AuditDetails event={event} /> },
    { key: "ip", header: t("audit.ip"), cell: (event) => event.ip_address ?? "" },
  ];

  return (
    <div className="admin-page">
      <AdminNav />
      <h1>{t("parts.audit")}</h1>
      <p className="lead">{t("partIntro.audit")}</p>
      <FilterForm key={auditParams(filters).toString()} initial={filters} onApply={(next) => setParams(auditParams(next))} />
      <QueryStatus query={query} />
      {query.data && (
        <>
          <DataTable
            caption={t("audit.caption")}
            captionHidden
            columns={columns}
            rows={query.data.items}
            rowKey={(event) => String(event.id)}
            empty={t("audit.empty")}
            busy={query.isPlaceholderData}
          />
          <CursorPager paging={paging} nextCursor={query.data.next_cursor} label={t("audit.pager")} />
        </>
      )}
    </div>
  );
}

function FilterForm({ initial, onApply }: { initial: AuditFilters; onApply: (filters: AuditFilters) => void }) {
  const { t } = useTranslation("admin");
  const [rangeError, setRangeError] = useState(false);

  function inOrder(draft: AuditFilters): boolean {
    const wrongOrder = draft.since !== "" && draft.until !== "" && draft.since > draft.until;
    setRangeError(wrongOrder);
    return !wrongOrder;
  }

  return (
    <SearchForm
      label={t("audit.filters")}
      applied={initial}
      onApply={onApply}
      validate={inOrder}
      submitLabel={t("common.filter")}
      reset={{ label: t("common.reset"), to: { action: "", actor: "", since: "", until: "" } }}
    >
      {(draft, change) => {
        const text = (name: "action" | "actor", hint: string) => (
          <Field id={`audit-${name}`} label={t(`audit.${name}`)} hint={hint}>
            {(control) => (
              <input {...control} type="text" value={draft[name]} onChange={(event) => change({ ...draft, [name]: event.target.value })} />
            )}
          </Field>
        );
        return (
          <>
            {text("action", t("audit.actionHint"))}
            {text("actor", t("audit.actorHint"))}
            <Field id="audit-since" label={t("audit.since")}>
              {(control) => (
                <input {...control} type="date" value={draft.since} onChange={(event) => change({ ...draft, since: event.target.value })} />
              )}
            </Field>
            <Field id="audit-until" label={t("audit.until")} error={rangeError ? t("audit.rangeError") : null}>
              {(control) => (
                <input {...control} type="date" value={draft.until} onChange={(event) => change({ ...draft, until: event.target.value })} />
              )}
            </Field>
          </>
        );
      }}
    </SearchForm>
  );
}
