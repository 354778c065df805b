import { useState } from "react";
import { useTranslation } from "react-i18next";
import { usePlanList } from "../crisisPlans/queries";
import { useConflictFields } from "../district/queries";
import { Field, FieldGroup } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { addDays, today } from "../ui/calendar";
import { errorFor, formErrorsOf } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { meetingWrites, useMeetingWrite, useOwners } from "./queries";
import type { AgendaItem, Meeting } from "./queries";

interface DialogProps {
  meeting: Meeting;
  onClose: () => void;
}

const orNull = (value: string) => value.trim() || null;

/** Adds an agenda item or changes one, with what it is about and its minutes. */
export function AgendaItemDialog({ meeting, item, onClose }: DialogProps & { item: AgendaItem | null }) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const fields = useConflictFields();
  const plans = usePlanList(null, "");
  const [values, setValues] = useState({
    title: item?.title ?? "",
    presenter: item?.presenter ?? "",
    conflict_field_id: item?.conflict_field?.id ?? "",
    crisis_plan_id: item?.crisis_plan?.id ?? "",
    statistics_from: item?.statistics_from ?? "",
    statistics_to: item?.statistics_to ?? "",
    minutes: item?.minutes ?? "",
  });
  const links = {
    title: values.title,
    presenter: orNull(values.presenter),
    conflict_field_id: values.conflict_field_id || null,
    crisis_plan_id: values.crisis_plan_id || null,
    statistics_from: values.statistics_from || null,
    statistics_to: values.statistics_to || null,
  };
  const save = useMeetingWrite(() =>
    item
      ? meetingWrites.updateItem(meeting, item.id, { ...links, minutes: orNull(values.minutes) })
      : meetingWrites.addItem(meeting, links),
  );
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  return (
    <FormDialog
      title={item ? t("item.editTitle") : t("item.addTitle")}
      submitLabel={tUi("save")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <Field
        id="item-title"
        label={t("item.title")}
        required
        error={errorFor(errors, "title")}
        length={{ value: values.title, max: maxLengthOf("AgendaItemCreate", "title") }}
      >
        {(control) => <input {...control} type="text" value={values.title} data-autofocus onChange={set("title")} />}
      </Field>
      <Field id="item-presenter" label={t("item.presenter")} error={errorFor(errors, "presenter")}>
        {(control) => <input {...control} type="text" value={values.presenter} onChange={set("presenter")} />}
      </Field>
      <FieldGroup id="item-about" legend={t("item.about")}>
        <Field id="item-field" label={t("item.conflictField")} error={errorFor(errors, "conflict_field_id")}>
          {(control) => (
            <select {...control} value={values.conflict_field_id} onChange={set("conflict_field_id")}>
              <option value="">{t("item.none")}</option>
              {(fields.data ?? []).map((field) => (
                <option key={field.id} value={field.id}>
                  {field.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="item-plan" label={t("item.crisisPlan")} error={errorFor(errors, "crisis_plan_id")}>
          {(control) => (
            <select {...control} value={values.crisis_plan_id} onChange={set("crisis_plan_id")}>
              <option value="">{t("item.none")}</option>
              {(plans.data?.items ?? []).map((plan) => (
                <option key={plan.id} value={plan.id}>
                  {plan.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <div className="steering-times">
          <Field id="item-from" label={t("item.statisticsFrom")} error={errorFor(errors, "statistics_from")}>
            {(control) => <input {...control} type="date" value={values.statistics_from} onChange={set("statistics_from")} />}
          </Field>
          <Field id="item-to" label={t("item.statisticsTo")} error={errorFor(errors, "statistics_to")}>
            {(control) => <input {...control} type="date" value={values.statistics_to} onChange={set("statistics_to")} />}
          </Field>
        </div>
      </FieldGroup>
      {item && (
        <Field
          id="item-minutes"
          label={t("item.minutes")}
          error={errorFor(errors, "minutes")}
          length={{ value: values.minutes, max: maxLengthOf("AgendaItemUpdate", "minutes") }}
        >
          {(control) => <textarea {...control} rows={6} value={values.minutes} onChange={set("minutes")} />}
        </Field>
      )}
    </FormDialog>
  );
}

/** Records a decision under an agenda item, with the vote if there was one. */
export function DecisionDialog({ meeting, item, onClose }: DialogProps & { item: AgendaItem }) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const [text, setText] = useState("");
  const [voted, setVoted] = useState(false);
  const [vote, setVote] = useState({ yes: "0", no: "0", abstain: "0" });
  const save = useMeetingWrite(() =>
    meetingWrites.addDecision(meeting, {
      agenda_item_id: item.id,
      text,
      vote: voted ? { yes: Number(vote.yes), no: Number(vote.no), abstain: Number(vote.abstain) } : null,
    }),
  );
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;

  return (
    <FormDialog
      title={t("decisions.addTitle")}
      submitLabel={tUi("save")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p className="muted">{item.title}</p>
      <Field
        id="decision-text"
        label={t("decisions.text")}
        required
        error={errorFor(errors, "text")}
        length={{ value: text, max: maxLengthOf("DecisionCreate", "text") }}
      >
        {(control) => (
          <textarea {...control} rows={4} value={text} data-autofocus onChange={(e) => setText(e.target.value)} />
        )}
      </Field>
      <label className="check">
        <input type="checkbox" checked={voted} onChange={(e) => setVoted(e.target.checked)} />
        <span>{t("decisions.voted")}</span>
      </label>
      {voted && (
        <div className="steering-times">
          {(["yes", "no", "abstain"] as const).map((name) => (
            <Field key={name} id={`decision-${name}`} label={t(`decisions.${name}`)} error={errorFor(errors, `vote.${name}`)}>
              {(control) => (
                <input
                  {...control}
                  type="number"
                  min={0}
                  inputMode="numeric"
                  value={vote[name]}
                  onChange={(e) => setVote({ ...vote, [name]: e.target.value })}
                />
              )}
            </Field>
          ))}
        </div>
      )}
    </FormDialog>
  );
}

/** Agrees an action item under an agenda item: a task for a user of the municipality. */
export function ActionItemDialog({ meeting, item, onClose }: DialogProps & { item: AgendaItem }) {
  const { t } = useTranslation("steering");
  const { t: tUi } = useTranslation("ui");
  const owners = useOwners(true);
  const [values, setValues] = useState({
    title: "",
    owner_id: "",
    due_on: addDays(today(), 14),
    decision_id: "",
  });
  const save = useMeetingWrite(() =>
    meetingWrites.addActionItem(meeting, {
      agenda_item_id: item.id,
      title: values.title,
      owner_id: values.owner_id,
      due_on: values.due_on,
      decision_id: values.decision_id || null,
    }),
  );
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const set = (name: keyof typeof values) => (event: { target: { value: string } }) =>
    setValues({ ...values, [name]: event.target.value });

  return (
    <FormDialog
      title={t("actions.addTitle")}
      submitLabel={tUi("save")}
      busy={save.isPending}
      error={errors?.general}
      onSubmit={() => save.mutate(undefined, { onSuccess: onClose })}
      onClose={onClose}
    >
      <p className="muted">{item.title}</p>
      <Field
        id="action-title"
        label={t("actions.title")}
        required
        error={errorFor(errors, "title")}
        length={{ value: values.title, max: maxLengthOf("ActionItemCreate", "title") }}
      >
        {(control) => <input {...control} type="text" value={values.title} data-autofocus onChange={set("title")} />}
      </Field>
      <Field id="action-owner" label={t("actions.owner")} required error={errorFor(errors, "owner_id")}>
        {(control) => (
          <select {...control} value={values.owner_id} onChange={set("owner_id")}>
            <option value="">{t("actions.choose")}</option>
            {(owners.data ?? [])
              .filter((user) => user.is_active && user.role !== "admin")
              .map((user) => (
                <option key={user.id} value={user.id}>
                  {user.full_name}
                </option>
              ))}
          </select>
        )}
      </Field>
      <Field id="action-due" label={t("actions.due")} required error={errorFor(errors, "due_on")}>
        {(control) => <input {...control} type="date" value={values.due_on} onChange={set("due_on")} />}
      </Field>
      {item.decisions.length > 0 && (
        <Field id="action-decision" label={t("actions.decision")} error={errorFor(errors, "decision_id")}>
          {(control) => (
            <select {...control} value={values.decision_id} onChange={set("decision_id")}>
              <option value="">{t("actions.noDecision")}</option>
              {item.decisions.map((decision) => (
                <option key={decision.id} value={decision.id}>
                  {decision.text.length > 80 ? `${decision.text.slice(0, 80)}…` : decision.text}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      <p className="muted">{t("actions.hint")}</p>
    </FormDialog>
  );
}
