import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { SessionContributions } from "./SessionContributions";
import { SessionPhases } from "./SessionPhases";
import { advancePhase, choosePresentation, sessionKeys, takeHome, useSession } from "./queries";
import type { PeerSession } from "./queries";
import { VideoLinkRow } from "./VideoLinkRow";
import "../ui/page.css";
import "./peer.css";

/**
 * A peer session as its participants see it, kept current by polling: the phase with its
 * purpose and timebox, the people and their roles, the offered presentations and the
 * group's choice, and what was written phase by phase. The moderator advances the phases;
 * the case giver takes the result home once the session has closed.
 */
export default function SessionPage() {
  const { sessionId = "" } = useParams();
  const { t } = useTranslation("peer");
  const session = useSession(sessionId);
  useDocumentTitle(session.data ? t("session.heading", { group: session.data.group_name }) : t("session.title"));
  if (!session.data) return <QueryStatus query={session} />;
  return <SessionView session={session.data} />;
}

function SessionView({ session }: { session: PeerSession }) {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [consultationId, setConsultationId] = useState<string | null>(session.home_consultation_id);
  const moderates = session.my_role === "moderator";
  const updated = (next: PeerSession) => {
    setFailure(null);
    queryClient.setQueryData(sessionKeys.one(next.id), next);
  };
  const advance = useMutation({ mutationFn: () => advancePhase(session), onSuccess: updated, onError: setFailure });
  const choose = useMutation({
    mutationFn: (presentationId: string) => choosePresentation(session, presentationId),
    onSuccess: updated,
    onError: setFailure,
  });
  const home = useMutation({
    mutationFn: () => takeHome(session),
    onSuccess: (consultation) => {
      setFailure(null);
      setConsultationId(consultation.id);
      void queryClient.invalidateQueries({ queryKey: sessionKeys.one(session.id) });
    },
    onError: setFailure,
  });
  const choosable = moderates && (session.phase === null || session.phase === "roles");
  const homeId = consultationId ?? session.home_consultation_id;

  return (
    <div className="peer-page">
      <p className="breadcrumb">
        <Link to={paths.peer.index}>{t("title")}</Link> › <Link to={paths.peer.group(session.group_id)}>{session.group_name}</Link>
      </p>
      <h1>{t("session.heading", { group: session.group_name })}</h1>
      {failure !== null && <ErrorNotice error={failure} />}
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("session.startsAt")}</dt>
          <dd>
            {format.dateTime(session.starts_at)} ({t("session.minutes", { count: session.duration_minutes })})
          </dd>
        </div>
        <VideoLinkRow link={session.video_link} />
        <div className="detail-row">
          <dt>{t("session.myRole")}</dt>
          <dd>{session.my_role ? t(`session.roles.${session.my_role}`) : "–"}</dd>
        </div>
      </dl>

      <SessionPhases session={session} />
      {moderates && session.status !== "closed" && (
        <div className="button-row">
          <button type="button" className="button button-primary" disabled={advance.isPending} onClick={() => advance.mutate()}>
            {session.phase === null ? t("session.start") : session.phase === "closing" ? t("session.close") : t("session.next")}
          </button>
        </div>
      )}

      {session.status !== "planned" && <SessionContributions session={session} />}

      <section className="panel" aria-labelledby="candidates-heading">
        <h2 id="candidates-heading">{t("session.candidates")}</h2>
        {session.candidates.length === 0 && <p className="empty">{t("session.noCandidates")}</p>}
        <ul className="peer-candidates">
          {session.candidates.map((candidate) => (
            <li key={candidate.id}>
              {candidate.available ? (
                <Link to={paths.peer.presentation(candidate.id)}>{candidate.title}</Link>
              ) : (
                <span>{candidate.title || t("session.withdrawn")}</span>
              )}{" "}
              — {candidate.author_name}
              {candidate.id === session.presentation_id && <span className="badge badge-success">{t("session.chosen")}</span>}
              {choosable && candidate.available && candidate.id !== session.presentation_id && (
                <button
                  type="button"
                  className="button button-secondary peer-choose"
                  disabled={choose.isPending}
                  onClick={() => choose.mutate(candidate.id)}
                >
                  {t("session.choose", { title: candidate.title })}
                </button>
              )}
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="people-heading">
        <h2 id="people-heading">{t("session.people")}</h2>
        <ul className="peer-people">
          {session.people.map((person) => (
            <li key={person.user_id}>
              {person.full_name} ({person.municipality_name}) — {t(`session.roles.${person.role}`)}
            </li>
          ))}
        </ul>
      </section>

      {session.status === "closed" && session.my_role === "case_giver" && (
        <section className="panel" aria-labelledby="home-heading">
          <h2 id="home-heading">{t("session.home.heading")}</h2>
          {homeId ? (
            <p role="status">
              {t("session.home.done")} <Link to={paths.consultations.detail(homeId)}>{t("session.home.open")}</Link>
            </p>
          ) : (
            <>
              <p>{t("session.home.explain")}</p>
              <button type="button" className="button button-primary" disabled={home.isPending} onClick={() => home.mutate()}>
                {t("session.home.submit")}
              </button>
            </>
          )}
        </section>
      )}
    </div>
  );
}
