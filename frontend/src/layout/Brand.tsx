import { useTranslation } from "react-i18next";

export function Brand() {
  const { t } = useTranslation();
  return (
    <span className="brand">
      <span className="brand-name">{t("app.name")}</span>
      <span className="brand-tagline">{t("app.tagline")}</span>
    </span>
  );
}
