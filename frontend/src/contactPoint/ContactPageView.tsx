import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../paths";
import "./contactPoint.css";

export interface PageContent {
  municipalityName: string;
  offer: string;
  limits: string;
  emergency: string;
  point: { name: string; address: string; hours: string; phone: string; email: string };
  managers: readonly { name: string; office: string; reach: string }[];
}

/** What the public sees: the same view on `/kontakt/<slug>` and in the editor's preview. */
export function ContactPageView({ content, headingLevel = 1, children }: {
  content: PageContent;
  /** 2 inside the editor, where the page has its own heading. */
  headingLevel?: 1 | 2;
  /** The button to ask for help, or the form. */
  children?: ReactNode;
}) {
  const { t } = useTranslation("contactPoint");
  const Title = headingLevel === 1 ? "h1" : "h2";
  const Sub = headingLevel === 1 ? "h2" : "h3";
  const { point } = content;
  return (
    <article className="contact-public">
      <Title>{t("public.title", { name: content.municipalityName })}</Title>
      <p className="lead">{t("public.lead")}</p>
      <p>
        <Link to={paths.easyLanguage} lang="de">
          {t("public.easyLanguage")}
        </Link>
      </p>

      <section className="contact-section contact-emergency" aria-labelledby="contact-emergency">
        <Sub id="contact-emergency">{t("public.emergencyHeading")}</Sub>
        <p className="contact-text">{content.emergency || t("public.emergencyDefault")}</p>
      </section>

      {children}

      {content.offer && (
        <section className="contact-section" aria-labelledby="contact-offer">
          <Sub id="contact-offer">{t("public.offerHeading")}</Sub>
          <p className="contact-text">{content.offer}</p>
        </section>
      )}
      {content.limits && (
        <section className="contact-section" aria-labelledby="contact-limits">
          <Sub id="contact-limits">{t("public.limitsHeading")}</Sub>
          <p className="contact-text">{content.limits}</p>
        </section>
      )}

      {point.name && (
        <section className="contact-section" aria-labelledby="contact-point">
          <Sub id="contact-point">{t("public.pointHeading")}</Sub>
          <p>
            <strong>{point.name}</strong>
          </p>
          <dl className="detail-list">
            {point.address && (
              <div className="detail-row">
                <dt>{t("public.address")}</dt>
                <dd className="contact-text">{point.address}</dd>
              </div>
            )}
            {point.hours && (
              <div className="detail-row">
                <dt>{t("public.hours")}</dt>
                <dd className="contact-text">{point.hours}</dd>
              </div>
            )}
            {point.phone && (
              <div className="detail-row">
                <dt>{t("public.phone")}</dt>
                <dd>
                  <a href={`tel:${point.phone.replace(/[^0-9+]/g, "")}`}>{point.phone}</a>
                </dd>
              </div>
            )}
            {point.email && (
              <div className="detail-row">
                <dt>{t("public.email")}</dt>
                <dd>
                  <a href={`mailto:${point.email}`}>{point.email}</a>
                </dd>
              </div>
            )}
          </dl>
        </section>
      )}

      {content.managers.length > 0 && (
        <section className="contact-section" aria-labelledby="contact-managers">
          <Sub id="contact-managers">{t("public.managersHeading")}</Sub>
          <p>{t("public.managersIntro")}</p>
          <ul className="contact-managers">
            {content.managers.map((manager) => (
              <li key={`${manager.name}-${manager.office}`}>
                <strong>{manager.name}</strong>
                <br />
                {manager.office}
                <br />
                <span className="contact-text">{manager.reach}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </article>
  );
}
