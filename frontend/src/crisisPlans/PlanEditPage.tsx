import { useState } from "react";
import type { FormEvent } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { FlashNotice, flash } from "../ui/Flash";
import { formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { checkPlan, fieldLabel } from "./checks";
import { EntryFields, controlId } from "./EntryFields";
import { LIST_SECTIONS, emptyCommunication } from "./model";
import type { Communication, ListSection, Plan, PlanContent } from "./model";
import { COMMUNICATION_FIELDS, MESSAGE_FIELDS, SECTION_FIELDS, cleaned, newEntry } from "./sections";
import type { FieldSpec } from "./sections";
import { planKeys, updatePlan, usePlan } from "./queries";
import { paths } from "../paths";
import "../ui/ui.css";
import "../ui/page.css";
import "./crisisPlans.css";

type Entry = Record<string, unknown>;

export default function PlanEditPage() {
  const { planId = "" } = useParams();
  const { t } = useTranslation("crisisPlans");
  const plan = usePlan(planId);
  useDocumentTitle(t("edit.title"));
  if (plan.isPending) return <LoadingStatus />;
  if (plan.isError) {
    return (
      <>
        <h1>{t("edit.title")}</h1>
        <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />
      </>
    );
  }
  return <PlanEditor key={plan.data.version} plan={plan.data} />;
}

interface ListEditorProps {
  section: ListSection | "messages";
  fields: readonly FieldSpec[];
  entries: Entry[];
  content: PlanContent;
  prefix: string;
  errors: FormErrors | null;
  onChange: (entries: Entry[]) => void;
}

function ListEditor({ section, fields, entries, content, prefix, errors, onChange }: ListEditorProps) {
  const { t } = useTranslation("crisisPlans");
  return (
    <>
      {entries.length === 0 && <p className="empty">{t("empty")}</p>}
      {entries.map((entry, index) => {
        const name = t(`entry.${section}`, { n: index + 1 });
        return (
          <fieldset key={index} className="plan-entry-edit">
            <legend>{name}</legend>
            <EntryFields
              entry={entry}
              fields={fields}
              content={content}
              path={`${prefix}.${index}`}
              errors={errors}
              onChange={(next) => onChange(entries.map((old, i) => (i === index ? next : old)))}
            />
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onChange(entries.filter((_, i) => i !== index))}
            >
              {t("remove", { entry: name })}
            </button>
          </fieldset>
        );
      })}
      <button type="button" className="button button-secondary" onClick={() => onChange([...entries, newEntry(section)])}>
        {t(`add.${section}`)}
      </button>
    </>
  );
}

