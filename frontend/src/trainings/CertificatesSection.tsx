import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { LoadingStatus } from "../layout/LoadingStatus";
import { Badge } from "../ui/Badge";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { errorFor, formErrorsOf, problemMessage } from "../ui/problems";
import { ParticipantAdd, RemoveParticipant } from "./ParticipantAdd";
import { downloadCertificatePdf, useCertificates, useIssueCertificates, useParticipants } from "./queries";
import type { Certificate, Participant, Series } from "./queries";
import { paths } from "../paths";
import { RevokeDialog } from "./RevokeDialog";
import { attendedText } from "./seriesText";

/**
 * Participants with their completion (enrol, remove), and the certificates: issue them to
 * those eligible, download them as PDF, revoke them with a reason.
 */
export function CertificatesSection({ series }: { series: Series }) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const format = useFormat();
  const participants = useParticipants(series.id);
  const certificates = useCertificates(series.id);
  const issue = useIssueCertificates(series.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [issuedOn, setIssuedOn] = useState("");
  const [issuedCount, setIssuedCount] = useState<number | null>(null);
  const [removing, setRemoving] = useState<Participant | null>(null);
  const writable = can(Permission.trainingsWrite);

  const valid = new Map(
    (certificates.data ?? []).filter((item) => item.status === "valid").map((item) => [item.participant_id, item]),
  );
  const eligible = (participants.data ?? []).filter((participant) => participant.completed && !valid.has(participant.id));

  function toggle(id: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  }

  function onIssue(ids: string[] | null) {
    setIssuedCount(null);
    issue.mutate(
      { ...(ids ? { participant_ids: ids } : {}), ...(issuedOn ? { issued_on: issuedOn } : {}) },
      {
        onSuccess: (result) => {
          setIssuedCount(result.items.length);
          setSelected(new Set());
        },
      },
    );
  }

  const participantColumns: Column<Participant>[] = [
    ...(writable
      ? [
          {
            key: "select",
            header: <span className="visually-hidden">{t("certificates.issueSelected", { count: selected.size })}</span>,
            cell: (participant: Participant) =>
              participant.completed && !valid.has(participant.id) ? (
                <input
                  type="checkbox"
                  checked={selected.has(participant.id)}
                  aria-label={t("participants.select", { name: participant.full_name })}
                  onChange={(event) => toggle(participant.id, event.target.checked)}
                />
              ) : null,
          },
        ]
      : []),
    { key: "name", header: t("participants.name"), rowHeader: true, cell: (participant) => participant.full_name },
    { key: "organisation", header: t("participants.organisation"), cell: (participant) => participant.organisation ?? "" },
    {
      key: "attended",
      header: t("participants.attended"),
      cell: (participant) => attendedText(participant, series, t, format),
    },
    {
      key: "status",
      header: t("participants.status"),
      cell: (participant) =>
        participant.completed_on ? (
          <Badge tone="success">{t("participants.completed", { date: format.date(participant.completed_on) })}</Badge>
        ) : (
          <Badge tone="neutral">{t("participants.open")}</Badge>
        ),
    },
    {
      key: "certificate",
      header: t("participants.certificate"),
      cell: (participant) =>
        valid.get(participant.id)?.number ??
        (eligible.includes(participant) ? (
          <Badge tone="info">{t("participants.eligible")}</Badge>
        ) : (
          <span className="muted">{t("participants.noCertificate")}</span>
        )),
    },
    ...(writable
      ? [
          {
            key: "remove",
            header: <span className="visually-hidden">{t("participants.actions")}</span>,
            cell: (participant: Participant) =>
              (certificates.data ?? []).some((item) => item.participant_id === participant.id) ? null : (
                <button type="button" className="button-link" onClick={() => setRemoving(participant)}>
                  {t("participants.remove")}
                  <span className="visually-hidden"> ({participant.full_name})</span>
                </button>
              ),
          },
        ]
      : []),
  ];

  const issueErrors = issue.isError ? formErrorsOf(issue.error, tUi) : null;

  return (
    <>
      <section className="panel" aria-labelledby="series-participants">
        <h2 id="series-participants">{t("participants.title")}</h2>
        {(participants.isPending || certificates.isPending) && <LoadingStatus />}
        {participants.isError && <ErrorNotice error={participants.error} onRetry={() => void participants.refetch()} />}
        {participants.data && certificates.data && (
          <DataTable
            caption={t("participants.caption")}
            captionHidden
            columns={participantColumns}
            rows={participants.data}
            rowKey={(participant) => participant.id}
            empty={t("participants.empty")}
          />
        )}
        {writable && <ParticipantAdd seriesId={series.id} />}
        {removing && <RemoveParticipant seriesId={series.id} participant={removing} onDone={() => setRemoving(null)} />}
      </section>
      <section className="panel" aria-labelledby="series-certificates">
        <h2 id="series-certificates">{t("certificates.title")}</h2>
        <p>{t("certificates.intro")}</p>
        {writable && participants.data && certificates.data && (
          <div className="certificate-actions">
            {eligible.length === 0 ? (
              <p className="muted">{t("certificates.noneEligible")}</p>
            ) : (
              <>
                <Field
                  id="certificate-date"
                  label={t("certificates.issuedOn")}
                  hint={t("certificates.issuedOnHint")}
                  error={errorFor(issueErrors, "issued_on")}
                >
                  {(control) => (
                    <input {...control} type="date" value={issuedOn} onChange={(event) => setIssuedOn(event.target.value)} />
                  )}
                </Field>
                <button
                  type="button"
                  className="button button-primary"
                  disabled={selected.size === 0 || issue.isPending}
                  onClick={() => onIssue([...selected])}
                >
                  {t("certificates.issueSelected", { count: selected.size })}
                </button>
                <button
                  type="button"
                  className="button button-secondary"
                  disabled={issue.isPending}
                  onClick={() => onIssue(null)}
                >
                  {t("certificates.issueAll", { count: eligible.length })}
                </button>
              </>
            )}
          </div>
        )}
        <div role="status">
          {issue.isPending && <p>{t("certificates.issuing")}</p>}
          {issuedCount !== null && <p className="notice notice-info">{t("certificates.issued", { count: issuedCount })}</p>}
        </div>
        <div role="alert">
          {issueErrors?.general && <p className="notice notice-error">{issueErrors.general}</p>}
        </div>
        {certificates.isError && <ErrorNotice error={certificates.error} onRetry={() => void certificates.refetch()} />}
        {certificates.data && (
          <CertificateTable seriesId={series.id} certificates={certificates.data} writable={writable} />
        )}
      </section>
    </>
  );
}

