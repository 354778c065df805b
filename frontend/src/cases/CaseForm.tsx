import type { FormEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field, FieldGroup } from "../ui/Field";
import { errorFor } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { CheckboxList } from "../ui/CheckboxList";
import { maxLengthOf } from "../ui/validation";
import { paths } from "../paths";
import { LevelOptions } from "./CaseBadges";
import { PlaceField } from "./PlaceField";
import { INDICATORS, TOPICS } from "./model";
import type { CaseVisibility } from "./model";
import { UNRATED } from "./form";
import type { CaseFormValues } from "./form";

function levelChoice(value: string): CaseFormValues["escalation_level"] {
  if (value === "" || value === UNRATED) return value;
  return Number(value) as CaseFormValues["escalation_level"];
}
import "../ui/ui.css";
import "../ui/page.css";
import "./cases.css";

interface CaseFormProps {
  mode: "create" | "edit";
  values: CaseFormValues;
  onChange: (values: CaseFormValues) => void;
  onSubmit: () => void;
  errors: FormErrors | null;
  submitting: boolean;
  cancelTo: string;
  /** The escalation choice when editing started: a change asks for a reason. */
  savedLevel?: CaseFormValues["escalation_level"];
  /** Shown above the fields (draft notice, conflict, success). */
  notices?: ReactNode;
}

export const caseControlId = (path: string) => `case-${path.split(".")[0]}`;

/** Create and edit form of a case. Required: the title; everything else can follow later. */
export function CaseForm({
  mode,
  values,
  onChange,
  onSubmit,
  errors,
  submitting,
  cancelTo,
  savedLevel,
  notices,
}: CaseFormProps) {
  const { t } = useTranslation("cases");
  const { t: tUi } = useTranslation("ui");
  const set = (patch: Partial<CaseFormValues>) => onChange({ ...values, ...patch });
  const error = (name: string) => errorFor(errors, name);
  const levelChanged = savedLevel !== undefined && savedLevel !== values.escalation_level;
  // The API's limits (the same for creating and changing a case).
  const length = (field: "title" | "summary" | "requesting_body" | "timeline_note") => ({
    value: values[field],
    max: maxLengthOf("CaseUpdate", field),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!submitting) onSubmit();
  }

  return (
    <form className="form form-narrow" noValidate onSubmit={submit} aria-busy={submitting}>
      <p className="muted">{t("form.intro")}</p>
      {notices}
      <ErrorSummary
        errors={errors}
        controlId={caseControlId}
        label={(path) => t(`field.${path.split(".")[0]}` as "field.title", { defaultValue: path })}
      />

      <Field id="case-title" label={t("field.title")} hint={t("form.titleHint")} error={error("title")} required length={length("title")}>
        {(control) => (
          <input
            {...control}
            type="text"
            autoComplete="off"
            value={values.title}
            onChange={(event) => set({ title: event.target.value })}
          />
        )}
      </Field>

      <Field id="case-summary" label={t("field.summary")} error={error("summary")} length={length("summary")}>
        {(control) => (
          <textarea
            {...control}
            rows={6}
            value={values.summary}
            onChange={(event) => set({ summary: event.target.value })}
          />
        )}
      </Field>

      <FieldGroup id="case-topics" legend={t("field.topics")} error={error("topics")}>
        <CheckboxList options={TOPICS} checked={values.topics} label={(topic) => t(`topic.${topic}`)} onChange={(topics) => set({ topics })} />
      </FieldGroup>

      <div className="form-grid">
        <Field
          id="case-escalation_level"
          label={t("levelLabel")}
          hint={
            <>
              {mode === "create" ? t("form.escalationHintCreate") : t("form.escalationHintEdit")}{" "}
              <Link to={paths.glossaryTerm("glasl")}>
                {t("form.glossaryLink")}
              </Link>
            </>
          }
          error={error("escalation_level")}
          required
        >
          {(control) => (
            <select
              {...control}
              value={values.escalation_level}
              onChange={(event) => set({ escalation_level: levelChoice(event.target.value) })}
            >
              {values.escalation_level === "" && <option value="">{tUi("choose")}</option>}
              <option value={UNRATED}>{t("unrated")}</option>
              <LevelOptions />
            </select>
          )}
        </Field>
        <Field
          id="case-follow_up_date"
          label={t("field.follow_up_date")}
          hint={t("form.followUpHint")}
          error={error("follow_up_date")}
        >
          {(control) => (
            <input
              {...control}
              type="date"
              min="2000-01-01"
              max="2100-12-31"
              value={values.follow_up_date}
              onChange={(event) => set({ follow_up_date: event.target.value })}
            />
          )}
        </Field>
      </div>

      {mode === "edit" && levelChanged && (
        <Field
          id="case-timeline_note"
          label={t("field.timeline_note")}
          hint={t("form.timelineNoteHint")}
          error={error("timeline_note")} length={length("timeline_note")}
        >
          {(control) => (
            <textarea
              {...control}
              rows={2}
              value={values.timeline_note}
              onChange={(event) => set({ timeline_note: event.target.value })}
            />
          )}
        </Field>
      )}

      <div className="field">
        <label className="check">
          <input
            id="case-endangers_democracy"
            type="checkbox"
            checked={values.endangers_democracy}
            onChange={(event) =>
              set({
                endangers_democracy: event.target.checked,
                democracy_indicators: event.target.checked ? values.democracy_indicators : [],
              })
            }
          />
          {t("field.endangers_democracy")}
        </label>
      </div>

      {values.endangers_democracy && (
        <FieldGroup
          id="case-democracy_indicators"
          legend={t("field.democracy_indicators")}
          hint={t("form.indicatorsHint")}
          error={error("democracy_indicators")}
        >
          <CheckboxList options={INDICATORS} checked={values.democracy_indicators} label={(indicator) => t(`indicator.${indicator}`)} onChange={(democracy_indicators) => set({ democracy_indicators })} />
        </FieldGroup>
      )}

      <div className="form-grid">
        <PlaceField values={values} onChange={set} error={error} />
        <Field id="case-requesting_body" label={t("field.requesting_body")} error={error("requesting_body")} length={length("requesting_body")}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={values.requesting_body}
              onChange={(event) => set({ requesting_body: event.target.value })}
            />
          )}
        </Field>
      </div>

      <FieldGroup id="case-visibility" legend={t("field.visibility")} error={error("visibility")}>
        {(["team", "restricted"] as CaseVisibility[]).map((visibility) => (
          <label key={visibility} className="check">
            <input
              type="radio"
              name="visibility"
              value={visibility}
              checked={values.visibility === visibility}
              onChange={() => set({ visibility })}
            />
            <span>
              <strong>{t(`visibility.${visibility}`)}</strong> – {t(`visibilityHint.${visibility}`)}
            </span>
          </label>
        ))}
      </FieldGroup>

      {mode === "create" && <p className="muted">{t("form.assignSelf")}</p>}

      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? tUi("saving") : t(mode === "create" ? "form.submitCreate" : "form.submitEdit")}
        </button>
        <Link to={cancelTo} className="button button-secondary">
          {t("form.cancel")}
        </Link>
      </div>
    </form>
  );
}
