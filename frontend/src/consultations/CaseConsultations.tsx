import { useEffect, useRef, useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { LoadingStatus } from "../layout/LoadingStatus";
import { DraftNotice } from "../ui/DraftNotice";
import { ErrorNotice } from "../ui/ErrorNotice";
import { useDraftState } from "../ui/drafts";
import { blankIn, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { ConsultationForm, useConsultationCheck } from "./ConsultationForm";
import { ConsultationSummary } from "./ConsultationSummary";
import { consultationBody, freshConsultation } from "./form";
import { consultationKeys, recordConsultation, useCaseConsultations } from "./queries";
import "./consultations.css";

interface CaseConsultationsProps {
  caseId: string;
  archived: boolean;
  headingId: string;
  /** Counts "record a consultation" requests from elsewhere on the page; each opens the form. */
  openRequests?: number;
}

/** The consultations section of a case page: the latest ones and the quick form to add one. */
export function CaseConsultations({ caseId, archived, headingId, openRequests = 0 }: CaseConsultationsProps) {
  const { t } = useTranslation("consultations");
  const { t: tUi } = useTranslation("ui");
  const { user, can } = useSession();
  const queryClient = useQueryClient();
  const list = useCaseConsultations(caseId);
  const form = useDraftState(user?.id ?? "", `consultation.case.${caseId}`, () => freshConsultation());
  // A draft left from an ended session opens the form again.
  const [open, setOpen] = useState(form.restored !== null);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const check = useConsultationCheck();
  const [saved, setSaved] = useState(false);
  const recordButton = useRef<HTMLButtonElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const mayRecord = can(Permission.consultationsWrite) && !archived;

  useEffect(() => {
    if (openRequests > 0) {
      setSaved(false);
      setOpen(true);
      formHeading.current?.focus();
      formHeading.current?.scrollIntoView({ block: "start" });
    }
  }, [openRequests]);

  // Focus follows the form: into it when it opens, back to its button when it closes.
  const wasOpen = useRef(open);
  useEffect(() => {
    if (open) formHeading.current?.focus();
    else if (wasOpen.current) recordButton.current?.focus();
    wasOpen.current = open;
  }, [open]);

  const record = useMutation({
    mutationFn: () => recordConsultation(consultationBody(form.value, null), caseId),
    onSuccess: () => {
      form.discard();
      setOpen(false);
      setSaved(true);
      void queryClient.invalidateQueries({ queryKey: consultationKeys.ofCase(caseId) });
      void queryClient.invalidateQueries({ queryKey: consultationKeys.lists });
    },
    onError: (error) => setErrors(formErrorsOf(error, tUi, blankIn(form.value))),
  });

  function close() {
    form.discard();
    setErrors(null);
    setOpen(false);
  }

  const items = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="panel" aria-labelledby={headingId}>
      <div className="page-heading">
        <h2 id={headingId}>{t("case.heading")}</h2>
        {mayRecord && !open && (
          <button
            ref={recordButton}
            type="button"
            className="button button-primary"
            onClick={() => {
              setSaved(false);
              setOpen(true);
            }}
          >
            {t("case.record")}
          </button>
        )}
      </div>
      <p role="status" className={saved ? "notice notice-success" : "visually-hidden"}>
        {saved ? t("case.recorded") : ""}
      </p>
      {archived && <p className="muted">{t("case.archived")}</p>}

      {open && (
        <div className="inline-form">
          <h3 ref={formHeading} tabIndex={-1}>
            {t("form.heading")}
          </h3>
          <ConsultationForm
            values={form.value}
            onChange={form.setValue}
            onSubmit={() => {
              const invalid = check(form.value);
              setErrors(invalid);
              if (!invalid) record.mutate();
            }}
            onCancel={close}
            errors={errors}
            submitting={record.isPending}
            notices={form.restored && <DraftNotice savedAt={form.restored.savedAt} onDiscard={form.discard} />}
          />
        </div>
      )}

      {list.isPending && <LoadingStatus />}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.isSuccess && items.length === 0 && <p className="empty">{t("case.none")}</p>}
      {items.length > 0 && (
        <ul className="consultation-list">
          {items.map((item) => (
            <li key={item.id}>
              <ConsultationSummary item={item} />
            </li>
          ))}
        </ul>
      )}
      {list.hasNextPage && (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => void list.fetchNextPage()}
          disabled={list.isFetchingNextPage}
        >
          {t("case.more")}
        </button>
      )}
    </section>
  );
}
