import { useState } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { DataTable } from "../ui/DataTable";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { useFormat } from "../ui/format";
import { problemMessage } from "../ui/problems";
import type { Change } from "./model";
import { analysisKeys, saveVersion, useComparison, useVersions } from "./queries";

interface Props {
  caseId: string;
  /** The saved analysis's version, the If-Match of "save as version". */
  version: number;
  mayWrite: boolean;
  /** The form holds changes not yet saved: a version would not contain them. */
  dirty: boolean;
  headingId: string;
}

/** Saving the analysis as a read-only version, the list of versions, and comparing two. */
export function VersionsPanel({ caseId, version, mayWrite, dirty, headingId }: Props) {
  const { t } = useTranslation("analysis");
  const { t: tUi } = useTranslation("ui");
  const format = useFormat();
  const queryClient = useQueryClient();
  const versions = useVersions(caseId);
  const [note, setNote] = useState("");
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const items = versions.data?.items ?? [];
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [compared, setCompared] = useState<{ from: number; to: number } | null>(null);
  const comparison = useComparison(caseId, compared?.from ?? null, compared?.to ?? null);

  async function save() {
    if (dirty) {
      setMessage({ ok: false, text: t("versions.saveFirst") });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const saved = await saveVersion(caseId, version, note.trim());
      setNote("");
      setMessage({ ok: true, text: t("versions.saved", { number: saved.number }) });
      await queryClient.invalidateQueries({ queryKey: analysisKeys.versions(caseId) });
    } catch (error) {
      setMessage({ ok: false, text: problemMessage(error, tUi) });
    } finally {
      setBusy(false);
    }
  }

  const options = items.map((item) => (
    <option key={item.number} value={item.number}>
      {t("versions.number")} {item.number} ({format.date(item.saved_at)})
    </option>
  ));
  const fromValue = from ?? items.at(-2)?.number ?? null;
  const toValue = to ?? items.at(-1)?.number ?? null;

  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{t("section.versions")}</h2>
      <p>{t("versions.intro")}</p>
      {mayWrite && (
        <form
          className="analysis-version-form"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
        >
          <Field id="an-version-note" label={t("versions.note")}>
            {(control) => <input {...control} type="text" maxLength={2000} value={note} onChange={(event) => setNote(event.target.value)} />}
          </Field>
          <button type="submit" className="button button-secondary" disabled={busy || version === 0}>
            {t("versions.save")}
          </button>
        </form>
      )}
      {message && (
        <p className={message.ok ? "notice notice-success" : "notice notice-error"} role={message.ok ? "status" : "alert"}>
          {message.text}
        </p>
      )}
      {versions.isError ? (
        <ErrorNotice error={versions.error} onRetry={() => void versions.refetch()} />
      ) : (
        <DataTable
          caption={t("versions.caption")}
          rows={items}
          rowKey={(item) => String(item.number)}
          empty={t("versions.none")}
          columns={[
            { key: "number", header: t("versions.number"), rowHeader: true, cell: (item) => item.number },
            { key: "saved_at", header: t("versions.savedAt"), cell: (item) => format.dateTime(item.saved_at) },
            { key: "author", header: t("versions.author"), cell: (item) => item.author_name },
            { key: "highest", header: t("versions.highest"), cell: (item) => item.highest_stage ?? t("none") },
            { key: "note", header: t("versions.note"), cell: (item) => item.note || t("none") },
          ]}
        />
      )}
      {items.length >= 2 && (
        <>
          <h3>{t("versions.compareHeading")}</h3>
          <form
            className="analysis-compare-form"
            onSubmit={(event) => {
              event.preventDefault();
              if (fromValue !== null && toValue !== null) setCompared({ from: fromValue, to: toValue });
            }}
          >
            <Field id="an-compare-from" label={t("versions.from")}>
              {(control) => (
                <select {...control} value={fromValue ?? ""} onChange={(event) => setFrom(Number(event.target.value))}>
                  {options}
                </select>
              )}
            </Field>
            <Field id="an-compare-to" label={t("versions.to")}>
              {(control) => (
                <select {...control} value={toValue ?? ""} onChange={(event) => setTo(Number(event.target.value))}>
                  {options}
                </select>
              )}
            </Field>
            <button type="submit" className="button button-secondary">
              {t("versions.compare")}
            </button>
          </form>
          {compared && comparison.isError && <ErrorNotice error={comparison.error} onRetry={() => void comparison.refetch()} />}
          {compared && comparison.data && <Changes changes={comparison.data.changes} from={compared.from} to={compared.to} />}
        </>
      )}
    </section>
  );
}

function Changes({ changes, from, to }: { changes: Change[]; from: number; to: number }) {
  const { t } = useTranslation("analysis");
  const section = (name: string) =>
    t(`section.${name}` as "section.actors", { defaultValue: "" }) ||
    t(`conclusions.${name}` as "conclusions.resources", { defaultValue: "" }) ||
    name;
  return (
    <div role="status">
      {changes.length === 0 ? (
        <p className="empty">{t("versions.noChanges")}</p>
      ) : (
        <DataTable
          caption={t("versions.changesCaption", { from, to })}
          rows={changes.map((change, index) => ({ change, index }))}
          rowKey={({ index }) => String(index)}
          columns={[
            { key: "section", header: t("versions.what"), rowHeader: true, cell: ({ change }) => section(change.section) },
            { key: "item", header: t("versions.entry"), cell: ({ change }) => change.item ?? "" },
            { key: "field", header: t("versions.field"), cell: ({ change }) => change.field ?? "" },
            { key: "kind", header: t("versions.change"), cell: ({ change }) => t(`versions.kinds.${change.kind}`) },
            { key: "before", header: t("versions.before"), cell: ({ change }) => change.before ?? "" },
            { key: "after", header: t("versions.after"), cell: ({ change }) => change.after ?? "" },
          ]}
        />
      )}
    </div>
  );
}
