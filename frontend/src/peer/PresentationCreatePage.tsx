import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { FormActions } from "../ui/FormActions";
import { flash } from "../ui/Flash";
import { QueryStatus } from "../ui/QueryStatus";
import { blankIn, errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { paths } from "../paths";
import { PresentationFields, emptyPresentation } from "./PresentationFields";
import type { PresentationValues } from "./PresentationFields";
import { createPresentation, peerKeys, prefill, useMyCases } from "./queries";
import "../ui/page.css";
import "./peer.css";

/**
 * A new presentation from one of one's cases: the proposal takes the case's title and
 * summary with names, places, contacts and the reference replaced by neutral labels;
 * the author writes the key question and what was tried, then checks and shares it.
 */
export default function PresentationCreatePage() {
  const { t } = useTranslation("peer");
  const { t: tUi } = useTranslation("ui");
  const { user } = useSession();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const cases = useMyCases(user?.id ?? "");
  const [caseId, setCaseId] = useState(search.get("case") ?? "");
  const [values, setValues] = useState<PresentationValues>(emptyPresentation);
  const [labels, setLabels] = useState<string[]>([]);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  useDocumentTitle(t("presentation.create"));

  const proposal = useMutation({
    mutationFn: () => prefill(caseId),
    onSuccess: (draft) => {
      setErrors(null);
      setLabels(draft.labels);
      setValues((v) => ({
        ...v,
        title: draft.title,
        summary: draft.summary,
        escalation_level: draft.escalation_level,
        topics: draft.topics,
        actor_groups: draft.actor_groups,
      }));
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi)),
  });
  const { mutate: propose } = proposal;
  // A case chosen on the case's page is proposed at once.
  useEffect(() => {
    if (search.get("case")) propose();
  }, [search, propose]);

  const save = useMutation({
    mutationFn: () =>
      createPresentation({ case_id: caseId, ...values }),
    onSuccess: (item) => {
      void queryClient.invalidateQueries({ queryKey: peerKeys.all });
      void navigate(paths.peer.presentation(item.id), { state: flash(t("presentation.created")) });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(values))),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };

  return (
    <div className="peer-page">
      <h1>{t("presentation.create")}</h1>
      <p className="lead">{t("presentation.createIntro")}</p>
      <ErrorSummary
        errors={errors}
        controlId={(path) => `presentation-${path.split(".")[0]}`}
        label={(path) => t(`presentation.fields.${path.split(".")[0]}`, { defaultValue: path })}
      />
      <form className="form-panel peer-form" onSubmit={onSubmit} noValidate>
        <QueryStatus query={cases} />
        <Field id="presentation-case_id" label={t("presentation.fields.case_id")} required error={errorFor(errors, "case_id")}>
          {(control) => (
            <select {...control} value={caseId} onChange={(e) => setCaseId(e.target.value)}>
              <option value="">{t("presentation.chooseCase")}</option>
              {cases.data?.items.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.reference} – {item.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="button-row">
          <button
            type="button"
            className="button button-secondary"
            disabled={!caseId || proposal.isPending}
            onClick={() => proposal.mutate()}
          >
            {t("presentation.prefill")}
          </button>
        </div>
        {proposal.isError && errors === null && <ErrorNotice error={proposal.error} />}
        {labels.length > 0 && (
          <p className="notice notice-info" role="status">
            {t("presentation.labelsUsed", { labels: labels.join(", ") })}
          </p>
        )}
        <PresentationFields values={values} onChange={setValues} errors={errors} />
        <FormActions saving={save.isPending} cancelTo={paths.peer.index} />
      </form>
    </div>
  );
}
