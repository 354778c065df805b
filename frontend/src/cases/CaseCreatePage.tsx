import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { DraftNotice } from "../ui/DraftNotice";
import { useDraftState } from "../ui/drafts";
import { blankIn, formErrorsOf } from "../ui/problems";
import { checkBody } from "../ui/validation";
import type { FieldError, FormErrors } from "../ui/problems";
import { CaseForm } from "./CaseForm";
import { EMPTY_CASE, createBody } from "./form";
import type { CaseFormValues } from "./form";
import { caseKeys, createCase } from "./queries";
import { paths } from "../paths";
import "./cases.css";

export interface CaseSavedState {
  /** `referred`: a referral was made from another page (the analysis's guidance). */
  saved?: "created" | "updated" | "referred";
}

/**
 * The first escalation assessment is a choice ("not yet rated" included), never a default;
 * the API takes a missing level as not rated, so the form asks before sending.
 */
function unchosen(values: CaseFormValues, t: TFunction<"cases">): FieldError[] {
  return values.escalation_level === "" ? [{ path: "escalation_level", message: t("form.escalationRequired") }] : [];
}

export default function CaseCreatePage() {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useDraftState(user?.id ?? "", "case.new", () => EMPTY_CASE);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  useDocumentTitle(t("form.createTitle"));

  const create = useMutation({
    mutationFn: () => createCase(createBody(form.value)),
    onSuccess: (created) => {
      form.clear();
      queryClient.setQueryData(caseKeys.detail(created.id), created);
      void queryClient.invalidateQueries({ queryKey: caseKeys.lists });
      const state: CaseSavedState = { saved: "created" };
      navigate(paths.cases.detail(created.id), { state });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(form.value))),
  });

  return (
    <div>
      <h1>{t("form.createTitle")}</h1>
      <CaseForm
        mode="create"
        values={form.value}
        onChange={form.setValue}
        onSubmit={() => {
          const checked = checkBody("CaseCreate", createBody(form.value), tUi);
          const fields = [...(checked?.fields ?? []), ...unchosen(form.value, t)];
          const invalid = fields.length > 0 ? { fields, general: null, status: 422 } : null;
          setErrors(invalid);
          if (!invalid) create.mutate();
        }}
        errors={errors}
        submitting={create.isPending}
        cancelTo={paths.cases.list}
        notices={form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
      />
    </div>
  );
}
