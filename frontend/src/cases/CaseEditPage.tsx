import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ApiError, sessionClient, unwrap } from "../api/client";
import { useSession } from "../auth/SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ConflictPanel } from "../ui/ConflictPanel";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorNotice } from "../ui/ErrorNotice";
import { compareEdits, reapply } from "../ui/conflict";
import type { EditConflict } from "../ui/conflict";
import { useDraftState } from "../ui/drafts";
import { ifMatch } from "../ui/etag";
import { useFormat } from "../ui/format";
import { blankIn, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { CaseForm } from "./CaseForm";
import type { CaseSavedState } from "./CaseCreatePage";
import { CASE_FIELDS, updateBody, valuesOf } from "./form";
import type { CaseFormValues } from "./form";
import type { CaseDetail } from "./model";
import { caseKeys, fetchCase, useCase } from "./queries";
import "./cases.css";

/** What an edit keeps as its draft: where it started (values and version) and where it is. */
export interface CaseEditDraft {
  base: CaseFormValues;
  version: number;
  values: CaseFormValues;
}

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
        return t("levelNamed", { level: value, name: t(`glasl.${value}` as "glasl.1") });
      case "endangers_democracy":
        return tUi(value ? "yes" : "no");
      case "visibility":
        return t(`visibility.${value}` as "visibility.team");
      case "follow_up_date":
        return format.date(value as string);
      default:
        return String(value);
    }
  };
}

function CaseEditor({ record }: { record: CaseDetail }) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const fieldText = useFieldText();
  const draft = useDraftState<CaseEditDraft>(user?.id ?? "", `case.edit.${record.id}`, () => ({
    base: valuesOf(record),
    version: record.version,
    values: valuesOf(record),
  }));
  const { base, version, values } = draft.value;
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [conflict, setConflict] = useState<{ fresh: CaseDetail; comparison: EditConflict } | null>(null);
  const [reapplied, setReapplied] = useState(false);

  function showConflict(fresh: CaseDetail) {
    queryClient.setQueryData(caseKeys.detail(fresh.id), fresh);
    setConflict({ fresh, comparison: compareEdits(base, values, valuesOf(fresh), CASE_FIELDS) });
  }

  // A draft from before the session ended may rest on a version that has moved on since.
  const checkedDraft = useRef(false);
  useEffect(() => {
    if (checkedDraft.current) return;
    checkedDraft.current = true;
    if (draft.restored && draft.value.version !== record.version) showConflict(record);
  });

  const reappliedNotice = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (reapplied) reappliedNotice.current?.focus();
  }, [reapplied]);

  const save = useMutation({
    mutationFn: (body: ReturnType<typeof updateBody>) =>
      unwrap(
        sessionClient().api.PATCH("/api/v1/cases/{case_id}", {
          params: { path: { case_id: record.id } },
          headers: ifMatch(version),
          body,
        }),
      ),
    onSuccess: (saved) => {
      draft.clear();
      queryClient.setQueryData(caseKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: ["cases", "list"] });
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(saved.id) });
      const state: CaseSavedState = { saved: "updated" };
      navigate(`/cases/${saved.id}`, { state });
    },
    onError: async (error) => {
      if (error instanceof ApiError && error.status === 412) {
        try {
          showConflict(await fetchCase(record.id));
          return;
        } catch (reload) {
          setErrors(formErrorsOf(reload, tUi));
          return;
        }
      }
      setErrors(formErrorsOf(error, tUi, blankIn(values)));
    },
  });

  function submit() {
    setErrors(null);
    setReapplied(false);
    const body = updateBody(base, values);
    if (Object.keys(body).length === 0) {
      setErrors({ fields: [], general: t("form.noChanges"), status: 0 });
      return;
    }
    save.mutate(body);
  }

  function onReapply() {
    if (!conflict) return;
    const fresh = valuesOf(conflict.fresh);
    draft.setValue({
      base: fresh,
      version: conflict.fresh.version,
      values: { ...reapply(base, values, fresh, CASE_FIELDS), timeline_note: values.timeline_note },
    });
    setConflict(null);
    setReapplied(true);
  }

  function onDiscard() {
    if (!conflict) return;
    const fresh = valuesOf(conflict.fresh);
    draft.setValue({ base: fresh, version: conflict.fresh.version, values: fresh });
    draft.clear();
    setConflict(null);
  }

  const label = (field: string) => t(`field.${field}` as "field.title");

  return (
    <div>
      <h1>{t("form.editTitle", { reference: record.reference })}</h1>
      {conflict ? (
        <ConflictPanel
          conflict={conflict.comparison}
          label={label}
          show={fieldText}
          onReapply={onReapply}
          onDiscard={onDiscard}
        />
      ) : (
        <CaseForm
          mode="edit"
          values={values}
          onChange={(next) => draft.setValue({ base, version, values: next })}
          onSubmit={submit}
          errors={errors}
          submitting={save.isPending}
          cancelTo={`/cases/${record.id}`}
          savedLevel={base.escalation_level}
          notices={
            <>
              {draft.restored && !reapplied && (
                <DraftNotice savedAt={draft.restored.savedAt} onDiscard={draft.discard} />
              )}
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
