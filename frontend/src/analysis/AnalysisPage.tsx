import { useRef, useState } from "react";
import type { ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../api/client";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { caseKeys, useCase } from "../cases/queries";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { ACTOR_GROUPS } from "../network";
import { ErrorNotice } from "../ui/ErrorNotice";
import { ErrorSummary } from "../ui/ErrorSummary";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { paths } from "../paths";
import { ConflictMap } from "./ConflictMap";
import { AnalysisPrint } from "./AnalysisPrint";
import { CourseChart } from "./CourseChart";
import { Guidance } from "./Guidance";
import { VersionsPanel } from "./VersionsPanel";
import { ExportPanel } from "./ExportPanel";
import {
  ACTOR_KINDS,
  DEGREES,
  RELATIONSHIP_KINDS,
  STAGES,
  attitudesOf,
  editable,
  levelOf,
  newActor,
  newAssessment,
  newIssue,
  newRelationship,
  nextActorKey,
} from "./model";
import type { Actor, AnalysisContent, AnalysisOut, Assessment, Issue, MapPosition, Relationship } from "./model";
import { analysisKeys, fetchAnalysis, saveActorPlaces, saveAnalysis, useAnalysis } from "./queries";
import "../ui/ui.css";
import "../ui/page.css";
import "./analysis.css";

/** The control id of a field path of the analysis (`actors.0.label` → `an-actors-0-label`). */
const controlId = (path: string) => `an-${path.replace(/\./g, "-")}`;

/** After adding an entry, the keyboard continues in its first field. */
function focusFirstFieldOf(path: string) {
  requestAnimationFrame(() => {
    document.getElementById(controlId(path))?.querySelector<HTMLElement>("input, select, textarea")?.focus();
  });
}

export default function AnalysisPage() {
  const { caseId = "" } = useParams();
  const { t } = useTranslation("analysis");
  const record = useCase(caseId);
  const analysis = useAnalysis(caseId);
  useDocumentTitle(record.data ? t("pageTitle", { reference: record.data.reference }) : t("title"));

  if (record.isPending || analysis.isPending) return <LoadingStatus />;
  if (record.isError || analysis.isError) {
    return (
      <>
        <h1>{t("title")}</h1>
        <ErrorNotice
          error={record.error ?? analysis.error}
          onRetry={() => {
            void record.refetch();
            void analysis.refetch();
          }}
        />
      </>
    );
  }
  const parties = record.data.parties.map((party) => ({ id: party.contact_id, name: party.name }));
  return (
    <AnalysisEditor
      key={caseId}
      caseId={caseId}
      reference={record.data.reference}
      caseTitle={record.data.title}
      archived={record.data.archived}
      parties={parties}
      saved={analysis.data}
    />
  );
}

interface EditorProps {
  caseId: string;
  reference: string;
  caseTitle: string;
  archived: boolean;
  parties: { id: string; name: string }[];
  saved: AnalysisOut;
}

function AnalysisEditor({ caseId, reference, caseTitle, archived, parties, saved }: EditorProps) {
  const { t } = useTranslation("analysis");
  const { t: tUi } = useTranslation("ui");
  const { can } = useSession();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [content, setContent] = useState<AnalysisContent>(() => editable(saved));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const mayWrite = can(Permission.casesWrite) && !archived;
  // Moved actors wait here while an earlier move is being stored; each store needs the
  // version the one before it answered.
  const pendingPlaces = useRef(new Map<string, MapPosition>());
  const storing = useRef(false);
  const savedKeys = new Set((saved.content.actors ?? []).map((actor) => actor.key));

  function moveActor(key: string, position: MapPosition, done: boolean) {
    setContent((current) => ({
      ...current,
      actors: (current.actors ?? []).map((actor) => (actor.key === key ? { ...actor, position } : actor)),
    }));
    // A new actor's place is stored with the analysis when it is saved.
    if (done && savedKeys.has(key)) {
      pendingPlaces.current.set(key, position);
      void storePlaces();
    }
  }

  async function storePlaces() {
    if (storing.current || pendingPlaces.current.size === 0) return;
    storing.current = true;
    const places = [...pendingPlaces.current].map(([key, position]) => ({ key, position }));
    pendingPlaces.current.clear();
    try {
      const current = queryClient.getQueryData<AnalysisOut>(analysisKeys.detail(caseId)) ?? saved;
      const result = await saveActorPlaces(caseId, current.version, places);
      queryClient.setQueryData(analysisKeys.detail(caseId), result);
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else setErrors(formErrorsOf(error, tUi));
    } finally {
      storing.current = false;
    }
    void storePlaces();
  }

  function change(next: Partial<AnalysisContent>) {
    setContent((current) => ({ ...current, ...next }));
    setDirty(true);
    setNotice(null);
  }

  async function submit() {
    setErrors(null);
    setSaving(true);
    try {
      const result = await saveAnalysis(caseId, saved.version, content);
      queryClient.setQueryData(analysisKeys.detail(caseId), result);
      void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
      void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
      setContent(editable(result));
      setDirty(false);
      setNotice(t("saved"));
    } catch (error) {
      if (error instanceof ApiError && error.status === 412) setStale(true);
      else setErrors(formErrorsOf(error, tUi));
    } finally {
      setSaving(false);
    }
  }

  async function reload() {
    const fresh = await queryClient.fetchQuery({
      queryKey: analysisKeys.detail(caseId),
      queryFn: () => fetchAnalysis(caseId),
      staleTime: 0,
    });
    setContent(editable(fresh));
    setDirty(false);
    setStale(false);
    setErrors(null);
  }

  const actors = content.actors ?? [];
  const err = (path: string) => errorFor(errors, path) ?? null;

  return (
    <article className="analysis">
      <nav className="breadcrumb" aria-label={tUi("breadcrumb")}>
        <ol>
          <li>
            <Link to={paths.cases.list}>{t("title")}</Link>
          </li>
          <li>
            <Link to={paths.cases.detail(caseId)}>{reference}</Link>
          </li>
          <li>
            <span aria-current="page">{t("title")}</span>
          </li>
        </ol>
      </nav>
      <h1>{t("pageTitle", { reference })}</h1>
      <p className="analysis-case">{caseTitle}</p>
      <p>{t("intro")}</p>
      <p className="field-hint">
        {saved.updated_at
          ? t("lastSaved", { date: format.dateTime(saved.updated_at), name: saved.updated_by_name, version: saved.version })
          : t("neverSaved")}
      </p>
      {archived && <p className="notice notice-info">{t("archived")}</p>}
      {!archived && !mayWrite && <p className="notice notice-info">{t("readOnly")}</p>}
      {notice && (
        <p className="notice notice-success" role="status">
          {notice}
        </p>
      )}
      {stale && (
        <div className="notice notice-error" role="alert">
          <p>{t("stale")}</p>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => void reload()}
          >
            {t("reload")}
          </button>
        </div>
      )}

      <div className="analysis-actions analysis-no-print">
        <button type="button" className="button button-secondary" aria-describedby="analysis-print-hint" onClick={() => window.print()}>
          {t("print.button")}
        </button>
        <p id="analysis-print-hint" className="field-hint">
          {t("print.hint")}
        </p>
      </div>
      <ConflictMap content={content} headingId="analysis-map-heading" onMove={mayWrite ? moveActor : undefined} />
      <CourseChart caseId={caseId} version={saved.version} headingId="analysis-course-heading" />
      <Guidance
        caseId={caseId}
        version={saved.version}
        headingId="analysis-guidance-heading"
        mayReadContacts={can(Permission.contactsRead)}
        mayRefer={mayWrite}
      />

      <form
        className="analysis-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <ErrorSummary errors={errors} controlId={controlId} />
        <fieldset className="analysis-fieldset-plain" disabled={!mayWrite || saving}>
          <Section id="analysis-actors" title={t("section.actors")}>
            {actors.length === 0 && <p className="empty">{t("actor.none")}</p>}
            {actors.map((actor, index) => (
              <ActorFields
                key={actor.key}
                actor={actor}
                index={index}
                parties={parties}
                err={err}
                onChange={(next) => change({ actors: actors.map((a, i) => (i === index ? next : a)) })}
                onRemove={() => change(withoutActor(content, actor.key))}
              />
            ))}
            <button
              type="button"
              className="button button-secondary"
              onClick={() => {
                change({ actors: [...actors, newActor(nextActorKey(actors))] });
                focusFirstFieldOf(`actors.${actors.length}`);
              }}
            >
              {t("actor.add")}
            </button>
          </Section>

          <Section id="analysis-relationships" title={t("section.relationships")}>
            <ListEditor<Relationship>
              name="relationships"
              items={content.relationships ?? []}
              none={t("relationship.none")}
              addLabel={t("relationship.add")}
              canAdd={actors.length >= 2}
              cannotAdd={t("relationship.needTwo")}
              make={() => newRelationship(actors[0]?.key ?? "", actors[1]?.key ?? "")}
              legend={(_, n) => t("relationship.legend", { n })}
              onChange={(relationships) => change({ relationships })}
              render={(rel, index, set) => (
                <RelationshipFields rel={rel} index={index} actors={actors} err={err} set={set} />
              )}
            />
          </Section>

          <Section id="analysis-assessments" title={t("section.assessments")}>
            <ListEditor<Assessment>
              name="assessments"
              items={content.assessments ?? []}
              none={t("assessment.none")}
              addLabel={t("assessment.add")}
              canAdd={actors.length >= 2}
              cannotAdd={t("relationship.needTwo")}
              make={() => newAssessment(actors[0]?.key ?? "", actors[1]?.key ?? "")}
              legend={(_, n) => t("assessment.legend", { n })}
              onChange={(assessments) => change({ assessments })}
              render={(item, index, set) => (
                <AssessmentFields item={item} index={index} actors={actors} err={err} set={set} />
              )}
            />
            <div className="check">
              <input
                type="checkbox"
                id="an-headline"
                aria-describedby="an-headline-hint"
                checked={content.headline_follows_assessments ?? true}
                onChange={(event) => change({ headline_follows_assessments: event.target.checked })}
              />
              <label htmlFor="an-headline">{t("assessment.headline")}</label>
            </div>
            <p id="an-headline-hint" className="field-hint">
              {t("assessment.headlineHint")}
            </p>
          </Section>

          <Section id="analysis-issues" title={t("section.issues")}>
            <ListEditor<Issue>
              name="issues"
              items={content.issues ?? []}
              none={t("issue.none")}
              addLabel={t("issue.add")}
              canAdd
              make={newIssue}
              legend={(_, n) => t("issue.legend", { n })}
              onChange={(issues) => change({ issues })}
              render={(issue, index, set) => <IssueFields issue={issue} index={index} actors={actors} err={err} set={set} />}
            />
          </Section>

          <Section id="analysis-frame" title={t("section.frame")}>
            <div className="analysis-grid">
              <Choice
                id="an-frame-arena"
                label={t("frame.arena")}
                value={content.frame?.arena ?? null}
                options={(["micro", "meso", "macro"] as const).map((v) => [v, t(`frame.arenas.${v}`)])}
                onChange={(arena) => change({ frame: { ...content.frame, arena } })}
              />
              <Choice
                id="an-frame-reach"
                label={t("frame.reach")}
                value={content.frame?.reach ?? null}
                options={(["friction", "positions", "system"] as const).map((v) => [v, t(`frame.reaches.${v}`)])}
                onChange={(reach) => change({ frame: { ...content.frame, reach } })}
              />
              <Choice
                id="an-frame-form"
                label={t("frame.form")}
                value={content.frame?.form ?? null}
                options={(["hot", "cold"] as const).map((v) => [v, t(`frame.forms.${v}`)])}
                onChange={(form) => change({ frame: { ...content.frame, form } })}
              />
            </div>
          </Section>

          <Section id="analysis-causes" title={t("section.causes")}>
            {(["situational", "institutional", "individual", "cultural"] as const).map((name) => (
              <TextArea
                key={name}
                id={`an-causes-${name}`}
                label={t(`causes.${name}`)}
                value={content.causes?.[name] ?? ""}
                error={err(`causes.${name}`)}
                onChange={(value) => change({ causes: { situational: "", institutional: "", individual: "", cultural: "", ...content.causes, [name]: value } })}
              />
            ))}
          </Section>

          <Section id="analysis-conclusions" title={t("section.conclusions")}>
            {(["resources", "hypotheses", "options", "recommendations"] as const).map((name) => (
              <TextArea
                key={name}
                id={`an-${name}`}
                label={t(`conclusions.${name}`)}
                value={content[name] ?? ""}
                error={err(name)}
                onChange={(value) => change({ [name]: value })}
              />
            ))}
          </Section>
        </fieldset>
        {mayWrite && (
          <div className="analysis-actions">
            {dirty && <p className="field-hint">{t("unsaved")}</p>}
            <button type="submit" className="button button-primary" disabled={saving}>
              {saving ? t("saving") : t("save")}
            </button>
          </div>
        )}
      </form>

      <AnalysisPrint content={content} />
      <VersionsPanel
        caseId={caseId}
        version={saved.version}
        mayWrite={mayWrite}
        dirty={dirty}
        headingId="analysis-versions-heading"
      />
      {saved.version > 0 && <ExportPanel caseId={caseId} reference={reference} headingId="analysis-export-heading" />}
    </article>
  );
}

