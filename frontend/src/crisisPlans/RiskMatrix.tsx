import { useTranslation } from "react-i18next";
import type { Scenario } from "./model";
import { riskBand } from "./model";

const SCALE = [1, 2, 3, 4, 5] as const;

/**
 * The 5×5 risk matrix: likelihood in rows (5 at the top), impact in columns. A real table,
 * so screen readers name each cell by its row and column; the list below says the same in words.
 */
export function RiskMatrix({ scenarios }: { scenarios: readonly Scenario[] }) {
  const { t } = useTranslation("crisisPlans");
  if (scenarios.length === 0) return <p className="empty">{t("matrix.empty")}</p>;
  const sorted = [...scenarios].sort((a, b) => b.likelihood * b.impact - a.likelihood * a.impact);
  return (
    <div className="risk">
      <div className="risk-scroll">
        <table className="risk-matrix">
          <caption>{t("matrix.caption")}</caption>
          <thead>
            <tr>
              <td className="risk-corner">
                <span className="visually-hidden">{t("matrix.corner")}</span>
              </td>
              {SCALE.map((impact) => (
                <th key={impact} scope="col">
                  <span aria-hidden="true">{impact}</span>
                  <span className="visually-hidden">{t("matrix.impact", { value: impact })}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...SCALE].reverse().map((likelihood) => (
              <tr key={likelihood}>
                <th scope="row">
                  <span aria-hidden="true">{likelihood}</span>
                  <span className="visually-hidden">{t("matrix.likelihood", { value: likelihood })}</span>
                </th>
                {SCALE.map((impact) => {
                  const here = scenarios.filter((s) => s.likelihood === likelihood && s.impact === impact);
                  return (
                    <td key={impact} className={`risk-cell risk-${riskBand(likelihood, impact)}`}>
                      {here.map((s) => (
                        <span key={s.key} className="risk-chip">
                          {s.key}
                        </span>
                      ))}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t("matrix.textHeading")}</h3>
      <ul className="risk-text">
        {sorted.map((s) => (
          <li key={s.key}>
            <span className="risk-chip">{s.key}</span>{" "}
            {t("matrix.entry", {
              hazard: s.hazard,
              likelihood: s.likelihood,
              impact: s.impact,
              score: s.likelihood * s.impact,
              band: t(`matrix.band.${riskBand(s.likelihood, s.impact)}`),
            })}
          </li>
        ))}
      </ul>
    </div>
  );
}
