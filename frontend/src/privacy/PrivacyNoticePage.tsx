import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import "./privacy.css";

const PARTS = ["controller", "what", "why", "recipients", "retention", "rights", "security"] as const;

/** Public privacy notice (Art. 13/14 GDPR): who processes what, why, and the person's rights. */
export default function PrivacyNoticePage() {
  const { t } = useTranslation("privacy");
  useDocumentTitle(t("notice.title"));
  return (
    <PublicLayout>
      <article className="privacy-notice">
        <h1>{t("notice.title")}</h1>
        {PARTS.map((part) => (
          <section key={part}>
            <h2>{t(`notice.${part}.title`)}</h2>
            <p>{t(`notice.${part}.text`)}</p>
          </section>
        ))}
        <p>
          <Link to={paths.easyLanguage} lang="de">
            {t("notice.easyLanguage")}
          </Link>
        </p>
      </article>
    </PublicLayout>
  );
}