/** The analysis without an actor and everything that names it. */
function withoutActor(content: AnalysisContent, key: string): Partial<AnalysisContent> {
  return {
    actors: (content.actors ?? []).filter((a) => a.key !== key),
    relationships: (content.relationships ?? []).filter((r) => r.source !== key && r.target !== key),
    assessments: (content.assessments ?? []).filter((a) => a.actor_a !== key && a.actor_b !== key),
    issues: (content.issues ?? []).map((issue) => ({
      ...issue,
      raised_by: (issue.raised_by ?? []).filter((k) => k !== key),
    })),
  };
}

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="panel analysis-section" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      {children}
    </section>
  );
}

type Err = (path: string) => string | null;

function TextInput(props: { id: string; label: string; value: string; error?: string | null; hint?: string; required?: boolean; type?: string; onChange: (value: string) => void }) {
  return (
    <Field id={props.id} label={props.label} hint={props.hint} error={props.error} required={props.required}>
      {(control) => (
        <input {...control} type={props.type ?? "text"} value={props.value} onChange={(event) => props.onChange(event.target.value)} />
      )}
    </Field>
  );
}

function TextArea(props: { id: string; label: string; value: string; error?: string | null; onChange: (value: string) => void }) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(control) => <textarea {...control} rows={3} value={props.value} onChange={(event) => props.onChange(event.target.value)} />}
    </Field>
  );
}