function PlanEditor({ plan }: { plan: Plan }) {
  const { t } = useTranslation("crisisPlans");
  const { t: tUi } = useTranslation("ui");
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [frame, setFrame] = useState({
    title: plan.title,
    area: plan.area,
    classification: plan.classification,
    review_interval_months: plan.review_interval_months,
  });
  const [content, setContent] = useState<PlanContent>(plan.content);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [saving, setSaving] = useState(false);
  const editable = plan.status === "draft" || plan.status === "in_review";
  const communication = content.communication ?? emptyCommunication();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setSaving(true);
    setErrors(null);
    const sent: PlanContent = { ...content };
    for (const section of LIST_SECTIONS) {
      (sent as Record<string, unknown>)[section] = ((content[section] ?? []) as Entry[]).map((entry) =>
        cleaned(entry, SECTION_FIELDS[section]),
      );
    }
    sent.communication = {
      ...(cleaned(communication as Entry, COMMUNICATION_FIELDS) as unknown as Communication),
      messages: (communication.messages ?? []).map((m) => cleaned(m as Entry, MESSAGE_FIELDS)) as Communication["messages"],
    };
    // Checked against the API's limits first, so every problem is named at once.
    const invalid = checkPlan(frame, sent, tUi);
    if (invalid) {
      setErrors(invalid);
      setSaving(false);
      return;
    }
    try {
      const saved = await updatePlan(plan.id, plan.version, { ...frame, content: sent });
      queryClient.setQueryData(planKeys.detail(plan.id), saved);
      await queryClient.invalidateQueries({ queryKey: planKeys.all });
      navigate(paths.crisisPlans.detail(plan.id), { state: flash(t("edit.saved")) });
    } catch (error) {
      setErrors(formErrorsOf(error, tUi));
      setSaving(false);
    }
  }

  const frameFields: FieldSpec[] = [
    { name: "title", kind: "text", required: true, wide: true },
    { name: "area", kind: "text", required: true, wide: true },
  ];

  return (
    <div className="crisis-page">
      <p>
        <Link to={paths.crisisPlans.detail(plan.id)}>{t("edit.back")}</Link>
      </p>
      <FlashNotice />
      <h1>
        {t("edit.title")}: {plan.title}
      </h1>
      {!editable && <p className="notice">{t("edit.readOnly")}</p>}
      <form className="form" onSubmit={onSubmit} noValidate aria-busy={saving}>
        <ErrorSummary errors={errors} controlId={controlId} label={(path) => fieldLabel(t, path)} />
        <section className="panel" aria-labelledby="edit-frame">
          <h2 id="edit-frame">{t("frame.heading")}</h2>
          <EntryFields
            entry={frame}
            fields={frameFields}
            content={content}
            path=""
            labels="frame"
            errors={errors}
            onChange={(next) => setFrame(next as typeof frame)}
          />
          <div className="form-grid">
            <div className="field">
              <label htmlFor={controlId("classification")}>{t("frame.classification")}</label>
              <select
                id={controlId("classification")}
                value={frame.classification}
                onChange={(e) => setFrame({ ...frame, classification: e.target.value as Plan["classification"] })}
              >
                <option value="internal">{t("classification.internal")}</option>
                <option value="confidential">{t("classification.confidential")}</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={controlId("review_interval_months")}>{t("frame.review_interval_months")}</label>
              <input
                id={controlId("review_interval_months")}
                type="number"
                min={1}
                max={60}
                value={frame.review_interval_months}
                onChange={(e) => setFrame({ ...frame, review_interval_months: Number(e.target.value) })}
              />
            </div>
          </div>
        </section>
        {LIST_SECTIONS.map((section) => (
          <section key={section} className="panel" aria-labelledby={`edit-${section}`}>
            <h2 id={`edit-${section}`}>{t(`section.${section}`)}</h2>
            <ListEditor
              section={section}
              fields={SECTION_FIELDS[section]}
              entries={(content[section] ?? []) as Entry[]}
              content={content}
              prefix={`content.${section}`}
              errors={errors}
              onChange={(entries) => setContent({ ...content, [section]: entries })}
            />
          </section>
        ))}
        <section className="panel" aria-labelledby="edit-communication">
          <h2 id="edit-communication">{t("section.communication")}</h2>
          <EntryFields
            entry={communication as Entry}
            fields={COMMUNICATION_FIELDS}
            content={content}
            path="content.communication"
            errors={errors}
            onChange={(next) => setContent({ ...content, communication: { ...communication, ...(next as Partial<Communication>) } })}
          />
          <h3>{t("section.messages")}</h3>
          <ListEditor
            section="messages"
            fields={MESSAGE_FIELDS}
            entries={(communication.messages ?? []) as Entry[]}
            content={content}
            prefix="content.communication.messages"
            errors={errors}
            onChange={(messages) =>
              setContent({ ...content, communication: { ...communication, messages: messages as Communication["messages"] } })
            }
          />
        </section>
        <div className="button-row plan-save">
          <button type="submit" className="button button-primary" disabled={saving || !editable}>
            {saving ? tUi("saving") : t("edit.save")}
          </button>
          <Link className="button button-secondary" to={paths.crisisPlans.detail(plan.id)}>
            {tUi("cancel")}
          </Link>
        </div>
      </form>
    </div>
  );
}
