import { useEffect, useRef, useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ConflictPanel } from "../ui/ConflictPanel";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useFormat } from "../ui/format";
import { blankIn, formErrorsOf } from "../ui/problems";
import { checkBody } from "../ui/validation";
import type { FormErrors } from "../ui/problems";
import { useVersionedEdit } from "../ui/useVersionedEdit";
import { CaseForm } from "./CaseForm";
import type { CaseSavedState } from "./CaseCreatePage";
import { CASE_FIELDS, OTHER_PLACE, UNRATED, updateBody, valuesOf } from "./form";
import type { CaseFormValues } from "./form";
import type { CaseDetail } from "./model";
import { caseKeys, fetchCase, updateCase, useCase, usePlaces } from "./queries";
import { paths } from "../paths";
import "./cases.css";

export default function CaseEditPage() {
  const { caseId = "" } = useParams();
  const record = useCase(caseId);
  const { t } = useTranslation("cases");
  useDocumentTitle(record.data ? t("form.editTitle", { reference: record.data.reference }) : t("title"));

  if (record.isPending) return <LoadingStatus />;
  if (record.isError) return <ErrorNotice error={record.error} onRetry={() => void record.refetch()} />;
  return <CaseEditor key={record.data.id} record={record.data} />;
}

/** The values of a case field as a reader would say them, for the comparison after a 412. */
function useFieldText() {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const places = usePlaces().data ?? [];
  return (field: string, value: unknown): string => {
    if (value === null || value === undefined || value === "" || (Array.isArray(value) && value.length === 0)) {
      return tUi("none");
    }
    switch (field) {
      case "topics":
        return (value as string[]).map((topic) => t(`topic.${topic}` as "topic.other")).join(", ");
      case "democracy_indicators":
        return (value as string[]).map((code) => t(`indicator.${code}` as "indicator.other")).join(", ");
      case "escalation_level":
        if (value === UNRATED) return t("unrated");
        return t("levelNamed", { level: value, name: t(`glasl.${value}` as "glasl.1") });
      case "endangers_democracy":
        return tUi(value ? "yes" : "no");
      case "visibility":
        return t(`visibility.${value}` as "visibility.team");
      case "follow_up_date":
        return format.date(value as string);
      case "place_id":
        if (value === OTHER_PLACE) return t("place.other");
        return places.find((place) => place.id === value)?.name ?? String(value);
      default:
        return String(value);
    }
  };
}

/** The fields compared after a stale save; the escalation reason travels with the level. */
const COMPARED = [...CASE_FIELDS, "timeline_note"] as const;

function CaseEditor({ record }: { record: CaseDetail }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fieldText = useFieldText();
  const edit = useVersionedEdit<CaseDetail, CaseFormValues>({
    userId: user?.id ?? "",
    draftName: `case.edit.${record.id}`,
    initial: () => ({ base: valuesOf(record), version: record.version, values: valuesOf(record) }),
    valuesOf,
    versionOf: (current) => current.version,
    fields: COMPARED,
    fetchCurrent: () => fetchCase(record.id),
  });
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  const [reapplied, setReapplied] = useState(false);
  const reappliedNotice = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (reapplied) reappliedNotice.current?.focus();
  }, [reapplied]);

  async function submit() {
    setErrors(null);
    setReapplied(false);
    const body = updateBody(edit.base, edit.values);
    if (Object.keys(body).length === 0) {
      setErrors({ fields: [], general: t("form.noChanges"), status: 0 });
      return;
    }
    const invalid = checkBody("CaseUpdate", body, tUi, true);
    if (invalid) {
      setErrors(invalid);
      return;
    }
    setSaving(true);
    try {
      const saved = await edit.submit(({ base, values, version }) =>
        updateCase(record.id, version, updateBody(base, values)),
      );
      if (!saved) return; // stale: the comparison is shown
      queryClient.setQueryData(caseKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(saved.id) });
      const state: CaseSavedState = { saved: "updated" };
      navigate(paths.cases.detail(saved.id), { state });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi, blankIn(edit.values)));
    } finally {
      setSaving(false);
    }
  }

  const label = (field: string) => t(`field.${field}` as "field.title");

  return (
    <div>
      <h1>{t("form.editTitle", { reference: record.reference })}</h1>
      {edit.conflict ? (
        <ConflictPanel
          conflict={edit.conflict}
          label={label}
          show={fieldText}
          onReapply={() => {
            edit.reapplyMine();
            setReapplied(true);
          }}
          onDiscard={edit.takeTheirs}
        />
      ) : (
        <CaseForm
          mode="edit"
          values={edit.values}
          onChange={edit.setValues}
          onSubmit={() => void submit()}
          errors={errors}
          submitting={saving}
          cancelTo={paths.cases.detail(record.id)}
          savedLevel={edit.base.escalation_level}
          notices={
            <>
              {edit.restored && !reapplied && <DraftNotice savedAt={edit.restored.savedAt} onDiscard={edit.discardDraft} />}
              {reapplied && (
                <p className="notice notice-info" role="status" tabIndex={-1} ref={reappliedNotice}>
                  {tUi("conflict.reapplied")}
                </p>
              )}
            </>
          }
        />
      )}
    </div>
  );
}