/** A select of codes; the empty choice means "not stated" unless `required`. */
function Choice<T extends string>(props: {
  id: string;
  label: string;
  value: T | null;
  options: readonly (readonly [T, string])[];
  onChange: (value: T | null) => void;
  error?: string | null;
  required?: boolean;
}) {
  const { t } = useTranslation("analysis");
  return (
    <Field id={props.id} label={props.label} error={props.error} required={props.required}>
      {(control) => (
        <select {...control} value={props.value ?? ""} onChange={(event) => props.onChange((event.target.value || null) as T | null)}>
          {!props.required && <option value="">{t("none")}</option>}
          {props.options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A list of entries, each a fieldset with a remove button, and a button to add one. */
function ListEditor<T>(props: {
  /** The list's name in the API (`relationships`), for the ids the error summary links to. */
  name: string;
  items: readonly T[];
  none: string;
  addLabel: string;
  canAdd: boolean;
  cannotAdd?: string;
  make: () => T;
  legend: (item: T, n: number) => string;
  onChange: (items: T[]) => void;
  render: (item: T, index: number, set: (item: T) => void) => ReactNode;
}) {
  const { t } = useTranslation("analysis");
  const { items, onChange } = props;
  return (
    <>
      {items.length === 0 && <p className="empty">{props.none}</p>}
      {items.map((item, index) => {
        const legend = props.legend(item, index + 1);
        return (
          <fieldset key={index} className="analysis-entry" id={controlId(`${props.name}.${index}`)} tabIndex={-1}>
            <legend>{legend}</legend>
            {props.render(item, index, (next) => onChange(items.map((x, i) => (i === index ? next : x))))}
            <button
              type="button"
              className="button button-link"
              onClick={() => onChange(items.filter((_, i) => i !== index))}
            >
              {t("remove", { name: legend })}
            </button>
          </fieldset>
        );
      })}
      {props.canAdd ? (
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            onChange([...items, props.make()]);
            focusFirstFieldOf(`${props.name}.${items.length}`);
          }}
        >
          {props.addLabel}
        </button>
      ) : (
        props.cannotAdd && <p className="field-hint">{props.cannotAdd}</p>
      )}
    </>
  );
}

function ActorFields({
  actor,
  index,
  parties,
  err,
  onChange,
  onRemove,
}: {
  actor: Actor;
  index: number;
  parties: { id: string; name: string }[];
  err: Err;
  onChange: (actor: Actor) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation("analysis");
  const { t: tNetwork } = useTranslation("network");
  const p = (field: string) => `actors.${index}.${field}`;
  const legend = t("actor.legend", { n: index + 1, label: actor.label || t("actor.unnamed") });
  const set = (next: Partial<Actor>) => onChange({ ...actor, ...next });
  const attitudes = attitudesOf(actor);
  return (
    <fieldset className="analysis-entry" id={controlId(`actors.${index}`)} tabIndex={-1}>
      <legend>{legend}</legend>
      <div className="analysis-grid">
        <TextInput
          id={controlId(p("label"))}
          label={t("actor.label")}
          hint={t("actor.labelHint")}
          required
          value={actor.label}
          error={err(p("label"))}
          onChange={(label) => set({ label })}
        />
        <Choice
          id={controlId(p("contact_id"))}
          label={t("actor.contact")}
          value={actor.contact_id ?? null}
          options={parties.map((party) => [party.id, party.name] as const)}
          error={err(p("contact_id"))}
          onChange={(contact_id) => set({ contact_id })}
        />
        <Choice
          id={controlId(p("kind"))}
          label={t("actor.kind")}
          required
          value={actor.kind ?? "group"}
          options={ACTOR_KINDS.map((kind) => [kind, t(`kind.${kind}`)] as const)}
          onChange={(kind) => set({ kind: kind ?? "group" })}
        />
        <Choice
          id={controlId(p("sector"))}
          label={t("actor.sector")}
          value={actor.sector ?? null}
          options={ACTOR_GROUPS.map((group) => [group, tNetwork(`actorGroup.${group}`)] as const)}
          onChange={(sector) => set({ sector })}
        />
        <Choice
          id={controlId(p("influence"))}
          label={t("actor.influence")}
          value={actor.influence ? String(actor.influence) : null}
          options={["1", "2", "3", "4", "5"].map((v) => [v, v] as const)}
          onChange={(value) => set({ influence: value ? Number(value) : null })}
        />
        <Choice
          id={controlId(p("cohesion"))}
          label={t("actor.cohesion")}
          value={actor.cohesion ?? null}
          options={DEGREES.map((d) => [d, t(`degree.${d}`)] as const)}
          onChange={(cohesion) => set({ cohesion })}
        />
        <TextInput
          id={controlId(p("spokesperson"))}
          label={t("actor.spokesperson")}
          value={actor.spokesperson ?? ""}
          error={err(p("spokesperson"))}
          onChange={(value) => set({ spokesperson: value || null })}
        />
      </div>
      {(["stance", "interests", "needs"] as const).map((name) => (
        <TextArea
          key={name}
          id={controlId(p(name))}
          label={t(`actor.${name}`)}
          value={actor[name] ?? ""}
          error={err(p(name))}
          onChange={(value) => set({ [name]: value })}
        />
      ))}
      <details className="analysis-attitudes">
        <summary>{t("actor.attitudes")}</summary>
        {(["expects_to_gain", "fears_to_lose", "alternatives", "third_parties"] as const).map((name) => (
          <TextArea
            key={name}
            id={controlId(p(`attitudes.${name}`))}
            label={t(`actor.${name}`)}
            value={attitudes[name] ?? ""}
            error={err(p(`attitudes.${name}`))}
            onChange={(value) => set({ attitudes: { ...attitudes, [name]: value } })}
          />
        ))}
      </details>
      <button type="button" className="button button-link" onClick={onRemove}>
        {t("remove", { name: legend })}
      </button>
    </fieldset>
  );
}

function actorOptions(actors: readonly Actor[]) {
  return actors.map((actor) => [actor.key, actor.label || actor.key] as const);
}

function RelationshipFields({ rel, index, actors, err, set }: { rel: Relationship; index: number; actors: readonly Actor[]; err: Err; set: (rel: Relationship) => void }) {
  const { t } = useTranslation("analysis");
  const p = (field: string) => `relationships.${index}.${field}`;
  return (
    <>
      <div className="analysis-grid">
        <Choice id={controlId(p("source"))} label={t("relationship.source")} required value={rel.source} options={actorOptions(actors)} error={err(p("source"))} onChange={(source) => set({ ...rel, source: source ?? rel.source })} />
        <Choice id={controlId(p("target"))} label={t("relationship.target")} required value={rel.target} options={actorOptions(actors)} error={err(p("target"))} onChange={(target) => set({ ...rel, target: target ?? rel.target })} />
        <Choice
          id={controlId(p("kind"))}
          label={t("relationship.kind")}
          required
          value={rel.kind}
          options={RELATIONSHIP_KINDS.map((kind) => [kind, t(`relationship.kinds.${kind}`)] as const)}
          onChange={(kind) => set({ ...rel, kind: kind ?? rel.kind })}
        />
        <Choice
          id={controlId(p("intensity"))}
          label={t("relationship.intensity")}
          required
          value={String(rel.intensity ?? 2) as "1" | "2" | "3"}
          options={(["1", "2", "3"] as const).map((v) => [v, t(`relationship.intensityValue.${v}`)] as const)}
          onChange={(value) => set({ ...rel, intensity: Number(value ?? 2) })}
        />
      </div>
      <div className="check">
        <input type="checkbox" id={controlId(p("directed"))} checked={rel.directed ?? false} onChange={(event) => set({ ...rel, directed: event.target.checked })} />
        <label htmlFor={controlId(p("directed"))}>{t("relationship.directed")}</label>
      </div>
      <TextInput id={controlId(p("note"))} label={t("relationship.note")} value={rel.note ?? ""} error={err(p("note"))} onChange={(note) => set({ ...rel, note })} />
    </>
  );
}

function AssessmentFields({ item, index, actors, err, set }: { item: Assessment; index: number; actors: readonly Actor[]; err: Err; set: (item: Assessment) => void }) {
  const { t } = useTranslation("analysis");
  const { t: tCases } = useTranslation("cases");
  const p = (field: string) => `assessments.${index}.${field}`;
  const points = item.turning_points ?? [];
  return (
    <>
      <div className="analysis-grid">
        <Choice id={controlId(p("actor_a"))} label={t("assessment.actorA")} required value={item.actor_a} options={actorOptions(actors)} error={err(p("actor_a"))} onChange={(a) => set({ ...item, actor_a: a ?? item.actor_a })} />
        <Choice id={controlId(p("actor_b"))} label={t("assessment.actorB")} required value={item.actor_b} options={actorOptions(actors)} error={err(p("actor_b"))} onChange={(b) => set({ ...item, actor_b: b ?? item.actor_b })} />
        <Choice
          id={controlId(p("stage"))}
          label={t("assessment.stage")}
          required
          value={String(item.stage)}
          error={err(p("stage"))}
          options={STAGES.map((stage) => [String(stage), tCases("levelNamed", { level: stage, name: tCases(`glasl.${stage}` as "glasl.1") })] as const)}
          onChange={(value) => set({ ...item, stage: Number(value ?? item.stage) })}
        />
        <Choice
          id={controlId(p("stability"))}
          label={t("assessment.stability")}
          value={item.stability ?? null}
          options={(["stable", "fluctuating", "volatile"] as const).map((v) => [v, t(`assessment.stabilities.${v}`)] as const)}
          onChange={(stability) => set({ ...item, stability })}
        />
        <Choice
          id={controlId(p("confidence"))}
          label={t("assessment.confidence")}
          value={item.confidence ?? null}
          options={DEGREES.map((d) => [d, t(`degree.${d}`)] as const)}
          onChange={(confidence) => set({ ...item, confidence })}
        />
        <TextInput id={controlId(p("assessed_on"))} type="date" label={t("assessment.assessedOn")} value={item.assessed_on ?? ""} error={err(p("assessed_on"))} onChange={(value) => set({ ...item, assessed_on: value || null })} />
      </div>
      <p className="analysis-level">{t("assessment.level", { level: t(`assessment.levels.${levelOf(item.stage)}`) })}</p>
      {item.assessed_by && (
        <p className="field-hint">
          {t("assessment.assessedBy")}: {item.assessed_by}
        </p>
      )}
      <TextArea id={controlId(p("signs"))} label={t("assessment.signs")} value={item.signs ?? ""} error={err(p("signs"))} onChange={(signs) => set({ ...item, signs })} />
      <fieldset className="analysis-subentry">
        <legend>{t("assessment.turningPoints")}</legend>
        {points.map((point, j) => {
          const legend = t("assessment.turningPointLegend", { n: j + 1 });
          const setPoint = (next: typeof point) => set({ ...item, turning_points: points.map((x, k) => (k === j ? next : x)) });
          return (
            <div key={j} className="analysis-grid" role="group" aria-label={legend}>
              <TextInput id={controlId(p(`turning_points.${j}.on`))} type="date" label={t("assessment.turningPointDate")} required value={point.on} error={err(p(`turning_points.${j}.on`))} onChange={(on) => setPoint({ ...point, on })} />
              <TextInput id={controlId(p(`turning_points.${j}.what`))} label={t("assessment.turningPointWhat")} required value={point.what} error={err(p(`turning_points.${j}.what`))} onChange={(what) => setPoint({ ...point, what })} />
              <button type="button" className="button button-link" onClick={() => set({ ...item, turning_points: points.filter((_, k) => k !== j) })}>
                {t("remove", { name: legend })}
              </button>
            </div>
          );
        })}
        <button type="button" className="button button-secondary" onClick={() => set({ ...item, turning_points: [...points, { on: "", what: "" }] })}>
          {t("assessment.addTurningPoint")}
        </button>
      </fieldset>
    </>
  );
}

function IssueFields({ issue, index, actors, err, set }: { issue: Issue; index: number; actors: readonly Actor[]; err: Err; set: (issue: Issue) => void }) {
  const { t } = useTranslation("analysis");
  const p = (field: string) => `issues.${index}.${field}`;
  const raisedBy = issue.raised_by ?? [];
  const known = issue.known_to_other_side === undefined || issue.known_to_other_side === null ? null : issue.known_to_other_side ? "yes" : "no";
  return (
    <>
      <TextInput id={controlId(p("text"))} label={t("issue.text")} required value={issue.text} error={err(p("text"))} onChange={(text) => set({ ...issue, text })} />
      {actors.length > 0 && (
        <fieldset className="analysis-subentry" id={controlId(p("raised_by"))} tabIndex={-1}>
          <legend>{t("issue.raisedBy")}</legend>
          {actors.map((actor) => {
            const id = controlId(`${p("raised_by")}.${actor.key}`);
            return (
              <div className="check" key={actor.key}>
                <input
                  type="checkbox"
                  id={id}
                  checked={raisedBy.includes(actor.key)}
                  onChange={(event) =>
                    set({
                      ...issue,
                      raised_by: event.target.checked ? [...raisedBy, actor.key] : raisedBy.filter((k) => k !== actor.key),
                    })
                  }
                />
                <label htmlFor={id}>{actor.label || actor.key}</label>
              </div>
            );
          })}
        </fieldset>
      )}
      <div className="analysis-grid">
        <Choice id={controlId(p("weight"))} label={t("issue.weight")} required value={issue.weight ?? "core"} options={(["core", "peripheral"] as const).map((v) => [v, t(`issue.${v}`)] as const)} onChange={(weight) => set({ ...issue, weight: weight ?? "core" })} />
        <Choice id={controlId(p("nature"))} label={t("issue.nature")} required value={issue.nature ?? "factual"} options={(["factual", "personal"] as const).map((v) => [v, t(`issue.${v}`)] as const)} onChange={(nature) => set({ ...issue, nature: nature ?? "factual" })} />
        <Choice id={controlId(p("charge"))} label={t("issue.charge")} required value={issue.charge ?? "medium"} options={DEGREES.map((d) => [d, t(`degree.${d}`)] as const)} onChange={(charge) => set({ ...issue, charge: charge ?? "medium" })} />
        <Choice
          id={controlId(p("known_to_other_side"))}
          label={t("issue.known")}
          value={known}
          options={(["yes", "no"] as const).map((v) => [v, t(`issue.${v}`)] as const)}
          onChange={(value) => set({ ...issue, known_to_other_side: value === null ? null : value === "yes" })}
        />
      </div>
    </>
  );
}
