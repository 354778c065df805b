import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { useDocumentTitle } from "./useDocumentTitle";

/** Shown when a page fails to render or its code cannot be loaded (e.g. after a deployment). */
export default function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => {
    console.error(error);
  }, [error]);
  useDocumentTitle(t("errors.title"));
  return (
    <main className="content-narrow error-page" id="main-content" tabIndex={-1}>
      <h1>{t("errors.title")}</h1>
      <p>{t("errors.text")}</p>
      <button type="button" className="button button-primary" onClick={() => window.location.reload()}>
        {t("common.reload")}
      </button>
    </main>
  );
}
