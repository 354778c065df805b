import { useTranslation } from "react-i18next";

export function LoadingStatus({ fullPage = false }: { fullPage?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className={fullPage ? "loading loading-page" : "loading"} role="status">
      <span className="spinner" aria-hidden="true" />
      {t("common.loading")}
    </div>
  );
}
