import { useTranslation } from "react-i18next";
import { useFormat } from "../ui/format";
import type { PeerSession } from "./queries";
import { PHASES } from "./sessionRules";

/**
 * The six phases as numbered steps with the current one marked, and what the current phase
 * is for with its timebox. The line under the steps is a live region: a phase change made by
 * the moderator is announced to everyone whose page polls it.
 */
export function SessionPhases({ session }: { session: PeerSession }) {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const current = session.phase;
  const state =
    session.status === "planned"
      ? t("session.planned")
      : session.status === "closed"
        ? t("session.closed")
        : t("session.phaseNow", { number: session.phase_number, phase: current ? t(`session.phases.${current}.name`) : "" });
  return (
    <section className="panel" aria-labelledby="phases-heading">
      <h2 id="phases-heading">{t("session.phasesHeading")}</h2>
      <ol className="peer-phases">
        {PHASES.map((phase) => (
          <li key={phase} aria-current={phase === current && session.status === "running" ? "step" : undefined}>
            {t(`session.phases.${phase}.name`)}
          </li>
        ))}
      </ol>
      <p role="status" className="peer-phase-now">
        {state}
      </p>
      {current && session.status === "running" && (
        <>
          <p>{t(`session.phases.${current}.purpose`)}</p>
          <p className="peer-muted">
            {t("session.timebox", { count: session.timebox_minutes ?? 0, since: format.dateTime(session.phase_started_at) })}
          </p>
        </>
      )}
    </section>
  );
}
