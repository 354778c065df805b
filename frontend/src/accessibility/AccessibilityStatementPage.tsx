import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { PublicLayout } from "../layout/PublicLayout";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { usePublicTexts } from "../privacy";
import { useSendFeedback } from "./queries";
import "./accessibility.css";

const LIMITATIONS = ["networkMap", "pdf", "apiDocs", "easyLanguage"] as const;

/** Erklärung zur Barrierefreiheit (BITV 2.0): status, limitations, feedback, enforcement. */
export default function AccessibilityStatementPage() {
  const { t } = useTranslation("accessibility");
  const { slug } = useParams();
  useDocumentTitle(t("statement.title"));
  return (
    <PublicLayout>
      <article className="statement">
        <h1>{t("statement.title")}</h1>
        <p>{t("statement.scope")}</p>
        <h2>{t("statement.statusTitle")}</h2>
        <p>{t("statement.status")}</p>
        <h2>{t("statement.limitationsTitle")}</h2>
        <ul>
          {LIMITATIONS.map((key) => (
            <li key={key}>{t(`statement.limitations.${key}`)}</li>
          ))}
        </ul>
        <h2>{t("statement.preparedTitle")}</h2>
        <p>{t("statement.prepared")}</p>
        <p>
          <Link to={paths.easyLanguage} lang="de">
            {t("statement.easyLanguageLink")}
          </Link>
        </p>
        <h2 id="feedback-title">{t("feedback.title")}</h2>
        <p>{t("feedback.intro")}</p>
        <FeedbackForm slug={slug} />
        <h2>{t("statement.enforcementTitle")}</h2>
        {slug ? (
          <MunicipalityEnforcement slug={slug} />
        ) : (
          <>
            <p>{t("statement.enforcement")}</p>
            <address className="statement-address">
              {t("statement.enforcementBody")}
              <br />
              Mauerstraße 53, 10117 Berlin
              <br />
              <a href="https://www.schlichtungsstelle-bgg.de">www.schlichtungsstelle-bgg.de</a>
            </address>
            <p>{t("statement.enforcementState")}</p>
          </>
        )}
      </article>
    </PublicLayout>
  );
}

/** The enforcement body the municipality names, or the marked default it has not replaced. */
function MunicipalityEnforcement({ slug }: { slug: string }) {
  const { t, i18n } = useTranslation("accessibility");
  const texts = usePublicTexts(slug);
  if (texts.isPending) return <LoadingStatus />;
  if (texts.isError) return <ErrorNotice error={texts.error} />;
  const body = texts.data.enforcement_body;
  return (
    <>
      <p>{t("statement.enforcementOf", { name: texts.data.municipality })}</p>
      {body.is_default && <p className="notice notice-info">{t("statement.enforcementDefault")}</p>}
      <div className="statement-address" lang={i18n.language === "de" ? undefined : "de"}>
        {body.body.split("\n").map((line, index) => (line.trim() ? <p key={index}>{line}</p> : null))}
      </div>
    </>
  );
}

function FeedbackForm({ slug }: { slug?: string }) {
  const { t } = useTranslation("accessibility");
  const send = useSendFeedback();
  const [message, setMessage] = useState("");
  const [page, setPage] = useState("");
  const [email, setEmail] = useState("");
  const [municipality, setMunicipality] = useState(slug ?? "");

  if (send.isSuccess) {
    return (
      <p className="notice notice-info" role="status">
        {t("feedback.thanks")}
      </p>
    );
  }
  return (
    <form
      className="form statement-form"
      aria-labelledby="feedback-title"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate({
          message: message.trim(),
          page: page.trim() || null,
          email: email.trim() || null,
          municipality: municipality.trim() || null,
        });
      }}
    >
      <Field id="feedback-message" label={t("feedback.message")} hint={t("feedback.messageHint")} required>
        {(control) => (
          <textarea
            {...control}
            rows={5}
            minLength={5}
            maxLength={4000}
            required
            value={message}
            onChange={(event) => setMessage(event.target.value)}
          />
        )}
      </Field>
      <Field id="feedback-page" label={t("feedback.page")}>
        {(control) => (
          <input {...control} type="text" maxLength={500} value={page} onChange={(event) => setPage(event.target.value)} />
        )}
      </Field>
      <Field id="feedback-municipality" label={t("feedback.municipality")} hint={t("feedback.municipalityHint")}>
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={40}
            value={municipality}
            onChange={(event) => setMunicipality(event.target.value)}
          />
        )}
      </Field>
      <Field id="feedback-email" label={t("feedback.email")} hint={t("feedback.emailHint")}>
        {(control) => (
          <input
            {...control}
            type="email"
            autoComplete="email"
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        )}
      </Field>
      {send.isError && <ErrorNotice error={send.error} />}
      <button type="submit" className="button button-primary" disabled={send.isPending}>
        {t("feedback.submit")}
      </button>
    </form>
  );
}
