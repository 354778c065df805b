import { useEffect } from "react";
import { useTranslation } from "react-i18next";

/** Sets `document.title` to "<page> – KoKoMa" in the current language. */
export function useDocumentTitle(page: string): void {
  const { t } = useTranslation();
  const title = t("app.titleTemplate", { page });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
