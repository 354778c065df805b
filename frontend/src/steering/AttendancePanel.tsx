import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DataTable } from "../ui/DataTable";
import type { Column } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { participantKey, participantsIn } from "./model";
import { ATTENDANCE, meetingWrites, useMeetingWrite, useMembers, useOwners } from "./queries";
import type { AttendanceStatus, Meeting, Participant, ParticipantIn } from "./queries";

/** Who is invited and who came; coordinators change it while the minutes are a draft. */
export function AttendancePanel({ meeting, editable }: { meeting: Meeting; editable: boolean }) {
  const { t } = useTranslation("steering");
  const { t: tApp } = useTranslation();
  const [statuses, setStatuses] = useState<Record<string, AttendanceStatus>>({});
  const [adding, setAdding] = useState("");
  const [message, setMessage] = useState("");
  const members = useMembers();
  const users = useOwners(editable);
  const save = useMeetingWrite((participants: ParticipantIn[]) => meetingWrites.participants(meeting, participants));
  const changed = Object.keys(statuses).length > 0;

  const invited = new Set(meeting.participants.map(participantKey));
  const candidates = [
    ...(members.data ?? []).map((m) => ({
      key: m.kind === "user" ? `user:${m.id}` : `contact:${m.id}`,
      name: m.name,
    })),
    ...(users.data ?? [])
      .filter((u) => u.is_active && u.role !== "admin")
      .map((u) => ({ key: `user:${u.id}`, name: u.full_name })),
  ].filter((c, index, all) => !invited.has(c.key) && all.findIndex((o) => o.key === c.key) === index);

  function write(participants: ParticipantIn[], done: string) {
    save.mutate(participants, {
      onSuccess: () => {
        setStatuses({});
        setAdding("");
        setMessage(done);
      },
    });
  }

  function add() {
    const [kind, id] = adding.split(":");
    if (!id) return;
    const person: ParticipantIn = kind === "user" ? { user_id: id, status: "invited" } : { contact_id: id, status: "invited" };
    write([...participantsIn(meeting, statuses), person], t("attendance.saved"));
  }

  function uninvite(participant: Participant) {
    const key = participantKey(participant);
    write(
      participantsIn(meeting, statuses).filter((p) => participantKey(p) !== key),
      t("attendance.saved"),
    );
  }

  const columns: Column<Participant>[] = [
    { key: "name", header: t("attendance.person"), rowHeader: true, cell: (p) => p.name },
    {
      key: "role",
      header: t("attendance.role"),
      cell: (p) =>
        p.kind === "user"
          ? tApp(`roles.${p.role as "steering_group"}`)
          : [p.position, p.organisation, t("attendance.external")].filter(Boolean).join(", "),
    },
    {
      key: "status",
      header: t("attendance.status"),
      cell: (p) => {
        const key = participantKey(p);
        const value = statuses[key] ?? p.status;
        if (!editable) return t(`attendance.values.${value as AttendanceStatus}`);
        return (
          <select
            aria-label={t("attendance.statusOf", { name: p.name })}
            value={value}
            onChange={(e) => setStatuses({ ...statuses, [key]: e.target.value as AttendanceStatus })}
          >
            {ATTENDANCE.map((status) => (
              <option key={status} value={status}>
                {t(`attendance.values.${status}`)}
              </option>
            ))}
          </select>
        );
      },
    },
  ];
  if (editable) {
    columns.push({
      key: "remove",
      header: <span className="visually-hidden">{t("attendance.remove")}</span>,
      cell: (p) => (
        <button
          type="button"
          className="button button-secondary button-small"
          disabled={save.isPending}
          aria-label={t("attendance.removeLabel", { name: p.name })}
          onClick={() => uninvite(p)}
        >
          {t("attendance.remove")}
        </button>
      ),
    });
  }

  return (
    <section className="panel" aria-labelledby="steering-attendance">
      <h2 id="steering-attendance">{t("attendance.heading")}</h2>
      <p className="result-status" role="status">
        {message}
      </p>
      {save.isError && <ErrorNotice error={save.error} />}
      <DataTable
        caption={t("attendance.caption")}
        captionHidden
        columns={columns}
        rows={meeting.participants}
        rowKey={participantKey}
        empty={t("attendance.empty")}
      />
      {editable && (
        <div className="button-row steering-attendance-actions">
          <button
            type="button"
            className="button"
            disabled={!changed || save.isPending}
            onClick={() => write(participantsIn(meeting, statuses), t("attendance.saved"))}
          >
            {t("attendance.save")}
          </button>
          {candidates.length > 0 && (
            <span className="steering-add-person">
              <label htmlFor="attendance-add">{t("attendance.add")}</label>
              <select id="attendance-add" value={adding} onChange={(e) => setAdding(e.target.value)}>
                <option value="">{t("actions.choose")}</option>
                {candidates.map((c) => (
                  <option key={c.key} value={c.key}>
                    {c.name}
                  </option>
                ))}
              </select>
              <button type="button" className="button button-secondary" disabled={!adding || save.isPending} onClick={add}>
                {t("attendance.addButton")}
              </button>
            </span>
          )}
        </div>
      )}
    </section>
  );
}
