import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../paths";

/** The footer of every page: the accessibility statement, Leichte Sprache, the privacy notice. */
export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="site-footer">
      <span>{t("layout.footer")}</span>
      <nav aria-label={t("layout.footerNav")} className="site-footer-links">
        <Link to={paths.accessibilityStatement}>{t("layout.accessibility")}</Link>
        <Link to={paths.easyLanguage} lang="de">
          {t("layout.easyLanguage")}
        </Link>
        <Link to={paths.privacyNotice}>{t("layout.privacy")}</Link>
      </nav>
    </footer>
  );
}
