import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { PagedTable } from "../ui/PagedTable";
import { SearchForm } from "../ui/SearchForm";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { useSeriesList } from "./queries";
import type { Series } from "./queries";
import { periodText, ruleText } from "./seriesText";
import { paths } from "../paths";
import "./trainings.css";

export default function TrainingListPage() {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const q = (params.get("q") ?? "").slice(0, 200);
  const paging = useUrlCursor();
  const query = useSeriesList(q, paging.cursor);
  useDocumentTitle(t("title"));

  const columns: Column<Series>[] = [
    {
      key: "title",
      header: t("list.series"),
      rowHeader: true,
      cell: (series) => <Link to={paths.trainings.series(series.id)}>{series.title}</Link>,
    },
    { key: "period", header: t("list.period"), cell: (series) => periodText(series, t, format) },
    { key: "modules", header: t("list.modules"), className: "numeric", cell: (series) => series.modules.length },
    { key: "rule", header: t("list.rule"), cell: (series) => ruleText(series, t, format) },
  ];

  return (
    <div className="trainings-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("list.intro")}</p>
      {can(Permission.trainingsWrite) && (
        <p>
          <Link to={paths.trainings.create} className="button button-primary">
            {t("list.new")}
          </Link>
        </p>
      )}
      <SearchForm
        label={t("list.search")}
        applied={q}
        onApply={(term) => setParams(term.trim() ? { q: term.trim() } : {})}
        submitLabel={t("list.searchSubmit")}
      >
        {(term, change) => (
          <Field id="series-q" label={t("list.search")}>
            {(control) => (
              <input {...control} type="search" value={term} maxLength={200} onChange={(event) => change(event.target.value)} />
            )}
          </Field>
        )}
      </SearchForm>
      <PagedTable
        list={query}
        paging={paging}
        columns={columns}
        texts="trainings:list"
      />
    </div>
  );
}
