import { useState } from "react";
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
import { clockTime, hasBegun } from "./model";
import { deleteMeeting, meetingWrites, sendInvitations, steeringKeys, useMeeting, useMeetingWrite } from "./queries";
import type { Invitations, Meeting } from "./queries";
import "../ui/page.css";
import "./steering.css";

/** One meeting: its frame, invitations, agenda with minutes, decisions and action items,
 * attendance, and the approval of the minutes. */
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
  const editable = can(Permission.steeringWrite) && !approved;
  const [dialog, setDialog] = useState<"edit" | "delete" | "approve" | null>(null);
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
        <h1>{meeting.title}</h1>
        <Badge tone={approved ? "success" : "neutral"}>{t(`minutesStatus.${meeting.minutes_status}`)}</Badge>
      </div>
      <p className="result-status" role="status">
        {notice}
      </p>
      {approved && <p className="notice notice-info">{t("meeting.readOnly")}</p>}
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
        {editable && (
          <div className="button-row">
            <button type="button" className="button button-secondary" onClick={() => setDialog("edit")}>
              {t("meeting.edit")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setDialog("delete")}>
              {t("meeting.delete")}
            </button>
          </div>
        )}
      </section>

      {!approved && (
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
