import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { ErrorNotice } from "../ui/ErrorNotice";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { inviteAddress, peerKeys, useGroupInvitations, withdrawInvitation } from "./queries";
import type { PendingInvitation } from "./queries";

/**
 * Inviting by e-mail address and the open invitations (moderators and administrators).
 * The answer is the same for every address: the list shows addresses, never whether
 * they belong to an account.
 */
export function GroupInvitations({ groupId }: { groupId: string }) {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const queryClient = useQueryClient();
  const invitations = useGroupInvitations(groupId, true);
  const [email, setEmail] = useState("");
  const [status, setStatus] = useState("");
  const [failure, setFailure] = useState<unknown>(null);
  const refresh = (message: string) => {
    setFailure(null);
    setStatus(message);
    void queryClient.invalidateQueries({ queryKey: peerKeys.invitations(groupId) });
  };
  const invite = useMutation({
    mutationFn: () => inviteAddress(groupId, email.trim()),
    onSuccess: () => {
      refresh(t("invitations.sent", { email: email.trim() }));
      setEmail("");
    },
    onError: setFailure,
  });
  const withdraw = useMutation({
    mutationFn: (invitation: PendingInvitation) => withdrawInvitation(groupId, invitation),
    onSuccess: (_, invitation) => refresh(t("invitations.withdrawn", { email: invitation.email })),
    onError: setFailure,
  });
  const onInvite = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) invite.mutate();
  };

  return (
    <section className="panel" aria-labelledby="invitations-heading">
      <h2 id="invitations-heading">{t("invitations.heading")}</h2>
      <p className="muted">{t("invitations.explain")}</p>
      <p role="status" className="visually-hidden">
        {status}
      </p>
      {failure !== null && <ErrorNotice error={failure} />}
      <form className="inline-form" onSubmit={onInvite}>
        <label htmlFor="invite-email">{t("members.inviteLabel")}</label>
        <input id="invite-email" type="email" value={email} maxLength={254} onChange={(e) => setEmail(e.target.value)} />
        <button type="submit" className="button button-secondary" disabled={invite.isPending || !email.trim()}>
          {t("members.invite")}
        </button>
      </form>
      <QueryStatus query={invitations} />
      {invitations.data && invitations.data.length === 0 && <p className="empty">{t("invitations.none")}</p>}
      {invitations.data && invitations.data.length > 0 && (
        <ul className="peer-invitations">
          {invitations.data.map((invitation) => (
            <li key={invitation.id}>
              <span className="peer-invitation-address">{invitation.email}</span>{" "}
              {t("invitations.until", { date: format.date(invitation.expires_at) })}{" "}
              <button
                type="button"
                className="button button-secondary"
                disabled={withdraw.isPending}
                aria-label={t("invitations.withdrawFor", { email: invitation.email })}
                onClick={() => withdraw.mutate(invitation)}
              >
                {t("invitations.withdraw")}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
