import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { AttachmentsPanel } from "../attachments";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { Dialog } from "../ui/Dialog";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { FlashNotice, flash } from "../ui/Flash";
import { useFormat } from "../ui/format";
import type { Plan } from "./model";
import { PlanSections } from "./PlanSections";
import { CopyToDraft } from "./ExercisePlans";
import { ActivationsPanel, ExercisesPanel, ExportPanel, WatchPanel } from "./PlanUse";
import { adoptPlan, movePlan, newEdition, planKeys, useComparison, useEditions, usePlan } from "./queries";
import type { Move } from "./queries";
import { StatusBadge } from "./StatusBadge";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./crisisPlans.css";

export default function PlanPage() {
  const { planId = "" } = useParams();
  const { t } = useTranslation("crisisPlans");
  const plan = usePlan(planId);
  useDocumentTitle(plan.data?.title ?? t("title"));
  if (plan.isPending) return <LoadingStatus />;
  if (plan.isError) {
    return (
      <>
        <h1>{t("title")}</h1>
        <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />
      </>
    );
  }
  return <PlanView plan={plan.data} />;
}

/** Whether the reader may change the plan (and its files): a draft or one in review, their own or as coordinator. */
function useMayEdit(plan: Plan): boolean {
  const { can, user } = useSession();
  const editable = plan.status === "draft" || plan.status === "in_review";
  // Exercise plans: their trainers and owner; real plans: coordinators and the owner.
  const mayChange = plan.is_exercise ? user?.role === "trainer" : can(Permission.crisisPlansAdopt);
  return editable && can(Permission.crisisPlansWrite) && (mayChange || plan.owner_id === user?.id);
}

function Actions({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const { can } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [adopting, setAdopting] = useState(false);
  const [note, setNote] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const coordinator = can(Permission.crisisPlansAdopt);
  const editable = plan.status === "draft" || plan.status === "in_review";
  const mayEdit = useMayEdit(plan);

  const refresh = async (next: Plan, message: string) => {
    queryClient.setQueryData(planKeys.detail(next.id), next);
    await queryClient.invalidateQueries({ queryKey: planKeys.all });
    setDone(message);
  };
  const move = useMutation({
    mutationFn: (action: Move) => movePlan(plan.id, plan.version, action),
    onSuccess: (next, action) => refresh(next, t(`actions.done.${action}`)),
  });
  const adopt = useMutation({
    mutationFn: () => adoptPlan(plan.id, plan.version, note),
    onSuccess: async (next) => {
      setAdopting(false);
      await refresh(next, t("actions.done.adopt"));
    },
  });
  const edition = useMutation({
    mutationFn: () => newEdition(plan.id),
    onSuccess: async (next) => {
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      navigate(paths.crisisPlans.edit(next.id), { state: flash(t("actions.done.newEdition")) });
    },
  });
  const busy = move.isPending || adopt.isPending || edition.isPending;

  return (
    <section className="panel" aria-labelledby="plan-actions">
      <h2 id="plan-actions">{t("actions.heading")}</h2>
      <p className="result-status" role="status">
        {done}
      </p>
      <div className="button-row">
        {mayEdit && (
          <Link className="button" to={paths.crisisPlans.edit(plan.id)}>
            {t("actions.edit")}
          </Link>
        )}
        {mayEdit && plan.status === "draft" && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => move.mutate("submit")}>
            {t("actions.submit")}
          </button>
        )}
        {mayEdit && plan.status === "in_review" && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => move.mutate("return")}>
            {t("actions.return")}
          </button>
        )}
        {coordinator && editable && (
          <button type="button" className="button button-primary" disabled={busy} onClick={() => setAdopting(true)}>
            {t("actions.adopt")}
          </button>
        )}
        {coordinator && plan.status === "adopted" && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => move.mutate("withdraw")}>
            {t("actions.withdraw")}
          </button>
        )}
        {!editable && can(Permission.crisisPlansWrite) && (
          <button type="button" className="button button-secondary" disabled={busy} onClick={() => edition.mutate()}>
            {t("actions.newEdition")}
          </button>
        )}
      </div>
      {move.isError && <ErrorNotice error={move.error} />}
      {edition.isError && <ErrorNotice error={edition.error} />}
      <Dialog
        open={adopting}
        title={t("actions.adoptTitle")}
        onClose={() => setAdopting(false)}
        actions={
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={adopt.isPending || !note.trim()}
              onClick={() => adopt.mutate()}
            >
              {t("actions.adoptConfirm")}
            </button>
            <button type="button" className="button button-secondary" data-autofocus onClick={() => setAdopting(false)}>
              {t("actions.cancel")}
            </button>
          </>
        }
      >
        <Field id="adopt-note" label={t("actions.adoptNote")} hint={t("actions.adoptHint")} required>
          {(control) => <input {...control} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />}
        </Field>
        {adopt.isError && <ErrorNotice error={adopt.error} />}
      </Dialog>
    </section>
  );
}

