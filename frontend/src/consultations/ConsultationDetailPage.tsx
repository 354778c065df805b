import { useRef, useState } from "react";
import { useMutation } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { AttachmentsPanel } from "../attachments";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { FlashNotice } from "../ui/Flash";
import { useFormat } from "../ui/format";
import type { Consultation } from "./model";
import { fetchConfidentialNotes, useConsultation } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./consultations.css";

export default function ConsultationDetailPage() {
  const { consultationId = "" } = useParams();
  const { t } = useTranslation("consultations");
  const format = useFormat();
  const consultation = useConsultation(consultationId);
  const title = consultation.data
    ? t("detail.title", { date: format.dateTime(consultation.data.started_at) })
    : t("title");
  useDocumentTitle(title);

  if (consultation.isPending) return <LoadingStatus />;
  if (consultation.isError) {
    return (
      <>
        <h1>{t("title")}</h1>
        <ErrorNotice error={consultation.error} onRetry={() => void consultation.refetch()} />
      </>
    );
  }
  return <ConsultationView consultation={consultation.data} title={title} />;
}

/** The notes stay hidden until asked for: each read of them is written to the audit log. */
function ConfidentialNotes({ consultation }: { consultation: Consultation }) {
  const { t } = useTranslation("consultations");
  const [notes, setNotes] = useState<string | null>(null);
  const region = useRef<HTMLDivElement>(null);
  const reveal = useMutation({
    mutationFn: () => fetchConfidentialNotes(consultation.id),
    onSuccess: (text) => {
      setNotes(text ?? "");
      requestAnimationFrame(() => region.current?.focus());
    },
  });

  return (
    <section className="panel" aria-labelledby="confidential-heading">
      <h2 id="confidential-heading">{t("detail.confidentialHeading")}</h2>
      {!consultation.has_confidential_notes && <p className="empty">{t("detail.confidentialNone")}</p>}
      {consultation.has_confidential_notes && notes === null && (
        <>
          <p className="muted" id="confidential-hint">
            {t("detail.confidentialHint")}
          </p>
          <button
            type="button"
            className="button button-secondary"
            aria-describedby="confidential-hint"
            onClick={() => reveal.mutate()}
            disabled={reveal.isPending}
          >
            {t("detail.confidentialShow")}
          </button>
          {reveal.isError && <ErrorNotice error={reveal.error} />}
        </>
      )}
      {notes !== null && (
        <>
          <div ref={region} className="confidential" tabIndex={-1}>
            <p className="confidential-text">{notes || t("detail.confidentialNone")}</p>
          </div>
          <p>
            <button type="button" className="button button-secondary" onClick={() => setNotes(null)}>
              {t("detail.confidentialHide")}
            </button>
          </p>
        </>
      )}
    </section>
  );
}

function ConsultationView({ consultation, title }: { consultation: Consultation; title: string }) {
  const { t } = useTranslation("consultations");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const format = useFormat();
  const facts: [string, string][] = [
    [t("field.kind"), t(`kind.${consultation.kind}`)],
    [t("field.format"), t(`format.${consultation.format}`)],
    [t("field.started_at"), format.dateTime(consultation.started_at)],
    [t("field.ended_at"), format.dateTime(consultation.ended_at)],
    [t("field.duration_minutes"), t("duration", { minutes: consultation.duration_minutes })],
    [t("field.counselling_role"), consultation.counselling_role ? t(`role.${consultation.counselling_role}`) : ""],
    [t("field.participants"), consultation.participants.map((participant) => participant.name).join(", ")],
    [t("field.head_count"), consultation.head_count === null ? "" : format.number(consultation.head_count)],
    [t("detail.recorded"), format.dateTime(consultation.created_at)],
    [t("detail.changed"), format.dateTime(consultation.updated_at)],
  ];
  const texts: [string, string | null][] = [
    [t("field.agreements"), consultation.agreements],
    [t("field.next_steps"), consultation.next_steps],
  ];

  return (
    <article>
      <nav className="breadcrumb" aria-label={tUi("breadcrumb")}>
        <ol>
          <li>
            <Link to={paths.consultations.list}>{t("title")}</Link>
          </li>
          {consultation.case_id && (
            <li>
              <Link to={paths.cases.detail(consultation.case_id)}>{t("detail.backToCase")}</Link>
            </li>
          )}
        </ol>
      </nav>
      <h1>{title}</h1>
      <FlashNotice />
      {!consultation.case_id && <p className="muted">{t("detail.general")}</p>}
      <div className="detail-grid">
        <section className="panel" aria-labelledby="consultation-content">
          <h2 id="consultation-content">{t("detail.content")}</h2>
          <h3>{t("field.summary")}</h3>
          <p className="text-block">{consultation.summary || t("detail.noSummary")}</p>
          {texts
            .filter(([, text]) => text)
            .map(([label, text]) => (
              <div key={label}>
                <h3>{label}</h3>
                <p className="text-block">{text}</p>
              </div>
            ))}
        </section>
        <div>
          <section className="panel" aria-labelledby="consultation-facts">
            <h2 id="consultation-facts">{t("detail.facts")}</h2>
            <dl className="detail-list">
              {facts.map(([label, value]) => (
                <div key={label} className="detail-row">
                  <dt>{label}</dt>
                  <dd>{value || tUi("none")}</dd>
                </div>
              ))}
            </dl>
          </section>
          <ConfidentialNotes consultation={consultation} />
          <AttachmentsPanel
            owner={{ kind: "consultation", id: consultation.id }}
            writable={can(Permission.consultationsWrite)}
            headingId="consultation-attachments-heading"
          />
        </div>
      </div>
    </article>
  );
}
