import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ConfirmDialog } from "../ui/Dialog";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { ExercisePlansSection } from "../crisisPlans";
import { CertificatesSection } from "./CertificatesSection";
import { ModuleDialog } from "./ModuleDialog";
import { deleteModule, deleteSession, useSeries, useTrainingWrite } from "./queries";
import type { Module, Series, TrainingSession } from "./queries";
import { paths } from "../paths";
import { hoursText, periodText, ruleText } from "./seriesText";
import { SessionDialog } from "./SessionDialog";
import "./trainings.css";

/** What a module or session dialog is open for, if any. */
type Editing =
  | { kind: "module"; module: Module | null }
  | { kind: "session"; module: Module; day: TrainingSession | null }
  | { kind: "deleteModule"; module: Module }
  | { kind: "deleteSession"; day: TrainingSession };

export default function TrainingDetailPage() {
  const { t } = useTranslation("trainings");
  const { can } = useSession();
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
          {can(Permission.crisisPlansRead) && <ExercisePlansSection seriesId={query.data.id} />}
        </>
      )}
    </div>
  );
}

function Overview({ series }: { series: Series }) {
  const { t } = useTranslation("trainings");
  const { can } = useSession();
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
          <dd>{t("detail.ruleText", { rule: ruleText(series, t, format) })}</dd>
        </div>
        {series.signatory && (
          <div className="detail-row">
            <dt>{t("detail.signatory")}</dt>
            <dd>{series.signatory}</dd>
          </div>
        )}
      </dl>
      {can(Permission.trainingsWrite) && (
        <p>
          <Link to={paths.trainings.edit(series.id)} className="button button-secondary">
            {t("detail.edit")}
          </Link>
        </p>
      )}
    </section>
  );
}

function Modules({ series }: { series: Series }) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const writable = can(Permission.trainingsWrite);
  const [editing, setEditing] = useState<Editing | null>(null);
  const remove = useTrainingWrite((target: Editing) =>
    target.kind === "deleteModule"
      ? deleteModule(series.id, target.module)
      : deleteSession(series.id, (target as { day: TrainingSession }).day),
  );
  const close = () => {
    setEditing(null);
    remove.reset();
  };

  return (
    <section className="panel" aria-labelledby="series-modules">
      <h2 id="series-modules">{t("detail.modules")}</h2>
      {series.modules.length === 0 && <p className="empty">{t("modules.none")}</p>}
      <ol className="module-list">
        {series.modules.map((module) => (
          <li key={module.id}>
            <ModuleSessions seriesId={series.id} module={module} writable={writable} onEdit={setEditing} />
          </li>
        ))}
      </ol>
      {writable && (
        <button type="button" className="button button-primary" onClick={() => setEditing({ kind: "module", module: null })}>
          {t("modules.add")}
        </button>
      )}
      {editing?.kind === "module" && <ModuleDialog seriesId={series.id} module={editing.module} onClose={close} />}
      {editing?.kind === "session" && (
        <SessionDialog seriesId={series.id} module={editing.module} day={editing.day} onClose={close} />
      )}
      {(editing?.kind === "deleteModule" || editing?.kind === "deleteSession") && (
        <ConfirmDialog
          open
          title={editing.kind === "deleteModule" ? t("modules.deleteTitle") : t("sessions.deleteTitle")}
          confirmLabel={t("delete")}
          cancelLabel={tUi("cancel")}
          busy={remove.isPending}
          error={remove.isError ? problemMessage(remove.error, tUi) : null}
          onConfirm={() => remove.mutate(editing, { onSuccess: close })}
          onCancel={close}
        >
          <p>{editing.kind === "deleteModule" ? t("modules.deleteText", { title: editing.module.title }) : t("sessions.deleteText")}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}

function ModuleSessions({
  seriesId,
  module,
  writable,
  onEdit,
}: {
  seriesId: string;
  module: Module;
  writable: boolean;
  onEdit: (editing: Editing) => void;
}) {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  const heading = t("detail.module", { position: module.position, title: module.title });
  const columns: Column<TrainingSession>[] = [
    { key: "date", header: t("detail.date"), rowHeader: true, cell: (day) => format.date(day.day) },
    {
      key: "time",
      header: t("detail.time"),
      cell: (day) => t("detail.timeRange", { from: day.starts_at.slice(0, 5), to: day.ends_at.slice(0, 5) }),
    },
    {
      key: "place",
      header: t("detail.place"),
      cell: (day) => (
        <>
          {day.place}
          {day.link && (
            <a href={day.link} className="session-link" rel="noopener noreferrer" target="_blank">
              {t("sessions.join")}
            </a>
          )}
        </>
      ),
    },
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
    ...(writable
      ? [
          {
            key: "actions",
            header: <span className="visually-hidden">{t("sessions.actions")}</span>,
            cell: (day: TrainingSession) => (
              <span className="button-row">
                <button type="button" className="button-link" onClick={() => onEdit({ kind: "session", module, day })}>
                  {t("sessions.edit")}
                  <span className="visually-hidden"> ({format.date(day.day)})</span>
                </button>
                <button type="button" className="button-link" onClick={() => onEdit({ kind: "deleteSession", day })}>
                  {t("delete")}
                  <span className="visually-hidden"> ({format.date(day.day)})</span>
                </button>
              </span>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <h3>{heading}</h3>
      <p className="muted">
        <Badge tone={module.kind === "online" ? "info" : "neutral"}>{t(`modules.kinds.${module.kind}`)}</Badge>{" "}
        {t("detail.days", { count: module.days })} · {hoursText(module.hours, t, format)}
      </p>
      {module.description && <p>{module.description}</p>}
      <DataTable
        caption={t("detail.sessionsCaption", { position: module.position })}
        captionHidden
        columns={columns}
        rows={module.sessions}
        rowKey={(day) => day.id}
        empty={t("detail.noSessions")}
      />
      {writable && (
        <div className="button-row module-actions">
          <button type="button" className="button button-secondary" onClick={() => onEdit({ kind: "session", module, day: null })}>
            {t("sessions.add")}
            <span className="visually-hidden"> ({heading})</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => onEdit({ kind: "module", module })}>
            {t("modules.edit")}
            <span className="visually-hidden"> ({heading})</span>
          </button>
          <button type="button" className="button button-secondary" onClick={() => onEdit({ kind: "deleteModule", module })}>
            {t("modules.delete")}
            <span className="visually-hidden"> ({heading})</span>
          </button>
        </div>
      )}
    </>
  );
}
