import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { DraftNotice } from "../ui/DraftNotice";
import { flash } from "../ui/Flash";
import { useDraftState } from "../ui/drafts";
import { blankIn, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { ConsultationForm, useConsultationCheck } from "./ConsultationForm";
import { consultationBody, freshConsultation } from "./form";
import { consultationKeys, recordConsultation } from "./queries";
import { paths } from "../paths";

/** General advice without a case; consultations of a case are recorded on the case page. */
export default function ConsultationCreatePage() {
  const { t } = useTranslation("consultations");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useDraftState(user?.id ?? "", "consultation.general", () => freshConsultation());
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const check = useConsultationCheck();
  useDocumentTitle(t("form.standaloneTitle"));

  const record = useMutation({
    mutationFn: () => recordConsultation(consultationBody(form.value, null)),
    onSuccess: (created) => {
      form.clear();
      void queryClient.invalidateQueries({ queryKey: consultationKeys.lists });
      navigate(paths.consultations.detail(created.id), { state: flash(t("case.recorded")) });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(form.value))),
  });

  return (
    <div>
      <h1>{t("form.standaloneTitle")}</h1>
      <p className="muted">{t("form.standaloneIntro")}</p>
      <ConsultationForm
        values={form.value}
        onChange={form.setValue}
        onSubmit={() => {
          const invalid = check(form.value);
          setErrors(invalid);
          if (!invalid) record.mutate();
        }}
        onCancel={() => {
          form.discard();
          navigate(paths.consultations.list);
        }}
        errors={errors}
        submitting={record.isPending}
        notices={form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
      />
    </div>
  );
}
