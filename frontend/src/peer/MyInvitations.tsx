import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { invitationAnswers, peerKeys, useMyInvitations } from "./queries";
import type { MyInvitation } from "./queries";

/**
 * Invitations into peer groups addressed to the signed-in colleague: accepting makes
 * them a member (the group's agreement follows on the group page), declining is not
 * told to the inviters. Shown only while there are any.
 */
export function MyInvitations() {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const invitations = useMyInvitations(true);
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const accept = useMutation({
    mutationFn: invitationAnswers.accept,
    onSuccess: (group) => {
      void queryClient.invalidateQueries({ queryKey: peerKeys.all });
      void navigate(paths.peer.group(group.id));
    },
    onError: setFailure,
  });
  const decline = useMutation({
    mutationFn: invitationAnswers.decline,
    onSuccess: (_, invitation: MyInvitation) => {
      setFailure(null);
      setStatus(t("myInvitations.declined", { group: invitation.group_name }));
      void queryClient.invalidateQueries({ queryKey: peerKeys.myInvitations });
    },
    onError: setFailure,
  });
  const busy = accept.isPending || decline.isPending;
  const items = invitations.data ?? [];

  return (
    <>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      {items.length > 0 && (
        <section className="panel" aria-labelledby="my-invitations-heading">
          <h2 id="my-invitations-heading">{t("myInvitations.heading")}</h2>
          <ul className="peer-cards">
            {items.map((invitation) => (
              <li key={invitation.id} className="peer-card">
                <h3>{invitation.group_name}</h3>
                <p>{invitation.schedule}</p>
                <p>
                  {t("groups.size", {
                    members: invitation.member_count,
                    municipalities: invitation.municipality_count,
                  })}
                </p>
                <p>{t("invitations.until", { date: format.date(invitation.expires_at) })}</p>
                <div className="button-row">
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={busy}
                    aria-label={t("myInvitations.acceptFor", { group: invitation.group_name })}
                    onClick={() => accept.mutate(invitation)}
                  >
                    {t("myInvitations.accept")}
                  </button>
                  <button
                    type="button"
                    className="button button-secondary"
                    disabled={busy}
                    aria-label={t("myInvitations.declineFor", { group: invitation.group_name })}
                    onClick={() => decline.mutate(invitation)}
                  >
                    {t("myInvitations.decline")}
                  </button>
                </div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
