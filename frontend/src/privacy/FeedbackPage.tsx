import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { useFeedback } from "./queries";
import "./privacy.css";

/** Barriers reported through the accessibility statement. */
export default function FeedbackPage() {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useFeedback(cursor);
  useDocumentTitle(t("feedback.title"));
  return (
    <div className="privacy-page">
      <p>
        <Link to={paths.privacy.index}>{t("back")}</Link>
      </p>
      <h1>{t("feedback.title")}</h1>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <p>{t("feedback.empty")}</p>}
      {list.data?.items.map((item) => (
        <article key={item.id} className="privacy-feedback">
          <h2>{format.dateTime(item.created_at)}</h2>
          {item.page && (
            <p>
              <strong>{t("feedback.page")}:</strong> {item.page}
            </p>
          )}
          <p className="privacy-message">{item.message}</p>
          {item.email && (
            <p>
              <strong>{t("feedback.reply")}:</strong> <a href={`mailto:${item.email}`}>{item.email}</a>
            </p>
          )}
        </article>
      ))}
      {list.data?.next_cursor && (
        <button type="button" className="button" onClick={() => setCursor(list.data.next_cursor ?? null)}>
          {t("more")}
        </button>
      )}
    </div>
  );
}
