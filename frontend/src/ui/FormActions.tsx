import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The buttons under a form: save (busy while saving) and cancel back to where the user came from. */
export function FormActions({ saving, cancelTo, disabled }: { saving: boolean; cancelTo: string; disabled?: boolean }) {
  const { t } = useTranslation("ui");
  return (
    <div className="button-row">
      <button type="submit" className="button button-primary" disabled={saving || disabled}>
        {saving ? t("saving") : t("save")}
      </button>
      <Link className="button button-secondary" to={cancelTo}>
        {t("cancel")}
      </Link>
    </div>
  );
}
