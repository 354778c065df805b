import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { ConfirmDialog } from "../ui/Dialog";
import { ErrorNotice } from "../ui/ErrorNotice";
import { flash } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { paths } from "../paths";
import { AgendaPanel } from "./AgendaPanel";
import { AttendancePanel } from "./AttendancePanel";
import { MeetingDialog } from "./MeetingDialog";
import { canCancel, clockTime, hasBegun, meetingBadge } from "./model";
import {
  cancelMeeting,
  deleteMeeting,
  meetingWrites,
  sendInvitations,
  steeringKeys,
  useMeeting,
  useMeetingWrite,
} from "./queries";
import type { Invitations, Meeting } from "./queries";
import "../ui/page.css";
import "./steering.css";

/** One meeting: its frame, invitations, agenda with minutes, decisions and action items,
 * attendance, the approval of the minutes, or its cancellation. */
export default function MeetingPage() {
  const { meetingId = "" } = useParams();
  const { t } = useTranslation("steering");
  const query = useMeeting(meetingId);
  useDocumentTitle(query.data?.title ?? t("title"));
  return (
    <div className="steering-page">
      <p>
        <Link to={paths.steering.list}>{t("meeting.back")}</Link>
      </p>
      <QueryStatus query={query} />
      {query.data && <MeetingView meeting={query.data} />}
    </div>
  );
}