function CertificateTable({
  seriesId,
  certificates,
  writable,
}: {
  seriesId: string;
  certificates: Certificate[];
  writable: boolean;
}) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [loading, setLoading] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  async function download(certificate: Certificate) {
    setLoading(certificate.id);
    setFailure(null);
    try {
      const file = await downloadCertificatePdf(seriesId, certificate.id);
      saveFile(file, `${certificate.number}.pdf`);
    } catch (error) {
      setFailure(`${t("certificates.downloadFailed")} ${problemMessage(error, tUi)}`);
    } finally {
      setLoading(null);
    }
  }

  const columns: Column<Certificate>[] = [
    { key: "number", header: t("certificates.number"), rowHeader: true, cell: (item) => item.number },
    { key: "holder", header: t("certificates.holder"), cell: (item) => item.participant_name },
    { key: "date", header: t("certificates.date"), cell: (item) => format.date(item.issued_on) },
    {
      key: "status",
      header: t("certificates.status"),
      cell: (item) =>
        item.status === "valid" ? (
          <Badge tone="success">{t("certificates.valid")}</Badge>
        ) : (
          <Badge tone="danger">{t("certificates.revoked")}</Badge>
        ),
    },
    {
      key: "code",
      header: t("certificates.code"),
      cell: (item) => (
        <Link to={paths.verifyCertificateCode(item.verification_code)} className="code">
          {item.verification_code}
          <span className="visually-hidden"> ({t("certificates.verify")})</span>
        </Link>
      ),
    },
    {
      key: "pdf",
      header: t("certificates.pdf"),
      cell: (item) =>
        item.status === "valid" ? (
          <button
            type="button"
            className="button button-secondary"
            disabled={loading !== null}
            onClick={() => void download(item)}
          >
            {loading === item.id ? t("certificates.downloading") : t("certificates.pdf")}
            <span className="visually-hidden"> ({item.number})</span>
          </button>
        ) : (
          <span className="muted">{item.revocation_reason}</span>
        ),
    },
    ...(writable
      ? [
          {
            key: "revoke",
            header: <span className="visually-hidden">{t("certificates.actions")}</span>,
            cell: (item: Certificate) =>
              item.status === "valid" ? (
                <button type="button" className="button-link" onClick={() => setRevoking(item)}>
                  {t("certificates.revoke")}
                  <span className="visually-hidden"> ({item.number})</span>
                </button>
              ) : null,
          },
        ]
      : []),
  ];

  return (
    <>
      <div role="alert">{failure && <p className="notice notice-error">{failure}</p>}</div>
      <DataTable
        caption={t("certificates.caption")}
        captionHidden
        columns={columns}
        rows={certificates}
        rowKey={(item) => item.id}
        empty={t("certificates.empty")}
      />
      {revoking && <RevokeDialog certificate={revoking} onClose={() => setRevoking(null)} />}
    </>
  );
}