function Editions({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const editions = useEditions(plan.lineage_id);
  const [other, setOther] = useState<string | null>(null);
  const comparison = useComparison(plan.id, other);
  const items = editions.data?.items ?? [];
  if (items.length < 2) return null;
  const otherEdition = items.find((item) => item.id === other)?.edition;
  return (
    <section className="panel" aria-labelledby="plan-editions">
      <h2 id="plan-editions">{t("editions.heading")}</h2>
      <ul className="plan-editions">
        {[...items]
          .sort((a, b) => b.edition - a.edition)
          .map((item) => (
            <li key={item.id}>
              {item.id === plan.id ? (
                <strong>
                  {t("editions.edition", { edition: item.edition })} ({t("editions.current")})
                </strong>
              ) : (
                <Link to={paths.crisisPlans.detail(item.id)}>{t("editions.edition", { edition: item.edition })}</Link>
              )}{" "}
              <StatusBadge plan={item} />{" "}
              {item.id !== plan.id && (
                <button
                  type="button"
                  className="button button-secondary button-small"
                  aria-label={t("editions.compareLabel", { edition: item.edition })}
                  onClick={() => setOther(item.id)}
                >
                  {t("editions.compare")}
                </button>
              )}
            </li>
          ))}
      </ul>
      {other && comparison.data && (
        <div role="status">
          <h3>{t("editions.changes", { edition: otherEdition })}</h3>
          {comparison.data.frame.length === 0 && comparison.data.sections.length === 0 && <p>{t("editions.noChanges")}</p>}
          <ul>
            {comparison.data.frame.length > 0 && (
              <li>{t("editions.frame", { fields: comparison.data.frame.map((f) => t(`frame.${f as "title"}`)).join(", ") })}</li>
            )}
            {comparison.data.sections.map((change) => (
              <li key={change.section}>
                {t(`section.${change.section as "roles"}`)}: {t("editions.added", { count: change.added.length })},{" "}
                {t("editions.removed", { count: change.removed.length })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function PlanView({ plan }: { plan: Plan }) {
  const mayEdit = useMayEdit(plan);
  const { t } = useTranslation("crisisPlans");
  const { can } = useSession();
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  return (
    <article className="crisis-page">
      <nav className="breadcrumb" aria-label={tUi("breadcrumb")}>
        <ol>
          <li>
            {plan.training_series_id && can(Permission.trainingsRead) ? (
              <Link to={paths.trainings.series(plan.training_series_id)}>{t("exercisePlans.heading")}</Link>
            ) : (
              <Link to={paths.crisisPlans.list}>{t("title")}</Link>
            )}
          </li>
        </ol>
      </nav>
      <FlashNotice />
      <h1>{plan.title}</h1>
      <p className="plan-badges">
        <StatusBadge plan={plan} /> <Badge>{t("frame.edition", { edition: plan.edition })}</Badge>{" "}
        <Badge tone={plan.classification === "confidential" ? "danger" : "neutral"}>
          {t(`classification.${plan.classification}`)}
        </Badge>
      </p>
      <p>{plan.area}</p>
      {plan.is_exercise && <p className="notice">{t("frame.exercise")}</p>}
      {plan.adopted_at && <p>{t("frame.adopted", { date: format.date(plan.adopted_at), note: plan.adoption_note ?? "" })}</p>}
      {plan.next_review_on && <p>{t("frame.nextReview", { date: format.date(plan.next_review_on) })}</p>}
      <Actions plan={plan} />
      <CopyToDraft plan={plan} />
      {plan.status === "adopted" && !plan.is_exercise && (
        <>
          <WatchPanel plan={plan} />
          <ActivationsPanel plan={plan} />
        </>
      )}
      <ExportPanel plan={plan} />
      <PlanSections plan={plan} />
      <AttachmentsPanel owner={{ kind: "crisis_plan", id: plan.id }} writable={mayEdit} headingId="plan-attachments-heading" />
      <ExercisesPanel plan={plan} />
      <Editions plan={plan} />
    </article>
  );
}
