import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { CursorPager } from "../ui/CursorPager";
import { useUrlCursor } from "../ui/cursor";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { useSeriesList } from "./queries";
import type { Series } from "./queries";
import { periodText, ruleText } from "./seriesText";
import "./trainings.css";

export default function TrainingListPage() {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").slice(0, 200);
  const [term, setTerm] = useState(q);
  const paging = useUrlCursor();
  const query = useSeriesList(q, paging.cursor);
  useDocumentTitle(t("title"));

  const columns: Column<Series>[] = [
    {
      key: "title",
      header: t("list.series"),
      rowHeader: true,
      cell: (series) => <Link to={`/trainings/${series.id}`}>{series.title}</Link>,
    },
    { key: "period", header: t("list.period"), cell: (series) => periodText(series, t, format) },
    { key: "modules", header: t("list.modules"), className: "numeric", cell: (series) => series.modules.length },
    { key: "rule", header: t("list.rule"), cell: (series) => ruleText(series, t) },
  ];

  return (
    <div className="trainings-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      <form
        className="filter-bar"
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(term.trim() ? { q: term.trim() } : {});
        }}
      >
        <Field id="series-q" label={t("list.search")}>
          {(control) => (
            <input {...control} type="search" value={term} maxLength={200} onChange={(event) => setTerm(event.target.value)} />
          )}
        </Field>
        <button type="submit" className="button button-primary">
          {t("list.searchSubmit")}
        </button>
      </form>
      {query.isPending && <LoadingStatus />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && (
        <>
          <DataTable
            caption={t("list.caption")}
            captionHidden
            columns={columns}
            rows={query.data.items}
            rowKey={(series) => series.id}
            empty={t("list.empty")}
            busy={query.isPlaceholderData}
          />
          <CursorPager paging={paging} nextCursor={query.data.next_cursor} label={t("list.pager")} />
        </>
      )}
    </div>
  );
}
