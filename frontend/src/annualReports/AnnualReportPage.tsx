import { useState } from "react";
import type { FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Field } from "../ui/Field";
import { QueryStatus } from "../ui/QueryStatus";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { today } from "../ui/calendar";
import { errorFor, formErrorsOf, problemMessage } from "../ui/problems";
import { maxLengthOf } from "../ui/validation";
import { FiguresPanel } from "./FiguresPanel";
import { downloadVersion, generate, saveTexts, useAnnualReportWrite, useDraft, useVersions } from "./queries";
import type { DocumentFormat, Draft, Texts, VersionSummary } from "./queries";
import "./annualReports.css";

const SECTIONS = ["goals", "what_worked", "what_did_not_work", "next_year"] as const;
// The report's years to choose from: this one and the ones before it.
const YEARS_BACK = 6;

function yearsToChoose(): number[] {
  const now = Number(today().slice(0, 4));
  return Array.from({ length: YEARS_BACK }, (_, i) => now - i);
}

/** The annual report for the funder: a year's draft beside its figures, and the generated versions. */
export default function AnnualReportPage() {
  const { t } = useTranslation("annualReports");
  const { can } = useSession();
  const [params, setParams] = useSearchParams();
  const years = yearsToChoose();
  const asked = Number(params.get("year"));
  const year = years.includes(asked) ? asked : years[0]!;
  useDocumentTitle(t("title"));
  const writer = can(Permission.annualReportsWrite);

  return (
    <div className="annual-page">
      <h1>{t("title")}</h1>
      <p className="lead">{writer ? t("intro") : t("introReader")}</p>
      {writer && (
        <section className="annual-section" aria-labelledby="annual-draft">
          <div className="section-heading">
            <h2 id="annual-draft">{t("draft.title", { year })}</h2>
            <label className="annual-year">
              {t("year")}{" "}
              <select value={year} onChange={(event) => setParams({ year: event.target.value })}>
                {years.map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
              </select>
            </label>
          </div>
          <DraftSection key={year} year={year} />
        </section>
      )}
      <VersionsSection />
    </div>
  );
}

function DraftSection({ year }: { year: number }) {
  const draft = useDraft(year);
  // Kept here: saving first gives the draft a new version, which starts a fresh editor.
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  return (
    <>
      <QueryStatus query={draft} />
      {draft.data && (
        <DraftEditor key={draft.data.version} draft={draft.data} outcome={outcome} onOutcome={setOutcome} />
      )}
    </>
  );
}

/** How the last attempt to generate a version ended. */
type Outcome = { ok: true; text: string } | { ok: false; text: string };

interface EditorProps {
  draft: Draft;
  outcome: Outcome | null;
  onOutcome: (outcome: Outcome | null) => void;
}

function DraftEditor({ draft, outcome, onOutcome }: EditorProps) {
  const { t } = useTranslation("annualReports");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const [values, setValues] = useState<Texts>(draft.texts);
  const save = useAnnualReportWrite(saveTexts);
  const make = useAnnualReportWrite(generate);
  const errors = save.isError ? formErrorsOf(save.error, tUi) : null;
  const dirty = SECTIONS.some((name) => values[name] !== draft.texts[name]);
  const busy = save.isPending || make.isPending;

  function onSave(event: FormEvent) {
    event.preventDefault();
    save.mutate({ draft, body: values });
  }

  async function onGenerate() {
    onOutcome(null);
    // What is generated is what the coordinator sees: unsaved words are saved first. A
    // refused save shows at its fields (and generates nothing).
    const saved =
      !dirty ||
      (await save.mutateAsync({ draft, body: values }).then(
        () => true,
        () => false,
      ));
    if (!saved) return;
    try {
      const version = await make.mutateAsync(draft.year);
      onOutcome({ ok: true, text: t("generated", { number: version.number }) });
    } catch (error) {
      onOutcome({ ok: false, text: problemMessage(error, tUi) });
    }
  }

  return (
    <div className="annual-grid">
      <form className="annual-texts" onSubmit={onSave} noValidate>
        {SECTIONS.map((name) => (
          <Field
            key={name}
            id={`annual-${name}`}
            label={t(`sections.${name}`)}
            error={errorFor(errors, name)}
            length={{ value: values[name] ?? "", max: maxLengthOf("ReportTexts", name) }}
          >
            {(control) => (
              <textarea
                {...control}
                rows={5}
                value={values[name] ?? ""}
                onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              />
            )}
          </Field>
        ))}
        {errors?.general && (
          <p className="notice notice-error" role="alert">
            {errors.general}
          </p>
        )}
        {outcome && !outcome.ok && (
          <p className="notice notice-error" role="alert">
            {outcome.text}
          </p>
        )}
        {outcome?.ok && (
          <p className="notice notice-success" role="status">
            {outcome.text}
          </p>
        )}
        <p className="annual-saved">
          {draft.updated_at
            ? t("draft.saved", { date: format.dateTime(draft.updated_at), name: draft.updated_by_name ?? "" })
            : t("draft.new")}
        </p>
        <div className="annual-actions">
          <button type="submit" className="button button-secondary" disabled={busy || !dirty}>
            {t("draft.save")}
          </button>
          <button type="button" className="button button-primary" disabled={busy} onClick={() => void onGenerate()}>
            {t("draft.generate")}
          </button>
        </div>
        <p className="annual-hint">{t("draft.generateHint", { count: draft.versions })}</p>
      </form>
      <FiguresPanel figures={draft.figures} />
    </div>
  );
}

function VersionsSection() {
  const { t } = useTranslation("annualReports");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const versions = useVersions();
  const [failure, setFailure] = useState<string | null>(null);

  async function download(version: VersionSummary, kind: DocumentFormat) {
    setFailure(null);
    try {
      saveFile(await downloadVersion(version, kind), `sachbericht-${version.year}-fassung-${version.number}.${kind}`);
    } catch (error) {
      setFailure(`${t("versions.failed")} ${problemMessage(error, tUi)}`);
    }
  }

  return (
    <section className="annual-section" aria-labelledby="annual-versions">
      <h2 id="annual-versions">{t("versions.title")}</h2>
      <p>{t("versions.intro")}</p>
      <QueryStatus query={versions} />
      {versions.data && versions.data.length === 0 && <p className="empty">{t("versions.empty")}</p>}
      {failure && (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      )}
      <ul className="annual-versions">
        {versions.data?.map((version) => {
          const name = t("versions.name", { year: version.year, number: version.number });
          return (
            <li key={`${version.year}/${version.number}`}>
              <p>
                <strong>{name}</strong>
              </p>
              <p>{t("versions.generatedBy", { date: format.dateTime(version.generated_at), name: version.author_name })}</p>
              <div className="annual-actions">
                <button type="button" className="button button-secondary" onClick={() => void download(version, "pdf")}>
                  {t("versions.pdf")}
                  <span className="visually-hidden"> ({name})</span>
                </button>
                <button type="button" className="button button-secondary" onClick={() => void download(version, "docx")}>
                  {t("versions.docx")}
                  <span className="visually-hidden"> ({name})</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
