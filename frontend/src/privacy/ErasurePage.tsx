import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { formatBytes } from "../attachments";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { useDecideErasure, useErasure } from "./queries";
import type { Erasure } from "./queries";
import "./privacy.css";

const keyOf = (m: { table: string; record_id: string; field: string }) => `${m.table}:${m.record_id}:${m.field}`;

/** One erasure request: the person's cases, the free text naming them, and the decision. */
export default function ErasurePage() {
  const { t } = useTranslation("privacy");
  const { erasureId = "" } = useParams();
  const query = useErasure(erasureId);
  useDocumentTitle(t("erasure.title"));
  return (
    <div className="privacy-page">
      <p>
        <Link to={paths.privacy.index}>{t("back")}</Link>
      </p>
      <h1>{t("erasure.title")}</h1>
      {query.isPending && <LoadingStatus />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <ErasureDetail erasure={query.data} />}
    </div>
  );
}

function ErasureDetail({ erasure }: { erasure: Erasure }) {
  const { t } = useTranslation("privacy");
  const { can, user } = useSession();
  const format = useFormat();
  const open = erasure.status === "requested";
  const ownRequest = erasure.requested_by_id === user?.id;
  const mayDecide = can(Permission.privacyManage) && !(ownRequest && erasure.needs_second_person);
  return (
    <>
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("erasure.person")}</dt>
          <dd>{erasure.contact_name ?? "–"}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("erasure.status")}</dt>
          <dd>{t(`erasure.statuses.${erasure.status}`)}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("erasure.reason")}</dt>
          <dd>{erasure.reason}</dd>
        </div>
        <div className="detail-row">
          <dt>{t("erasure.date")}</dt>
          <dd>{format.dateTime(erasure.created_at)}</dd>
        </div>
        {erasure.decided_at && (
          <div className="detail-row">
            <dt>{t("erasure.decidedAt")}</dt>
            <dd>{format.dateTime(erasure.decided_at)}</dd>
          </div>
        )}
        {erasure.rejection_reason && (
          <div className="detail-row">
            <dt>{t("erasure.rejectionReason")}</dt>
            <dd>{erasure.rejection_reason}</dd>
          </div>
        )}
      </dl>
      {(erasure.cases ?? []).length > 0 && (
        <section aria-labelledby="cases-title">
          <h2 id="cases-title">{t("erasure.cases")}</h2>
          <ul>
            {(erasure.cases ?? []).map((c) => (
              <li key={c.id}>
                <Link to={paths.cases.detail(c.id)}>{c.reference}</Link> ({c.status})
              </li>
            ))}
          </ul>
        </section>
      )}
      {open && mayDecide && <Decision erasure={erasure} />}
      {open && !mayDecide && <p className="notice notice-info">{t("erasure.waiting")}</p>}
      {erasure.status === "completed" && (
        <p className="notice notice-info" role="status">
          {t("erasure.done", { label: erasure.label })}
        </p>
      )}
    </>
  );
}

function Decision({ erasure }: { erasure: Erasure }) {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const decide = useDecideErasure(erasure);
  const [chosen, setChosen] = useState<Set<string>>(() => new Set((erasure.mentions ?? []).map(keyOf)));
  // Files are deleted only when chosen: a file may be needed elsewhere, once gone it is gone.
  const [files, setFiles] = useState<Set<string>>(() => new Set());
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState("");
  const toggle = (key: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  return (
    <section aria-labelledby="decision-title" className="privacy-section">
      <h2 id="decision-title">{t("erasure.decision")}</h2>
      <h3>{t("erasure.mentions")}</h3>
      {(erasure.mentions ?? []).length === 0 ? (
        <p>{t("erasure.noMentions")}</p>
      ) : (
        <fieldset className="privacy-candidates">
          <legend>{t("erasure.mentionsHint")}</legend>
          {(erasure.mentions ?? []).map((m) => (
            <label key={keyOf(m)} className="privacy-check">
              <input type="checkbox" checked={chosen.has(keyOf(m))} onChange={() => toggle(keyOf(m))} />
              <span>
                <span className="muted">
                  {t(`tables.${m.table}`, { defaultValue: m.table })} · {m.field}:
                </span>{" "}
                {m.excerpt}
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <h3>{t("erasure.files")}</h3>
      {(erasure.files ?? []).length === 0 ? (
        <p>{t("erasure.noFiles")}</p>
      ) : (
        <fieldset className="privacy-candidates">
          <legend>{t("erasure.filesHint")}</legend>
          {(erasure.files ?? []).map((f) => (
            <label key={f.id} className="privacy-check">
              <input
                type="checkbox"
                checked={files.has(f.id)}
                onChange={() =>
                  setFiles((current) => {
                    const next = new Set(current);
                    if (next.has(f.id)) next.delete(f.id);
                    else next.add(f.id);
                    return next;
                  })
                }
              />
              <span>
                <span className="muted">{t(`erasure.owner.${f.owner_type}`, { defaultValue: f.owner_type })}:</span>{" "}
                {f.filename} ({formatBytes(f.size_bytes, format.locale)}, {format.date(f.created_at)})
              </span>
            </label>
          ))}
        </fieldset>
      )}
      <p className="notice notice-warning">{t("erasure.irreversible")}</p>
      {decide.isError && <ErrorNotice error={decide.error} />}
      <div className="privacy-actions">
        <button
          type="button"
          className="button button-danger"
          disabled={decide.isPending}
          onClick={() =>
            decide.mutate({
              approve: true,
              redact: (erasure.mentions ?? [])
                .filter((m) => chosen.has(keyOf(m)))
                .map((m) => ({ table: m.table, record_id: m.record_id, field: m.field })),
              deleteFiles: [...files],
            })
          }
        >
          {t("erasure.approve")}
        </button>
        <button type="button" className="button" onClick={() => setRejecting(true)}>
          {t("erasure.reject")}
        </button>
      </div>
      {rejecting && (
        <form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            decide.mutate({ approve: false, reason: reason.trim() });
          }}
        >
          <Field id="reject-reason" label={t("erasure.rejectionReason")} required>
            {(control) => (
              <textarea
                {...control}
                rows={2}
                maxLength={1000}
                required
                value={reason}
                onChange={(event) => setReason(event.target.value)}
              />
            )}
          </Field>
          <button type="submit" className="button">
            {t("erasure.rejectConfirm")}
          </button>
        </form>
      )}
    </section>
  );
}
