/** The six phases of a kollegiale Fallberatung and who writes what in them (the API checks the same). */
import type { ContributionKind, PeerSession, SessionPhase } from "./queries";

export const PHASES: readonly SessionPhase[] = ["roles", "case", "key_question", "method", "consultation", "closing"];

export const PHASE_KINDS: Record<SessionPhase, readonly ContributionKind[]> = {
  roles: [],
  case: ["question"],
  key_question: ["key_question"],
  method: ["method"],
  consultation: ["question", "hypothesis", "idea"],
  closing: ["resonance"],
};

/** What the caller may write in the session's current phase (nothing when it is not running). */
export function writableKinds(session: PeerSession): readonly ContributionKind[] {
  const role = session.my_role;
  if (session.status !== "running" || !session.phase || !role || role === "observer") return [];
  // The case giver listens and stays silent during hypotheses and ideas.
  if (role === "case_giver" && session.phase === "consultation") return [];
  const kinds = PHASE_KINDS[session.phase];
  if (session.phase === "key_question") return role === "case_giver" ? kinds : [];
  return kinds;
}
