import "./ui.css";
import { useTranslation } from "react-i18next";
import { useFormat } from "./format";

/** Says that a form was filled from a saved draft, and offers to throw the draft away. */
export function DraftNotice({ savedAt, onDiscard }: { savedAt: string; onDiscard: () => void }) {
  const { t } = useTranslation("ui");
  const format = useFormat();
  return (
    <div className="notice notice-info draft-notice" role="status">
      <p>{t("draft.restored", { time: format.dateTime(savedAt) })}</p>
      <button type="button" className="button button-secondary" onClick={onDiscard}>
        {t("draft.discard")}
      </button>
    </div>
  );
}
