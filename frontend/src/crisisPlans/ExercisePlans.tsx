import { useState } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { Dialog } from "../ui/Dialog";
import { ErrorNotice } from "../ui/ErrorNotice";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { Plan } from "./model";
import { PersonPicker } from "./PersonPicker";
import type { PickedPerson } from "./PersonPicker";
import { copyToDraft, planKeys, useExercisePlans } from "./queries";
import { StatusBadge } from "./StatusBadge";
import { paths } from "../paths";

/**
 * The exercise plans of one training series (or of all series the caller trains or takes
 * part in): shown apart from the real plans, which they never count among.
 */
export function ExercisePlansSection({ seriesId }: { seriesId?: string }) {
  const { t } = useTranslation("crisisPlans");
  const { can } = useSession();
  const plans = useExercisePlans(seriesId);
  const items = plans.data?.items ?? [];
  if (!seriesId && items.length === 0) return null;
  return (
    <section className="panel" aria-labelledby="exercise-plans">
      <h2 id="exercise-plans">{t("exercisePlans.heading")}</h2>
      <p>{t("exercisePlans.intro")}</p>
      {plans.isError && <ErrorNotice error={plans.error} onRetry={() => void plans.refetch()} />}
      {plans.isSuccess && items.length === 0 && <p>{t("exercisePlans.empty")}</p>}
      {items.length > 0 && (
        <ul className="plan-editions">
          {items.map((plan) => (
            <li key={plan.id}>
              <Link to={paths.crisisPlans.detail(plan.id)}>{plan.title}</Link> <StatusBadge plan={plan} />
            </li>
          ))}
        </ul>
      )}
      {seriesId && can(Permission.crisisPlansWrite) && (
        <Link className="button button-secondary" to={`${paths.crisisPlans.create}?series=${encodeURIComponent(seriesId)}`}>
          {t("exercisePlans.create")}
        </Link>
      )}
    </section>
  );
}

/** Copies an exercise plan into a real draft, the first edition of a new plan. */
export function CopyToDraft({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const { t: tUi } = useTranslation("ui");
  const { can, user } = useSession();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [owner, setOwner] = useState<PickedPerson | null>(null);
  const [done, setDone] = useState<{ id: string; title: string; owner: string; mine: boolean } | null>(null);
  // Trainers write no real plans: they hand the draft to someone who does.
  const mayOwn = can(Permission.crisisPlansAdopt) || user?.role === "conflict_manager";
  const copy = useMutation({
    mutationFn: () => copyToDraft(plan.id, owner?.id ?? null),
    onSuccess: async (draft) => {
      setOpen(false);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      setDone({
        id: draft.id,
        title: draft.title,
        owner: owner?.name ?? user?.full_name ?? "",
        mine: draft.owner_id === user?.id || can(Permission.crisisPlansAdopt),
      });
    },
  });
  if (!plan.is_exercise || !can(Permission.crisisPlansWrite)) return null;
  const errors = copy.isError ? formErrorsOf(copy.error, tUi) : null;
  return (
    <section className="panel" aria-labelledby="plan-copy">
      <h2 id="plan-copy">{t("copy.heading")}</h2>
      <p>{t("copy.intro")}</p>
      <p className="result-status" role="status">
        {done &&
          (done.mine ? (
            <Link to={paths.crisisPlans.detail(done.id)}>{t("copy.doneOpen", { title: done.title })}</Link>
          ) : (
            t("copy.done", { title: done.title, owner: done.owner })
          ))}
      </p>
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        {t("copy.open")}
      </button>
      <Dialog
        open={open}
        title={t("copy.title")}
        onClose={() => setOpen(false)}
        actions={
          <>
            <button
              type="button"
              className="button button-primary"
              disabled={copy.isPending || (!mayOwn && !owner)}
              onClick={() => copy.mutate()}
            >
              {t("copy.confirm")}
            </button>
            <button type="button" className="button button-secondary" data-autofocus onClick={() => setOpen(false)}>
              {t("actions.cancel")}
            </button>
          </>
        }
      >
        <p>{mayOwn ? t("copy.ownerSelf") : t("copy.ownerOther")}</p>
        <PersonPicker
          id="copy-owner"
          label={t("copy.owner")}
          value={owner?.id ?? null}
          onChange={setOwner}
          mayOwn
          required={!mayOwn}
          error={errorFor(errors, "owner_id")}
        />
        {copy.isError && !errorFor(errors, "owner_id") && <ErrorNotice error={copy.error} />}
      </Dialog>
    </section>
  );
}
