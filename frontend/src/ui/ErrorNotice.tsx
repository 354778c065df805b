import { useTranslation } from "react-i18next";
import { problemMessage } from "./problems";

/** A failed load, said in words, with a way to try again. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation("ui");
  return (
    <div className="notice notice-error" role="alert">
      <p>{problemMessage(error, t)}</p>
      {onRetry && (
        <button type="button" className="button button-secondary" onClick={onRetry}>
          {t("retry")}
        </button>
      )}
    </div>
  );
}
