import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { saveFile } from "../ui/download";
import { problemMessage } from "../ui/problems";
import { downloadAnalysisPdf } from "./queries";

/** Downloads the saved analysis as a PDF; names of people only when ticked (audited). */
export function ExportPanel({ caseId, reference, headingId }: { caseId: string; reference: string; headingId: string }) {
  const { t } = useTranslation("analysis");
  const { t: tUi } = useTranslation("ui");
  const [includeNames, setIncludeNames] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const hintId = useId();

  async function download() {
    setBusy(true);
    setFailure(null);
    try {
      saveFile(await downloadAnalysisPdf(caseId, includeNames), `konfliktanalyse-${reference}.pdf`);
    } catch (error) {
      setFailure(`${t("export.failed")} ${problemMessage(error, tUi)}`);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel analysis-section analysis-no-print" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("export.title")}</h2>
      <p>{t("export.intro")}</p>
      <label className="check">
        <input
          type="checkbox"
          checked={includeNames}
          aria-describedby={hintId}
          onChange={(event) => setIncludeNames(event.target.checked)}
        />
        <span>{t("export.includeNames")}</span>
      </label>
      <p id={hintId} className="field-hint">
        {t("export.includeNamesHint")}
      </p>
      <button type="button" className="button button-secondary" onClick={() => void download()} disabled={busy}>
        {busy ? t("export.downloading") : t("export.download")}
      </button>
      <p role="alert" className={failure ? "field-error" : "visually-hidden"}>
        {failure}
      </p>
    </section>
  );
}
