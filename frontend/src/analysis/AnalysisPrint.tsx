import { useTranslation } from "react-i18next";
import type { AnalysisContent } from "./model";

const CAUSES = ["situational", "institutional", "individual", "cultural"] as const;
const CONCLUSIONS = ["resources", "hypotheses", "options", "recommendations"] as const;

/**
 * The analysis's texts as they print: the parties with their positions, the issues, the
 * causes and the conclusions. On screen the form shows them; on paper the form gives way
 * to this (see analysis.css), after the map, the course chart and their tables.
 */
export function AnalysisPrint({ content }: { content: AnalysisContent }) {
  const { t } = useTranslation("analysis");
  const actors = content.actors ?? [];
  const issues = content.issues ?? [];
  const causes = CAUSES.filter((key) => content.causes?.[key]);
  const conclusions = CONCLUSIONS.filter((key) => content[key]);
  return (
    <section className="analysis-print-only" aria-labelledby="analysis-print-heading">
      <h2 id="analysis-print-heading">{t("print.heading")}</h2>
      {actors.length > 0 && (
        <>
          <h3>{t("section.actors")}</h3>
          <dl>
            {actors.map((actor) => (
              <div key={actor.key}>
                <dt>{actor.label}</dt>
                {(["stance", "interests", "needs"] as const)
                  .filter((field) => actor[field])
                  .map((field) => (
                    <dd key={field}>
                      {t(`actor.${field}`)}: {actor[field]}
                    </dd>
                  ))}
              </div>
            ))}
          </dl>
        </>
      )}
      {issues.length > 0 && (
        <>
          <h3>{t("section.issues")}</h3>
          <ul>
            {issues.map((issue, index) => (
              <li key={index}>
                {issue.text} ({t(`issue.${issue.weight ?? "core"}`)})
              </li>
            ))}
          </ul>
        </>
      )}
      <Texts heading={t("section.causes")} items={causes.map((key) => [t(`causes.${key}`), content.causes?.[key] ?? ""])} />
      <Texts heading={t("section.conclusions")} items={conclusions.map((key) => [t(`conclusions.${key}`), content[key] ?? ""])} />
    </section>
  );
}

/** A heading and its named texts; nothing when there are none. */
function Texts({ heading, items }: { heading: string; items: [string, string][] }) {
  if (items.length === 0) return null;
  return (
    <>
      <h3>{heading}</h3>
      <dl>
        {items.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
