import { useTranslation } from "react-i18next";
import type { AnalysisContent } from "./model";

/** Glasl's coarse mapping of third-party help to stages (DOMAIN.md), first and last stage. */
const HELP = [
  ["moderation", 1, 3],
  ["process_support", 3, 5],
  ["mediation", 4, 7],
  ["arbitration", 6, 8],
  ["authority", 7, 9],
] as const;

/** The kinds of third-party help that fit a stage, in the order of the mapping. */
export function helpFor(stage: number) {
  return HELP.filter(([, from, to]) => stage >= from && stage <= to).map(([kind]) => kind);
}

/** Which third-party help fits the highest assessed stage; labelled as guidance, not a rule. */
export function Guidance({ content, headingId }: { content: AnalysisContent; headingId: string }) {
  const { t } = useTranslation("analysis");
  const { t: tCases } = useTranslation("cases");
  const stages = (content.assessments ?? []).map((item) => item.stage);
  const highest = stages.length > 0 ? Math.max(...stages) : null;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("guidance.heading")}</h2>
      <p className="analysis-guidance-label">{t("guidance.label")}</p>
      {highest === null ? (
        <p className="empty">{t("guidance.none")}</p>
      ) : (
        <>
          <p>{t("guidance.forStage", { stage: highest, name: tCases(`glasl.${highest}` as "glasl.1") })}</p>
          <ul>
            {helpFor(highest).map((kind) => (
              <li key={kind}>{t(`guidance.kinds.${kind}`)}</li>
            ))}
          </ul>
          <p className="field-hint">{t("guidance.source")}</p>
        </>
      )}
    </section>
  );
}
