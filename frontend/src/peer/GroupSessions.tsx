import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { CheckboxList } from "../ui/CheckboxList";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field, FieldGroup } from "../ui/Field";
import { QueryStatus } from "../ui/QueryStatus";
import { fromDateTimeField } from "../ui/calendar";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { scheduleSession, sessionKeys, useGroupSessions, usePresentations } from "./queries";
import type { PeerGroup } from "./queries";

/** The group's sessions, latest first; its moderators schedule the next one here. */
export function GroupSessions({ group }: { group: PeerGroup }) {
  const { t } = useTranslation("peer");
  const format = useFormat();
  const sessions = useGroupSessions(group.id, true);
  return (
    <section className="panel" aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">{t("sessions.heading")}</h2>
      <QueryStatus query={sessions} />
      {sessions.data && sessions.data.items.length === 0 && <p className="empty">{t("sessions.empty")}</p>}
      <ul>
        {sessions.data?.items.map((item) => (
          <li key={item.id}>
            <Link to={paths.peer.session(item.id)}>{t("sessions.entry", { when: format.dateTime(item.starts_at) })}</Link>{" "}
            — {t(`sessions.statuses.${item.status}`)}
          </li>
        ))}
      </ul>
      {group.my_role === "moderator" && <ScheduleForm group={group} />}
    </section>
  );
}

function ScheduleForm({ group }: { group: PeerGroup }) {
  const { t } = useTranslation("peer");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const presentations = usePresentations(group.id);
  const [when, setWhen] = useState("");
  const [candidates, setCandidates] = useState<string[]>([]);
  const schedule = useMutation({
    mutationFn: () =>
      scheduleSession({
        group_id: group.id,
        starts_at: fromDateTimeField(when) ?? when,
        duration_minutes: 90,
        candidate_ids: candidates,
      }),
    onSuccess: (created) => {
      void queryClient.invalidateQueries({ queryKey: sessionKeys.all });
      void navigate(paths.peer.session(created.id));
    },
  });
  const offered = presentations.data?.items ?? [];
  const titles = new Map(offered.map((p) => [p.id, `${p.title} (${p.author_name})`]));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (when) schedule.mutate();
  };
  return (
    <form className="peer-form" onSubmit={onSubmit} aria-labelledby="schedule-heading">
      <h3 id="schedule-heading">{t("sessions.schedule")}</h3>
      {schedule.error && <ErrorNotice error={schedule.error} />}
      <Field id="session-starts" label={t("session.startsAt")} required>
        {(control) => <input {...control} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />}
      </Field>
      {offered.length > 0 && (
        <FieldGroup id="session-candidates" legend={t("session.candidates")} hint={t("sessions.candidatesHint")}>
          <CheckboxList options={offered.map((p) => p.id)} checked={candidates} label={(id) => titles.get(id)} onChange={setCandidates} />
        </FieldGroup>
      )}
      <button type="submit" className="button button-primary" disabled={schedule.isPending || !when}>
        {t("sessions.submit")}
      </button>
    </form>
  );
}
