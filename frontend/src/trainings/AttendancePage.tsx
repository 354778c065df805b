import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { LoadingStatus } from "../layout/LoadingStatus";
import { ConflictPanel } from "../ui/ConflictPanel";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useVersionedEdit } from "../ui/useVersionedEdit";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import { AttendanceGrid } from "./AttendanceGrid";
import { applyMark, changedCount, countMarks, entriesOf, marksFrom } from "./attendance";
import type { Mark, Marks } from "./attendance";
import { fetchRegister, saveRegister, trainingKeys, useParticipants, useRegister, useSeries } from "./queries";
import type { Module, Participant, Register, TrainingSession } from "./queries";
import { paths } from "../paths";
import "./trainings.css";

export default function AttendancePage() {
  const { t } = useTranslation("trainings");
  const format = useFormat();
  const { seriesId = "", sessionId = "" } = useParams();
  const series = useSeries(seriesId);
  const participants = useParticipants(seriesId);
  const register = useRegister(seriesId, sessionId);

  const module = series.data?.modules.find((item) => item.sessions.some((day) => day.id === sessionId));
  const day = module?.sessions.find((item) => item.id === sessionId);
  const title = day ? t("attendance.title", { date: format.date(day.day) }) : t("title");
  useDocumentTitle(title);

  const failed = series.error ?? participants.error ?? register.error;
  return (
    <div className="trainings-page">
      <p>
        <Link to={paths.trainings.series(seriesId)}>{t("attendance.back")}</Link>
      </p>
      <h1>{title}</h1>
      {failed && <ErrorNotice error={failed} />}
      {!failed && (series.isPending || participants.isPending || register.isPending) && <LoadingStatus />}
      {module && day && participants.data && register.data && (
        <RegisterForm
          key={sessionId}
          seriesId={seriesId}
          module={module}
          day={day}
          participants={participants.data}
          register={register.data}
        />
      )}
    </div>
  );
}

function RegisterForm({
  seriesId,
  module,
  day,
  participants,
  register,
}: {
  seriesId: string;
  module: Module;
  day: TrainingSession;
  participants: Participant[];
  register: Register;
}) {
  const { t } = useTranslation("trainings");
  const { t: tUi } = useTranslation("ui");
  const { user, can } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const order = participants.map((participant) => participant.id);
  const marksOf = (record: Register) => marksFrom(participants, record);
  const edit = useVersionedEdit<Register, Marks>({
    userId: user?.id ?? "",
    draftName: `attendance-${day.id}`,
    initial: () => ({ base: marksOf(register), values: marksOf(register), version: register.version }),
    valuesOf: marksOf,
    versionOf: (record) => record.version,
    fields: order,
    fetchCurrent: () => fetchRegister(seriesId, day.id),
  });
  const marks = edit.values;
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const writable = can(Permission.trainingsWrite);

  const names = new Map(participants.map((participant) => [participant.id, participant.full_name]));
  const counts = countMarks(marks);
  const changes = changedCount(edit.base, marks);
  const dateText = format.date(day.day);

  function mark(participantId: string, value: Mark) {
    edit.setValues(applyMark(marks, { type: "set", participantId, mark: value }));
  }

  function markAll(value: Mark) {
    edit.setValues(applyMark(marks, { type: "setAll", mark: value }));
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setFailure(null);
    setNotice(null);
    try {
      const result = await edit.submit(({ values, version }) => saveRegister(seriesId, day.id, version, entriesOf(values, order)));
      if (result) {
        queryClient.setQueryData(trainingKeys.register(seriesId, day.id), result);
        // The form starts over from what was saved, as a fresh edit.
        edit.takeSaved(result);
        setNotice(t("attendance.saved"));
        // Completion and the series' "recorded" dates changed with it.
        await queryClient.invalidateQueries({ queryKey: trainingKeys.participants(seriesId) });
        await queryClient.invalidateQueries({ queryKey: trainingKeys.series(seriesId) });
      }
    } catch (error) {
      setFailure(problemMessage(error, tUi));
    } finally {
      setSaving(false);
    }
  }

  function onReapply() {
    edit.reapplyMine();
    setNotice(tUi("conflict.reapplied"));
  }

  const statusText = (value: unknown) => t(`attendance.status.${(value as Mark) ?? "none"}`);

  return (
    <form className="form" onSubmit={onSubmit} aria-busy={saving} noValidate>
      <p className="lead">
        {t("attendance.session", {
          module: t("detail.module", { position: module.position, title: module.title }),
          time: t("detail.timeRange", { from: day.starts_at.slice(0, 5), to: day.ends_at.slice(0, 5) }),
          place: day.place ?? t("sessions.online"),
        })}
      </p>
      <p className="muted">
        {register.recorded_at
          ? t("attendance.lastRecorded", { date: format.dateTime(register.recorded_at) })
          : t("attendance.neverRecorded")}
      </p>
      {writable ? <p>{t("attendance.intro")}</p> : <p className="notice notice-info">{t("attendance.readOnly")}</p>}
      {edit.restored && <DraftNotice savedAt={edit.restored.savedAt} onDiscard={edit.discardDraft} />}
      {edit.conflict && (
        <ConflictPanel
          conflict={edit.conflict}
          label={(id) => names.get(id) ?? id}
          show={(_, value) => statusText(value)}
          onReapply={onReapply}
          onDiscard={edit.takeTheirs}
        />
      )}
      <div role="alert">{failure && <p className="notice notice-error">{failure}</p>}</div>
      <div role="status">{notice && <p className="notice notice-info">{notice}</p>}</div>
      {writable && (
        <div className="button-row">
          <button type="button" className="button button-secondary" onClick={() => markAll("present")}>
            {t("attendance.allPresent")}
          </button>
          <button type="button" className="button button-secondary" onClick={() => markAll(null)}>
            {t("attendance.clear")}
          </button>
        </div>
      )}
      <AttendanceGrid
        participants={participants}
        marks={marks}
        onMark={mark}
        caption={t("attendance.caption", { date: dateText })}
        readOnly={!writable}
      />
      <p className="attendance-summary" aria-live="polite">
        {t("attendance.summary", counts)}
        {changes > 0 && <strong> · {t("attendance.changed", { count: changes })}</strong>}
      </p>
      {writable && (
        <div className="button-row">
          <button type="submit" className="button button-primary" disabled={saving || edit.conflict !== null}>
            {saving ? t("attendance.saving") : t("attendance.save")}
          </button>
        </div>
      )}
    </form>
  );
}
