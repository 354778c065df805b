import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { CertificatesSection } from "./CertificatesSection";
import { useSeries } from "./queries";
import type { Module, Series, TrainingSession } from "./queries";
import { periodText, ruleText } from "./seriesText";
import { paths } from "../paths";
import "./trainings.css";

export default function TrainingDetailPage() {
  const { t } = useTranslation("trainings");
  const { seriesId = "" } = useParams();
  const query = useSeries(seriesId);
  useDocumentTitle(query.data?.title ?? t("title"));

  return (
    <div className="trainings-page">
      <p>
        <Link to={paths.trainings.list}>{t("detail.back")}</Link>
      </p>
      {query.isError && <h1>{t("title")}</h1>}
      <QueryStatus query={query} />
      {query.data && (
        <>
          <h1>{query.data.title}</h1>
          <Overview series={query.data} />
          <Modules series={query.data} />
          <CertificatesSection series={query.data} />
        </>
      )}
    </div>
  );
}

function Overview({ series }: { series: Series }) {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  return (
    <section className="panel" aria-labelledby="series-facts">
      <h2 id="series-facts">{t("detail.facts")}</h2>
      {series.description && <p className="pre-line">{series.description}</p>}
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("list.period")}</dt>
          <dd>{periodText(series, t, format)}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("detail.rule")}</dt>
          <dd>{t("detail.ruleText", { rule: ruleText(series, t) })}</dd>
        </div>
        {series.signatory && (
          <div className="detail-row">
            <dt>{t("detail.signatory")}</dt>
            <dd>{series.signatory}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

function Modules({ series }: { series: Series }) {
  const { t } = useTranslation("trainings");
  return (
    <section className="panel" aria-labelledby="series-modules">
      <h2 id="series-modules">{t("detail.modules")}</h2>
      <ol className="module-list">
        {series.modules.map((module) => (
          <li key={module.id}>
            <ModuleSessions seriesId={series.id} module={module} />
          </li>
        ))}
      </ol>
    </section>
  );
}

function ModuleSessions({ seriesId, module }: { seriesId: string; module: Module }) {
  const { t } = useTranslation("trainings");
  const { can } = useSession();
  const format = useFormat();
  const writable = can(Permission.trainingsWrite);
  const columns: Column<TrainingSession>[] = [
    { key: "date", header: t("detail.date"), rowHeader: true, cell: (day) => format.date(day.day) },
    {
      key: "time",
      header: t("detail.time"),
      cell: (day) => t("detail.timeRange", { from: day.starts_at.slice(0, 5), to: day.ends_at.slice(0, 5) }),
    },
    { key: "place", header: t("detail.place"), cell: (day) => day.place },
    {
      key: "attendance",
      header: t("detail.attendance"),
      cell: (day) => {
        const date = format.date(day.day);
        return (
          <>
            <span className="row-meta-inline">
              {day.attendance_recorded_at
                ? t("detail.recorded", { date: format.date(day.attendance_recorded_at) })
                : t("detail.notRecorded")}
            </span>{" "}
            <Link to={paths.trainings.attendance(seriesId, day.id)}>
              {writable ? t("detail.record") : t("detail.show")}
              <span className="visually-hidden"> ({date})</span>
            </Link>
          </>
        );
      },
    },
  ];
  return (
    <>
      <h3>{t("detail.module", { position: module.position, title: module.title })}</h3>
      <p className="muted">{t("detail.days", { count: module.days })}</p>
      {module.description && <p>{module.description}</p>}
      <DataTable
        caption={t("detail.sessionsCaption", { position: module.position })}
        captionHidden
        columns={columns}
        rows={module.sessions}
        rowKey={(day) => day.id}
        empty={t("detail.noSessions")}
      />
    </>
  );
}
