import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { PublicLayout } from "../layout/PublicLayout";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { TextDocument } from "./TextDocument";
import { usePublicMunicipalities, usePublicTexts } from "./queries";
import "./privacy.css";

const PARTS = ["controller", "what", "why", "recipients", "retention", "rights", "security"] as const;

/**
 * Public privacy notice (Art. 13/14 GDPR): who processes what, why, and the person's rights.
 * `/datenschutz/<municipality>` shows the text the municipality keeps (or the one written for it).
 */
export default function PrivacyNoticePage() {
  const { t } = useTranslation("privacy");
  const { slug } = useParams();
  useDocumentTitle(t("notice.title"));
  return (
    <PublicLayout>
      <article className="privacy-notice">
        <h1>{t("notice.title")}</h1>
        {slug ? <MunicipalityNotice slug={slug} /> : <GeneralNotice />}
        <p>
          <Link to={paths.easyLanguage} lang="de">
            {t("notice.easyLanguage")}
          </Link>
        </p>
      </article>
    </PublicLayout>
  );
}

function MunicipalityNotice({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation("privacy");
  const texts = usePublicTexts(slug);
  if (texts.isPending) return <LoadingStatus />;
  if (texts.isError) return <ErrorNotice error={texts.error} />;
  return (
    <>
      <p className="lead">{t("notice.of", { name: texts.data.municipality })}</p>
      {/* The municipality writes in German. */}
      <div lang={i18n.language === "de" ? undefined : "de"}>
        <TextDocument text={texts.data.privacy_notice.body} />
      </div>
      <p>
        <Link to={paths.privacyNotice}>{t("notice.all")}</Link>
      </p>
    </>
  );
}

function GeneralNotice() {
  const { t } = useTranslation("privacy");
  const municipalities = usePublicMunicipalities();
  return (
    <>
      {PARTS.map((part) => (
        <section key={part}>
          <h2>{t(`notice.${part}.title`)}</h2>
          <p>{t(`notice.${part}.text`)}</p>
        </section>
      ))}
      {municipalities.data && municipalities.data.length > 0 && (
        <section>
          <h2>{t("notice.municipalities")}</h2>
          <ul>
            {municipalities.data.map((m) => (
              <li key={m.slug}>
                <Link to={paths.privacyNoticeOf(m.slug)}>{m.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
