import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useSession } from "../auth/SessionContext";
import { Permission } from "../auth/permissions";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { paths } from "../paths";
import { ErrorNotice } from "../ui/ErrorNotice";
import { Field } from "../ui/Field";
import { saveFile } from "../ui/download";
import { useDebouncedValue } from "../ui/useDebouncedValue";
import { useFormat } from "../ui/format";
import {
  TEXT_KINDS,
  downloadAccessPdf,
  useAccessReport,
  useContactSearch,
  useErasures,
  usePeople,
  useRequestErasure,
} from "./queries";
import type { AccessReport, AccessRequest } from "./queries";
import { RetentionSection } from "./RetentionSection";
import "./privacy.css";

interface Candidate {
  id: string;
  name: string;
  detail: string;
  kind: "contact" | "participant";
}

/** Data protection: find a person, export what is stored (Art. 15), ask for erasure (Art. 17). */
export default function PrivacyPage() {
  const { t } = useTranslation("privacy");
  const { can } = useSession();
  useDocumentTitle(t("title"));
  const manage = can(Permission.privacyManage);
  const request = can(Permission.privacyRequest);
  return (
    <div className="privacy-page">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      {(manage || request) && <PersonWork manage={manage} />}
      {request && <ErasureList />}
      {manage && <RetentionSection />}
      {manage && (
        <section className="privacy-section" aria-labelledby="texts-title">
          <h2 id="texts-title">{t("texts.title")}</h2>
          <ul>
            {TEXT_KINDS.map((kind) => (
              <li key={kind}>
                <Link to={paths.privacy.text(kind)}>{t(`texts.${kind}.title`)}</Link>
              </li>
            ))}
          </ul>
        </section>
      )}
      {can(Permission.accessibilityFeedbackRead) && (
        <p>
          <Link to={paths.privacy.feedback}>{t("feedback.link")}</Link>
        </p>
      )}
    </div>
  );
}

function useCandidates(q: string, manage: boolean): { candidates: Candidate[]; loading: boolean } {
  const people = usePeople(manage ? q : "");
  const contacts = useContactSearch(q, !manage);
  if (manage) {
    const found = people.data;
    return {
      loading: people.isFetching,
      candidates: [
        ...(found?.contacts ?? []).map((c) => ({
          id: c.id,
          name: c.name,
          detail: c.email ?? "",
          kind: "contact" as const,
        })),
        ...(found?.participants ?? []).map((p) => ({
          id: p.id,
          name: p.full_name,
          detail: p.series_title,
          kind: "participant" as const,
        })),
      ],
    };
  }
  return {
    loading: contacts.isFetching,
    candidates: (contacts.data?.items ?? []).map((c) => ({
      id: c.id,
      name: c.name,
      detail: c.email ?? "",
      kind: "contact" as const,
    })),
  };
}

