import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { SectionKey } from "./navigation";
import { useDocumentTitle } from "./useDocumentTitle";

/** Stands in for a work area whose pages are not built yet. */
export default function SectionPlaceholder({ section }: { section: SectionKey }) {
  const { t } = useTranslation();
  const title = t(`nav.${section}`);
  useDocumentTitle(title);
  return (
    <section className="content-narrow">
      <h1>{title}</h1>
      <p className="lead">{t(`areas.${section}`)}</p>
      <p className="notice notice-info">{t("placeholder.text")}</p>
      <p>
        <Link to="/">{t("placeholder.back")}</Link>
      </p>
    </section>
  );
}