function MeetingView({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { can } = useSession();
  const approved = meeting.minutes_status === "approved";
  const cancelled = meeting.status === "cancelled";
  const writer = can(Permission.steeringWrite);
  const editable = writer && !approved && !cancelled;
  const badge = meetingBadge(meeting);
  const heading = useRef<HTMLHeadingElement>(null);
  const [dialog, setDialog] = useState<"edit" | "delete" | "approve" | "cancel" | null>(null);
  const [justCancelled, setJustCancelled] = useState(false);
  // The button that opened the dialog is gone: keyboard users go on from the heading, once
  // the dialog has closed (its effect runs first and hands focus back to the page).
  useEffect(() => {
    if (justCancelled && dialog === null) heading.current?.focus();
  }, [justCancelled, dialog]);
  const [notice, setNotice] = useState("");
  const [invited, setInvited] = useState<Invitations | null>(null);

  const approve = useMeetingWrite(() => meetingWrites.approve(meeting));
  const invite = useMutation({
    mutationFn: () => sendInvitations(meeting),
    onSuccess: (result) => {
      client.setQueryData(steeringKeys.meeting(meeting.id), result.meeting);
      setInvited(result);
    },
  });
  const cancel = useMutation({
    mutationFn: () => cancelMeeting(meeting),
    onSuccess: (result) => {
      client.setQueryData(steeringKeys.meeting(meeting.id), result.meeting);
      void client.invalidateQueries({ queryKey: ["steering", "list"] });
      void client.invalidateQueries({ queryKey: steeringKeys.overview });
      setDialog(null);
      const missing = result.without_address.length
        ? ` ${t("cancelMeeting.withoutAddress", { names: result.without_address.join(", ") })}`
        : "";
      setNotice(`${t("cancelMeeting.done", { users: result.users, contacts: result.contacts })}${missing}`);
      setJustCancelled(true);
    },
  });
  const remove = useMutation({
    mutationFn: () => deleteMeeting(meeting),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: steeringKeys.all });
      navigate(paths.steering.list, { state: flash(t("meeting.deleted")) });
    },
  });
  const close = () => setDialog(null);
  const when = t("timeRange", {
    date: format.date(meeting.starts_at),
    start: clockTime(meeting.starts_at, format.locale),
    end: clockTime(meeting.ends_at, format.locale),
  });

  return (
    <>
      <div className="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {meeting.title}
        </h1>
        <Badge tone={badge.tone}>{t(badge.label)}</Badge>
      </div>
      <p className="result-status" role="status">
        {notice}
      </p>
      {approved && <p className="notice notice-info">{t("meeting.readOnly")}</p>}
      {cancelled && meeting.cancelled_at && (
        <p className="notice notice-warning">{t("cancelMeeting.notice", { date: format.date(meeting.cancelled_at) })}</p>
      )}
      <section className="panel" aria-labelledby="steering-frame">
        <h2 id="steering-frame" className="visually-hidden">
          {t("meeting.when")}
        </h2>
        <dl className="detail-list">
          <dt>{t("meeting.when")}</dt>
          <dd>{when}</dd>
          {meeting.place && (
            <>
              <dt>{t("meeting.place")}</dt>
              <dd>{meeting.place}</dd>
            </>
          )}
          {meeting.video_url && (
            <>
              <dt>{t("meeting.video")}</dt>
              <dd>
                <a href={meeting.video_url} rel="noopener noreferrer">
                  {meeting.video_url}
                </a>
              </dd>
            </>
          )}
          <dt>{t("meeting.status")}</dt>
          <dd>
            {approved && meeting.approved_at
              ? t("meeting.approvedBy", { date: format.date(meeting.approved_at), name: meeting.approved_by_name ?? "" })
              : t("minutesStatus.draft")}
          </dd>
        </dl>
        {writer && !approved && (
          <div className="button-row">
            {editable && (
              <button type="button" className="button button-secondary" onClick={() => setDialog("edit")}>
                {t("meeting.edit")}
              </button>
            )}
            {editable && canCancel(meeting) && (
              <button type="button" className="button button-secondary" onClick={() => setDialog("cancel")}>
                {t("cancelMeeting.button")}
              </button>
            )}
            <button type="button" className="button button-secondary" onClick={() => setDialog("delete")}>
              {t("meeting.delete")}
            </button>
          </div>
        )}
      </section>

      {!approved && !cancelled && (
        <section className="panel" aria-labelledby="steering-invitations">
          <h2 id="steering-invitations">{t("invitations.heading")}</h2>
          <p>
            {meeting.invitations_sent_at
              ? t("invitations.sentAt", { date: format.dateTime(meeting.invitations_sent_at) })
              : t("invitations.none")}
          </p>
          {meeting.invitations_outdated && <p className="notice notice-warning">{t("invitations.outdated")}</p>}
          {editable && new Date(meeting.ends_at) > new Date() && (
            <>
              <p className="muted">{t("invitations.hint")}</p>
              <button type="button" className="button" disabled={invite.isPending} onClick={() => invite.mutate()}>
                {meeting.invitations_sent_at ? t("invitations.resend") : t("invitations.send")}
              </button>
            </>
          )}
          <div role="status">
            {invited && (
              <>
                <p>{t("invitations.result", { users: invited.users, contacts: invited.contacts })}</p>
                {invited.without_address.length > 0 && (
                  <p>{t("invitations.withoutAddress", { names: invited.without_address.join(", ") })}</p>
                )}
              </>
            )}
          </div>
          {invite.isError && <ErrorNotice error={invite.error} />}
        </section>
      )}

      <AgendaPanel meeting={meeting} editable={editable} />
      <AttendancePanel meeting={meeting} editable={editable} />

      {editable && (
        <section className="panel" aria-labelledby="steering-approve">
          <h2 id="steering-approve">{t("approve.button")}</h2>
          {hasBegun(meeting) ? (
            <button type="button" className="button button-primary" onClick={() => setDialog("approve")}>
              {t("approve.button")}
            </button>
          ) : (
            <p className="muted">{t("approve.notYet")}</p>
          )}
        </section>
      )}

      {dialog === "edit" && <MeetingDialog meeting={meeting} onClose={close} onSaved={close} />}
      <ConfirmDialog
        open={dialog === "delete"}
        title={t("meeting.deleteTitle", { title: meeting.title })}
        confirmLabel={t("meeting.delete")}
        cancelLabel={t("cancel")}
        busy={remove.isPending}
        error={remove.isError ? problemMessage(remove.error, tUi) : null}
        onConfirm={() => remove.mutate()}
        onCancel={close}
      >
        <p>{t("meeting.deleteText")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "cancel"}
        title={t("cancelMeeting.title", { title: meeting.title })}
        confirmLabel={t("cancelMeeting.confirm")}
        cancelLabel={t("cancel")}
        busy={cancel.isPending}
        error={cancel.isError ? problemMessage(cancel.error, tUi) : null}
        onConfirm={() => cancel.mutate()}
        onCancel={close}
      >
        <p>{t("cancelMeeting.text")}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={dialog === "approve"}
        title={t("approve.title")}
        confirmLabel={t("approve.confirm")}
        cancelLabel={t("cancel")}
        busy={approve.isPending}
        error={approve.isError ? problemMessage(approve.error, tUi) : null}
        onConfirm={() =>
          approve.mutate(undefined, {
            onSuccess: () => {
              close();
              setNotice(t("approve.done"));
            },
          })
        }
        onCancel={close}
      >
        <p>{t("approve.text")}</p>
      </ConfirmDialog>
    </>
  );
}
