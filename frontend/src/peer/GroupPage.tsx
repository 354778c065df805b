import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { FlashNotice } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { paths } from "../paths";
import { GroupInvitations } from "./GroupInvitations";
import { GroupSessions } from "./GroupSessions";
import { PresentationStatusBadge } from "./PresentationStatusBadge";
import { acceptAgreement, peerKeys, rotateModerator, useGroup, usePresentations } from "./queries";
import type { PeerGroup } from "./queries";
import { VideoLinkRow } from "./VideoLinkRow";
import "../ui/page.css";
import "./peer.css";

/**
 * A peer group as its members see it: schedule, video link, the confidentiality agreement
 * (accepted before taking part), the members with their roles and municipalities, and the
 * presentations shared with the group. Moderators and administrators invite by
 * address (see GroupInvitations) and rotate.
 */
export default function GroupPage() {
  const { groupId = "" } = useParams();
  const { t } = useTranslation("peer");
  const group = useGroup(groupId);
  useDocumentTitle(group.data?.name ?? t("group.heading"));
  if (!group.data) return <QueryStatus query={group} />;
  return <GroupView group={group.data} />;
}

function GroupView({ group }: { group: PeerGroup }) {
  const { t } = useTranslation("peer");
  const queryClient = useQueryClient();
  const [failure, setFailure] = useState<unknown>(null);
  const [status, setStatus] = useState("");
  const takesPart = group.my_role !== null && group.my_agreement_accepted;
  const presentations = usePresentations(group.id, takesPart);

  const done = (message: string) => (updated: PeerGroup) => {
    setFailure(null);
    setStatus(message);
    queryClient.setQueryData(peerKeys.group(updated.id), updated);
    void queryClient.invalidateQueries({ queryKey: peerKeys.all });
  };
  const accept = useMutation({
    mutationFn: () => acceptAgreement(group),
    onSuccess: done(t("agreement.accepted")),
    onError: setFailure,
  });
  const rotate = useMutation({
    mutationFn: () => rotateModerator(group),
    onSuccess: done(t("members.rotated")),
    onError: setFailure,
  });

  return (
    <div className="peer-page">
      <p className="breadcrumb">
        <Link to={paths.peer.index}>{t("title")}</Link>
      </p>
      <h1>{group.name}</h1>
      <FlashNotice />
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      <dl className="detail-list">
        <div className="detail-row">
          <dt>{t("group.fields.schedule")}</dt>
          <dd>{group.schedule || "–"}</dd>
        </div>
        <VideoLinkRow link={group.video_link} />
        <div className="detail-row">
          <dt>{t("group.municipalities")}</dt>
          <dd>{group.municipality_count}</dd>
        </div>
      </dl>

      <section className="panel" aria-labelledby="agreement-heading">
        <h2 id="agreement-heading">{t("agreement.heading", { version: group.agreement_version })}</h2>
        <p className="peer-agreement">{group.agreement_text}</p>
        {group.my_role !== null &&
          (group.my_agreement_accepted ? (
            <p className="badge badge-success">{t("agreement.done")}</p>
          ) : (
            <>
              <p>{t("agreement.explain")}</p>
              <button type="button" className="button button-primary" disabled={accept.isPending} onClick={() => accept.mutate()}>
                {t("agreement.accept")}
              </button>
            </>
          ))}
      </section>

      <section className="panel" aria-labelledby="members-heading">
        <h2 id="members-heading">{t("members.heading", { count: group.members.length })}</h2>
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t("members.heading", { count: group.members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.municipality")}</th>
                <th scope="col">{t("members.role")}</th>
                <th scope="col">{t("members.agreement")}</th>
              </tr>
            </thead>
            <tbody>
              {group.members.map((member) => (
                <tr key={member.id}>
                  <td>{member.full_name}</td>
                  <td>{member.municipality_name}</td>
                  <td>
                    {t(`members.userRoles.${member.user_role}`, { defaultValue: member.user_role })}
                    {member.role === "moderator" && <> · {t("members.moderator")}</>}
                  </td>
                  <td>{member.agreement_accepted ? t("members.accepted") : t("members.notAccepted")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {group.can_manage && (
          <div className="button-row">
            <button type="button" className="button button-secondary" disabled={rotate.isPending} onClick={() => rotate.mutate()}>
              {t("members.rotate")}
            </button>
          </div>
        )}
      </section>

      {group.can_manage && <GroupInvitations groupId={group.id} />}

      {takesPart && <GroupSessions group={group} />}

      {takesPart && (
        <section className="panel" aria-labelledby="shared-heading">
          <h2 id="shared-heading">{t("presentations.shared")}</h2>
          <QueryStatus query={presentations} />
          {presentations.data && presentations.data.items.length === 0 && (
            <p className="empty">{t("presentations.noneShared")}</p>
          )}
          <ul>
            {presentations.data?.items.map((item) => (
              <li key={item.id}>
                <Link to={paths.peer.presentation(item.id)}>{item.title}</Link> — {item.author_name} (
                {item.author_municipality}) <PresentationStatusBadge status={item.status} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