function PersonWork({ manage }: { manage: boolean }) {
  const { t } = useTranslation("privacy");
  const [q, setQ] = useState("");
  const query = useDebouncedValue(q.trim(), 300);
  const { candidates, loading } = useCandidates(query, manage);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setPicked((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const chosen = candidates.filter((c) => picked.has(c.id));
  const name = chosen[0]?.name ?? q.trim();
  return (
    <section className="privacy-section" aria-labelledby="person-title">
      <h2 id="person-title">{t("person.title")}</h2>
      <Field id="person-search" label={t("person.search")} hint={t("person.searchHint")}>
        {(control) => (
          <input
            {...control}
            type="search"
            value={q}
            maxLength={200}
            onChange={(event) => {
              setQ(event.target.value);
              setPicked(new Set());
            }}
          />
        )}
      </Field>
      <div aria-live="polite">
        {loading && <p>{t("person.searching")}</p>}
        {query.length >= 2 && !loading && candidates.length === 0 && <p>{t("person.none")}</p>}
      </div>
      {candidates.length > 0 && (
        <fieldset className="privacy-candidates">
          <legend>{t("person.pick")}</legend>
          {candidates.map((c) => (
            <label key={`${c.kind}-${c.id}`} className="privacy-check">
              <input type="checkbox" checked={picked.has(c.id)} onChange={() => toggle(c.id)} />
              <span>
                {c.name} <span className="muted">({t(`person.kind.${c.kind}`)}{c.detail ? `, ${c.detail}` : ""})</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {manage && chosen.length > 0 && (
        <AccessExport
          request={{
            name,
            contact_ids: chosen.filter((c) => c.kind === "contact").map((c) => c.id),
            participant_ids: chosen.filter((c) => c.kind === "participant").map((c) => c.id),
          }}
        />
      )}
      {chosen.filter((c) => c.kind === "contact").length === 1 && (
        <ErasureRequestForm
          contactId={chosen.find((c) => c.kind === "contact")!.id}
          participantIds={chosen.filter((c) => c.kind === "participant").map((c) => c.id)}
        />
      )}
    </section>
  );
}

const SECTIONS = [
  "contacts",
  "case_parties",
  "consultations",
  "referrals",
  "training_participations",
  "certificates",
  "mentions",
] as const;

function AccessExport({ request }: { request: AccessRequest }) {
  const { t } = useTranslation("privacy");
  const report = useAccessReport();
  const [pdfError, setPdfError] = useState<unknown>(null);
  const saveJson = (data: AccessReport) =>
    saveFile(
      { blob: new Blob([JSON.stringify(data, null, 2)], { type: "application/json" }), filename: null, type: "application/json" },
      "auskunft.json",
    );
  return (
    <div className="privacy-export">
      <h3>{t("access.title")}</h3>
      <p>{t("access.intro")}</p>
      <div className="privacy-actions">
        <button type="button" className="button button-primary" onClick={() => report.mutate(request)}>
          {t("access.show")}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setPdfError(null);
            downloadAccessPdf(request)
              .then((file) => saveFile(file, "auskunft.pdf"))
              .catch(setPdfError);
          }}
        >
          {t("access.pdf")}
        </button>
      </div>
      {pdfError !== null && <ErrorNotice error={pdfError} />}
      {report.isError && <ErrorNotice error={report.error} />}
      {report.data && (
        <div className="privacy-report" aria-live="polite">
          <table className="table">
            <caption>{t("access.found", { name: report.data.name })}</caption>
            <tbody>
              {SECTIONS.map((key) => (
                <tr key={key}>
                  <th scope="row">{t(`access.sections.${key}`)}</th>
                  <td>{report.data[key].length}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" className="button" onClick={() => saveJson(report.data)}>
            {t("access.json")}
          </button>
        </div>
      )}
    </div>
  );
}

function ErasureRequestForm({ contactId, participantIds }: { contactId: string; participantIds: string[] }) {
  const { t } = useTranslation("privacy");
  const send = useRequestErasure();
  const [reason, setReason] = useState("");
  const [confirmOpen, setConfirmOpen] = useState(false);
  if (send.data) {
    return (
      <p className="notice notice-info" role="status">
        {t("erasure.requested")} <Link to={paths.privacy.erasure(send.data.id)}>{t("erasure.open")}</Link>
      </p>
    );
  }
  return (
    <form
      className="form privacy-export"
      onSubmit={(event) => {
        event.preventDefault();
        send.mutate({
          contact_id: contactId,
          reason: reason.trim(),
          confirm_open_cases: confirmOpen,
          participant_ids: participantIds,
        });
      }}
    >
      <h3>{t("erasure.requestTitle")}</h3>
      <p>{t("erasure.requestIntro")}</p>
      <Field id="erasure-reason" label={t("erasure.reason")} hint={t("erasure.reasonHint")} required>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={1000}
            required
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <label className="privacy-check">
        <input type="checkbox" checked={confirmOpen} onChange={(event) => setConfirmOpen(event.target.checked)} />
        <span>{t("erasure.confirmOpen")}</span>
      </label>
      {send.isError && <ErrorNotice error={send.error} />}
      <button type="submit" className="button button-primary" disabled={send.isPending}>
        {t("erasure.request")}
      </button>
    </form>
  );
}

function ErasureList() {
  const { t } = useTranslation("privacy");
  const format = useFormat();
  const [cursor, setCursor] = useState<string | null>(null);
  const list = useErasures(cursor);
  return (
    <section className="privacy-section" aria-labelledby="erasures-title">
      <h2 id="erasures-title">{t("erasure.listTitle")}</h2>
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.items.length === 0 && <p>{t("erasure.empty")}</p>}
      {list.data && list.data.items.length > 0 && (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("erasure.person")}</th>
              <th scope="col">{t("erasure.status")}</th>
              <th scope="col">{t("erasure.date")}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((item) => (
              <tr key={item.id}>
                <td>
                  <Link to={paths.privacy.erasure(item.id)}>{item.contact_name ?? item.label ?? "–"}</Link>
                </td>
                <td>{t(`erasure.statuses.${item.status}`)}</td>
                <td>{format.dateTime(item.created_at)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.data?.next_cursor && (
        <button type="button" className="button" onClick={() => setCursor(list.data.next_cursor ?? null)}>
          {t("more")}
        </button>
      )}
    </section>
  );
}
