import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { LoadingStatus } from "../layout/LoadingStatus";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { saveFile } from "../ui/download";
import { useFormat } from "../ui/format";
import { TEXT_KINDS, downloadPrivacyTextPdf, usePrivacyText, useSavePrivacyText } from "./queries";
import type { PrivacyText, TextKind } from "./queries";
import "./privacy.css";

/** One of the municipality's texts, edited and kept by the coordination (versioned, audited). */
export default function TextsPage() {
  const { t } = useTranslation("privacy");
  const { kind = "" } = useParams();
  const known = (TEXT_KINDS as readonly string[]).includes(kind) ? (kind as TextKind) : "processing_record";
  const query = usePrivacyText(known);
  useDocumentTitle(t(`texts.${known}.title`));
  return (
    <div className="privacy-page">
      <p>
        <Link to={paths.privacy.index}>{t("back")}</Link>
      </p>
      <h1>{t(`texts.${known}.title`)}</h1>
      <p className="lead">{t(`texts.${known}.intro`)}</p>
      {query.isPending && <LoadingStatus />}
      {query.isError && <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />}
      {query.data && <TextEditor key={known} text={query.data} />}
    </div>
  );
}

function TextEditor({ text }: { text: PrivacyText }) {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const save = useSavePrivacyText(text.kind, text.version);
  const [body, setBody] = useState(text.body);
  const [pdfError, setPdfError] = useState<unknown>(null);
  return (
    <form
      className="form privacy-text"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(body.trim());
      }}
    >
      <p className={text.is_default ? "notice notice-info" : "muted"} role="note">
        {text.is_default
          ? t("texts.isDefault")
          : t("texts.savedBy", { name: text.updated_by_name ?? "–", date: format.dateTime(text.updated_at ?? "") })}
      </p>
      <Field id="privacy-text-body" label={t(`texts.${text.kind}.label`)} hint={t("texts.hint")} required>
        {(control) => (
          <textarea
            {...control}
            rows={20}
            minLength={20}
            maxLength={50000}
            required
            value={body}
            onChange={(event) => setBody(event.target.value)}
          />
        )}
      </Field>
      {save.isError && <ErrorNotice error={save.error} />}
      {save.isSuccess && (
        <p className="notice notice-info" role="status">
          {t("texts.saved")}
        </p>
      )}
      <div className="privacy-actions">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t("texts.save")}
        </button>
        <button type="button" className="button" onClick={() => setBody(text.generated)}>
          {t("texts.regenerate")}
        </button>
        {text.kind === "processing_record" && (
          <button
            type="button"
            className="button"
            onClick={() => {
              setPdfError(null);
              downloadPrivacyTextPdf(text.kind)
                .then((file) => saveFile(file, "verarbeitungsverzeichnis.pdf"))
                .catch(setPdfError);
            }}
          >
            {t("texts.pdf")}
          </button>
        )}
      </div>
      {pdfError !== null && <ErrorNotice error={pdfError} />}
    </form>
  );
}
