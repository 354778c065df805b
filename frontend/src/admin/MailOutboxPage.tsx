import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { components } from "../api/schema";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { Badge } from "../ui/Badge";
import { useUrlCursor } from "../ui/cursor";
import type { Column } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { PagedTable } from "../ui/PagedTable";
import { useFormat } from "../ui/format";
import { AdminNav } from "./AdminNav";
import { useMailMessage, useMailMessages, useMailStatus } from "./queries";

type Message = components["schemas"]["MailMessageOut"];

const TONES: Record<string, "success" | "danger" | "info" | "warning"> = {
  sent: "success",
  failed: "danger",
  unsent: "warning",
  pending: "info",
  in_digest: "info",
  digested: "info",
};

/**
 * The e-mail outbox for administrators: what was sent, what waits, what failed and —
 * without an SMTP server — what stays unsent; each message readable with its delivery log.
 */
export default function MailOutboxPage() {
  const { t } = useTranslation("admin");
  const format = useFormat();
  const paging = useUrlCursor();
  const query = paging.cursor ? { limit: 50, cursor: paging.cursor } : { limit: 50 };
  const list = useMailMessages(query);
  const status = useMailStatus();
  const [openId, setOpenId] = useState<string | null>(null);
  const detail = useMailMessage(openId);
  useDocumentTitle(t("parts.mail"));

  const columns: Column<Message>[] = [
    {
      key: "subject",
      header: t("mail.subject"),
      rowHeader: true,
      cell: (message) => (
        <button type="button" className="link-button" onClick={() => setOpenId(message.id)} aria-expanded={openId === message.id}>
          {message.subject}
        </button>
      ),
    },
    { key: "to", header: t("mail.to"), cell: (message) => message.to_address },
    {
      key: "status",
      header: t("common.status"),
      cell: (message) => <Badge tone={TONES[message.status] ?? "info"}>{t(`mail.status.${message.status}`)}</Badge>,
    },
    { key: "attempts", header: t("mail.attempts"), className: "numeric", cell: (message) => message.attempt_count },
    { key: "created", header: t("mail.created"), cell: (message) => format.dateTime(message.created_at) },
  ];

  return (
    <div className="admin-page">
      <AdminNav />
      <h1>{t("parts.mail")}</h1>
      <p className="lead">{t("partIntro.mail")}</p>
      {status.data && (
        <p className={status.data.smtp_configured ? "notice notice-info" : "notice notice-warning"} data-testid="smtp-state">
          {status.data.smtp_configured
            ? t("mail.configured", { host: status.data.smtp_host, waiting: status.data.waiting, failed: status.data.failed })
            : t("mail.notConfigured", { count: status.data.unsent })}
        </p>
      )}
      <PagedTable list={list} paging={paging} columns={columns} texts="admin:mail" />
      {openId && (
        <section className="panel" aria-labelledby="mail-detail-heading">
          {detail.isPending && <LoadingStatus />}
          {detail.isError && <ErrorNotice error={detail.error} onRetry={() => void detail.refetch()} />}
          {detail.data && (
            <>
              <h2 id="mail-detail-heading">{detail.data.subject}</h2>
              <p>{t("mail.toLine", { to: detail.data.to_address })}</p>
              <pre className="mail-text" tabIndex={0} aria-label={t("mail.text")}>
                {detail.data.text}
              </pre>
              {detail.data.has_calendar && <p>{t("mail.calendar")}</p>}
              {detail.data.attachment_name && <p>{t("mail.attachment", { name: detail.data.attachment_name })}</p>}
              <h3>{t("mail.log")}</h3>
              {detail.data.attempts.length === 0 ? (
                <p className="empty">{t("mail.noAttempts")}</p>
              ) : (
                <ol>
                  {detail.data.attempts.map((attempt) => (
                    <li key={attempt.number}>
                      {format.dateTime(attempt.attempted_at)}: {attempt.error ?? t("mail.accepted")} ({attempt.duration_ms} ms)
                    </li>
                  ))}
                </ol>
              )}
              <button type="button" onClick={() => setOpenId(null)}>
                {t("mail.close")}
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
