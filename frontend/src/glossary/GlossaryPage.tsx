import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import "./glossary.css";

/** The terms in the order a newcomer meets them; each is an anchor (`/glossary#referral`). */
export const TERMS = [
  "glasl",
  "analysis",
  "conflictMap",
  "consultation",
  "referral",
  "peerConsultation",
  "crisisPlan",
  "processSupport",
  "steeringGroup",
  "partnership",
  "democracy",
  "qualification",
] as const;
export type Term = (typeof TERMS)[number];

const STAGE_LEVELS = [
  { key: "winWin", stages: [1, 2, 3] },
  { key: "winLose", stages: [4, 5, 6] },
  { key: "loseLose", stages: [7, 8, 9] },
] as const;

const HELP = ["moderation", "processSupport", "mediation", "arbitration", "powerIntervention"] as const;

function GlaslStages() {
  const { t } = useTranslation("glossary");
  const { t: tCases } = useTranslation("cases");
  return (
    <>
      {STAGE_LEVELS.map((level) => (
        <section key={level.key} aria-labelledby={`glasl-${level.key}`}>
          <h3 id={`glasl-${level.key}`}>{t(`levels.${level.key}`)}</h3>
          <dl className="glossary-stages">
            {level.stages.map((stage) => (
              <div key={stage}>
                <dt>{tCases("levelNamed", { level: stage, name: tCases(`glasl.${stage}` as "glasl.1") })}</dt>
                <dd>{t(`stages.${stage}` as "stages.1")}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
      <h3>{t("help.title")}</h3>
      <ul>
        {HELP.map((help) => (
          <li key={help}>{t(`help.${help}`)}</li>
        ))}
      </ul>
      <p className="field-hint">{t("guidance")}</p>
    </>
  );
}

/** The method's terms for new staff; the Glasl field of a case links here. */
export default function GlossaryPage() {
  const { t } = useTranslation("glossary");
  const { hash } = useLocation();
  useDocumentTitle(t("title"));

  // Opened at a term (from a form's hint): bring it into view and put the focus there,
  // after the shell has moved the focus to the new page's content.
  useEffect(() => {
    const target = hash ? document.getElementById(decodeURIComponent(hash.slice(1))) : null;
    if (!target) return;
    const timer = window.setTimeout(() => {
      target.scrollIntoView();
      target.focus();
    });
    return () => window.clearTimeout(timer);
  }, [hash]);

  return (
    <article className="content-narrow glossary">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <nav aria-label={t("contents")}>
        <ul className="glossary-contents">
          {TERMS.map((term) => (
            <li key={term}>
              <a href={`#${term}`}>{t(`terms.${term}.term`)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {TERMS.map((term) => (
        <section key={term} aria-labelledby={term} className="glossary-term">
          <h2 id={term} tabIndex={-1}>
            {t(`terms.${term}.term`)}
          </h2>
          <p>{t(`terms.${term}.text`)}</p>
          {term === "glasl" && <GlaslStages />}
        </section>
      ))}
    </article>
  );
}
