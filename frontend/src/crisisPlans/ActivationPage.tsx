import { useState } from "react";
import type { FormEvent } from "react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Badge } from "../ui/Badge";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import type { Activation, Plan } from "./model";
import { planKeys, useActivation, usePlan, workActivation } from "./queries";
import type { ActivationWork } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./crisisPlans.css";

export default function ActivationPage() {
  const { planId = "", activationId = "" } = useParams();
  const { t } = useTranslation("crisisPlans");
  const plan = usePlan(planId);
  const activation = useActivation(planId, activationId);
  useDocumentTitle(t("activation.title"));
  if (plan.isPending || activation.isPending) return <LoadingStatus />;
  if (plan.isError) return <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />;
  if (activation.isError) return <ErrorNotice error={activation.error} onRetry={() => void activation.refetch()} />;
  return <ActivationView plan={plan.data} activation={activation.data} />;
}

type Item = Record<string, unknown>;

function ActivationView({ plan, activation }: { plan: Plan; activation: Activation }) {
  const { t } = useTranslation("crisisPlans");
  const format = useFormat();
  const queryClient = useQueryClient();
  const [entry, setEntry] = useState("");
  const [review, setReview] = useState("");
  const open = activation.status === "open";
  const role = (key: unknown) => plan.content.roles?.find((r) => r.key === key)?.title ?? String(key ?? "");
  const work = useMutation({
    mutationFn: (change: ActivationWork) => workActivation(plan.id, activation.id, activation.version, change),
    onSuccess: (next) => {
      queryClient.setQueryData([...planKeys.detail(plan.id), "activation", activation.id], next);
      void queryClient.invalidateQueries({ queryKey: [...planKeys.detail(plan.id), "activations"] });
    },
  });
  const submit = (change: ActivationWork) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    work.mutate(change, {
      onSuccess: () => {
        setEntry("");
        setReview("");
      },
    });
  };

  return (
    <article className="crisis-page">
      <p>
        <Link to={paths.crisisPlans.detail(plan.id)}>{plan.title}</Link>
      </p>
      <h1>{t("activation.title")}</h1>
      <p className="plan-badges">
        <Badge tone={open ? "danger" : "neutral"}>{t(`activation.status.${activation.status as "open"}`)}</Badge>{" "}
        <Badge>{t(`option.level.${activation.level as 0}`)}</Badge>
      </p>
      <p>
        {t("activation.startedBy", { when: format.dateTime(activation.started_at), who: activation.started_by_name })}
      </p>
      <p>{activation.reason}</p>
      {work.isError && <ErrorNotice error={work.error} />}

      <section className="panel" aria-labelledby="activation-checklist">
        <h2 id="activation-checklist">{t("activation.checklist")}</h2>
        {activation.checklist.length === 0 && <p className="empty">{t("alert.noSteps")}</p>}
        <ol className="checklist">
          {(activation.checklist as Item[]).map((step, index) => {
            const label = t("alert.step", {
              from: role(step.from_role),
              to: role(step.to_role),
              channel: t(`option.channel.${step.channel as "phone"}`),
              minutes: step.answer_within_minutes,
            });
            return (
              <li key={index}>
                <label>
                  <input
                    type="checkbox"
                    checked={Boolean(step.reached_at)}
                    disabled={!open || work.isPending}
                    onChange={(e) => work.mutate({ kind: "step", index, reached: e.target.checked, note: "" })}
                  />{" "}
                  {label}
                </label>
                {typeof step.reached_at === "string" && (
                  <span className="muted"> — {t("activation.reachedAt", { when: format.dateTime(step.reached_at) })}</span>
                )}
              </li>
            );
          })}
        </ol>
      </section>

      <section className="panel" aria-labelledby="activation-tasks">
        <h2 id="activation-tasks">{t("activation.tasks")}</h2>
        {activation.tasks.length === 0 && <p className="empty">{t("empty")}</p>}
        <ul className="checklist">
          {(activation.tasks as Item[]).map((task, index) => (
            <li key={index}>
              <label>
                <input
                  type="checkbox"
                  checked={Boolean(task.done_at)}
                  disabled={!open || work.isPending}
                  onChange={(e) => work.mutate({ kind: "task", index, done: e.target.checked })}
                />{" "}
                {String(task.action)} ({role(task.owner_role) || t("none")})
              </label>
            </li>
          ))}
        </ul>
      </section>

      <section className="panel" aria-labelledby="activation-log">
        <h2 id="activation-log">{t("activation.log")}</h2>
        <ul>
          {(activation.log as Item[]).map((item, index) => (
            <li key={index}>
              {format.dateTime(String(item.at))}, {String(item.by)}: {String(item.text)}
            </li>
          ))}
        </ul>
        {open && (
          <form onSubmit={submit({ kind: "log", text: entry })} noValidate>
            <Field id="activation-entry" label={t("activation.logEntry")}>
              {(control) => <input {...control} value={entry} maxLength={2000} onChange={(e) => setEntry(e.target.value)} />}
            </Field>
            <button type="submit" className="button button-secondary" disabled={!entry.trim() || work.isPending}>
              {t("activation.addLog")}
            </button>
          </form>
        )}
      </section>

      <section className="panel" aria-labelledby="activation-review">
        <h2 id="activation-review">{t("activation.review")}</h2>
        {activation.review && <p className="plan-review">{activation.review}</p>}
        {open && (
          <form onSubmit={submit({ kind: "close", review })} noValidate>
            <Field id="activation-review-text" label={t("activation.reviewText")} required>
              {(control) => <textarea {...control} rows={4} value={review} onChange={(e) => setReview(e.target.value)} />}
            </Field>
            <button type="submit" className="button button-primary" disabled={!review.trim() || work.isPending}>
              {t("activation.close")}
            </button>
          </form>
        )}
      </section>
    </article>
  );
}
