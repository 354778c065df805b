import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { CaseConsultations } from "../consultations";
import { Badge } from "../ui/Badge";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { AttachmentsPanel } from "../attachments";
import { AssigneesPanel } from "./AssigneesPanel";
import { DemocracyBadge, LevelBadge, StatusBadge } from "./CaseBadges";
import type { CaseSavedState } from "./CaseCreatePage";
import { CaseTimeline } from "./CaseTimeline";
import type { CaseDetail } from "./model";
import { useCase } from "./queries";
import { PartiesPanel } from "./PartiesPanel";
import { ReferralsPanel } from "./ReferralsPanel";
import { StatusChanger } from "./StatusChanger";
import { paths } from "../paths";
import { WithdrawPanel } from "./WithdrawPanel";
import "../ui/ui.css";
import "../ui/page.css";
import "./cases.css";

export default function CaseDetailPage() {
  const { caseId = "" } = useParams();
  const { t } = useTranslation("cases");
  const record = useCase(caseId);
  useDocumentTitle(record.data ? `${record.data.reference} ${record.data.title}` : t("title"));

  if (record.isPending) return <LoadingStatus />;
  if (record.isError) {
    return (
      <>
        <h1>{t("title")}</h1>
        <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />
      </>
    );
  }
  return <CaseView record={record.data} />;
}

function Facts({ record }: { record: CaseDetail }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const rows: [string, string][] = [
    [t("field.topics"), record.topics.map((topic) => t(`topic.${topic}`)).join(", ")],
    [t("field.place_id"), record.place ?? ""],
    [t("field.requesting_body"), record.requesting_body ?? ""],
    [t("field.follow_up_date"), format.date(record.follow_up_date)],
    [t("field.visibility"), t(`visibility.${record.visibility}`)],
    [
      t("field.democracy_indicators"),
      record.endangers_democracy ? record.democracy_indicators.map((code) => t(`indicator.${code}`)).join(", ") : "",
    ],
    [t("field.created_at"), format.dateTime(record.created_at)],
    [t("field.updated_at"), format.dateTime(record.updated_at)],
  ];
  return (
    <dl className="facts-list">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value || tUi("none")}</dd>
        </div>
      ))}
    </dl>
  );
}

function CaseView({ record }: { record: CaseDetail }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const { t: tConsultations } = useTranslation("consultations");
  const { can } = useSession();
  const location = useLocation();
  const format = useFormat();
  const saved = (location.state as CaseSavedState | null)?.saved;
  const mayWrite = can(Permission.casesWrite);
  const ended = record.outcome !== null;
  const [recordRequests, setRecordRequests] = useState(0);
  // Arriving at `#case-timeline` (after a referral from the analysis): show the timeline.
  useEffect(() => {
    if (location.hash === "#case-timeline") document.getElementById("case-timeline-heading")?.scrollIntoView();
  }, [location.hash]);

  return (
    <article className="case-detail">
      <nav className="breadcrumb" aria-label={tUi("breadcrumb")}>
        <ol>
          <li>
            <Link to={paths.cases.list}>{t("title")}</Link>
          </li>
          <li>
            <span aria-current="page">{record.reference}</span>
          </li>
        </ol>
      </nav>
      <header className="case-header">
        <h1>{record.title}</h1>
        <ul className="case-meta" aria-label={t("detail.facts")}>
          <li className="reference">{record.reference}</li>
          <li>
            <StatusBadge status={record.status} />
          </li>
          <li>
            <LevelBadge level={record.escalation_level} />
          </li>
          {record.endangers_democracy && (
            <li>
              <DemocracyBadge />
            </li>
          )}
          {record.visibility === "restricted" && (
            <li>
              <Badge tone="info">{t("visibility.restricted")}</Badge>
            </li>
          )}
          {record.archived && (
            <li>
              <Badge>{t("archivedBadge")}</Badge>
            </li>
          )}
        </ul>
        {saved && (
          <p className="notice notice-success" role="status">
            {saved === "created"
              ? t("detail.created", { reference: record.reference })
              : saved === "referred"
                ? t("detail.referred")
                : t("detail.saved")}
          </p>
        )}
        {record.archived && <p className="notice notice-info">{t("detail.archivedNotice")}</p>}
        <p>
          <Link to={paths.cases.analysis(record.id)}>{t("detail.analysis")}</Link>
        </p>
        {!record.archived && (
          <div className="button-row">
            {mayWrite && (
              <Link to={paths.cases.edit(record.id)} className="button button-secondary">
                {t("detail.edit")}
              </Link>
            )}
            {can(Permission.consultationsWrite) && (
              <button type="button" className="button button-primary" onClick={() => setRecordRequests((n) => n + 1)}>
                {tConsultations("case.record")}
              </button>
            )}
          </div>
        )}
      </header>

      <div className="case-layout">
        <div>
          <section className="panel" aria-labelledby="case-summary-heading">
            <h2 id="case-summary-heading">{t("detail.summary")}</h2>
            {record.summary ? (
              <p className="case-summary">{record.summary}</p>
            ) : (
              <p className="empty">{t("detail.noSummary")}</p>
            )}
          </section>
          {ended && (
            <section className="panel" aria-labelledby="case-outcome-heading">
              <h2 id="case-outcome-heading">{t("detail.outcomeHeading")}</h2>
              <p>
                <strong>{record.outcome && t(`outcome.${record.outcome}`)}</strong>
                {record.closed_at && ` (${format.date(record.closed_at)})`}
              </p>
              {record.outcome_note && <p className="case-summary">{record.outcome_note}</p>}
            </section>
          )}
          {can(Permission.consultationsRead) && (
            <CaseConsultations
              caseId={record.id}
              archived={record.archived}
              headingId="case-consultations-heading"
              openRequests={recordRequests}
            />
          )}
          <ReferralsPanel record={record} mayWrite={mayWrite} />
          <AttachmentsPanel
            owner={{ kind: "case", id: record.id }}
            writable={mayWrite && !record.archived}
            headingId="case-attachments-heading"
          />
          <CaseTimeline caseId={record.id} headingId="case-timeline-heading" />
        </div>
        <div>
          <StatusChanger record={record} mayWrite={mayWrite} />
          <section className="panel" aria-labelledby="case-facts-heading">
            <h2 id="case-facts-heading">{t("detail.facts")}</h2>
            <Facts record={record} />
          </section>
          <AssigneesPanel record={record} mayAssign={can(Permission.casesCoordinate)} />
          <PartiesPanel record={record} mayWrite={mayWrite} />
          {can(Permission.casesCoordinate) && !record.archived && <WithdrawPanel record={record} />}
        </div>
      </div>
    </article>
  );
}
