import { useState } from "react";
import type { ReactNode } from "react";
import { useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { sessionClient, unwrap } from "../api/client";
import { Permission } from "../auth/permissions";
import { useSession } from "../auth/SessionContext";
import { useDocumentTitle } from "../layout/useDocumentTitle";
import { Field } from "../ui/Field";
import { FormDialog } from "../ui/FormDialog";
import { QueryStatus } from "../ui/QueryStatus";
import { errorFor, formErrorsOf } from "../ui/problems";
import type { FormErrors } from "../ui/problems";
import { fromDateTimeField, toDateTimeField } from "../ui/calendar";
import { useFormat } from "../ui/format";
import { paths } from "../paths";
import { StatusBadge } from "./InboxPage";
import { useHandleRequest, useRequest } from "./queries";
import type { Handling, HelpRequest } from "./queries";
import "../ui/page.css";
import "./contactPoint.css";

type Action = Handling["kind"];

export default function RequestPage() {
  const { requestId = "" } = useParams();
  const query = useRequest(requestId);
  const { t } = useTranslation("contactPoint");
  useDocumentTitle(query.data ? t("detail.heading", { reference: query.data.reference }) : t("title"));
  return (
    <div className="request-page">
      <p>
        <Link to={paths.requests.list}>{t("detail.back")}</Link>
      </p>
      <QueryStatus query={query} />
      {query.data && <RequestDetail request={query.data} />}
    </div>
  );
}

function RequestDetail({ request }: { request: HelpRequest }) {
  const { t } = useTranslation("contactPoint");
  const format = useFormat();
  const { can } = useSession();
  const [action, setAction] = useState<Action | null>(null);
  const place = request.place?.name ?? request.place_text;
  const requester = request.anonymous
    ? t("detail.anonymous")
    : [request.name, request.organisation ? t("detail.organisation", { name: request.organisation }) : null]
        .filter(Boolean)
        .join(", ") || "–";
  return (
    <>
      <h1>
        {t("detail.heading", { reference: request.reference })} <StatusBadge request={request} />
      </h1>
      <dl className="detail-list">
        <Row label={t("inbox.received")}>
          {format.dateTime(request.created_at)} · {t(`channel.${request.channel}`)}
        </Row>
        <Row label={t("detail.description")}>
          <span className="contact-text">{request.description}</span>
        </Row>
        {place && <Row label={t("detail.place")}>{place}</Row>}
        {request.since && <Row label={t("detail.since")}>{request.since}</Row>}
        {request.involved && (
          <Row label={t("detail.involved")}>
            <span className="contact-text">{request.involved}</span>
          </Row>
        )}
        <Row label={t("detail.urgency")}>{t(`urgency.${request.urgency}`)}</Row>
        <Row label={t("detail.requester")}>{requester}</Row>
        {!request.anonymous && (
          <Row label={t("detail.contact")}>
            {request.email && <a href={`mailto:${request.email}`}>{request.email}</a>}
            {request.phone && <a href={`tel:${request.phone.replace(/[^0-9+]/g, "")}`}>{request.phone}</a>}
          </Row>
        )}
        <Row label={t("detail.consented")}>{format.dateTime(request.consented_at)}</Row>
        {request.decline_reason && <Row label={t("detail.declineReason")}>{request.decline_reason}</Row>}
      </dl>
      {request.case_id && (
        <p>
          <Link to={paths.cases.detail(request.case_id)}>{t("detail.toCase")}</Link>
        </p>
      )}
      {request.consultation_id && (
        <p>
          <Link to={paths.consultations.detail(request.consultation_id)}>{t("detail.toTalk")}</Link>
        </p>
      )}
      {request.status === "new" && can(Permission.requestsHandle) && (
        <section aria-labelledby="request-actions">
          <h2 id="request-actions">{t("detail.actions")}</h2>
          <div className="request-actions">
            <button type="button" className="button button-primary" onClick={() => setAction("case")}>
              {t("detail.openCase")}
            </button>
            <button type="button" className="button" onClick={() => setAction("merge")}>
              {t("detail.merge")}
            </button>
            <button type="button" className="button" onClick={() => setAction("answer")}>
              {t("detail.answer")}
            </button>
            <button type="button" className="button button-secondary" onClick={() => setAction("decline")}>
              {t("detail.decline")}
            </button>
          </div>
        </section>
      )}
      {action && <HandleDialog request={request} action={action} onClose={() => setAction(null)} />}
    </>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function useOpenCases(enabled: boolean) {
  return useQuery({
    queryKey: ["requests", "merge-cases"],
    enabled,
    queryFn: () =>
      unwrap(
        sessionClient().api.GET("/api/v1/cases", {
          params: { query: { limit: 100, status: ["new", "clarifying", "analysing", "in_progress", "follow_up"] } },
        }),
      ),
  });
}

function HandleDialog({ request, action, onClose }: { request: HelpRequest; action: Action; onClose: () => void }) {
  const { t } = useTranslation("contactPoint");
  const { t: tUi } = useTranslation("ui");
  const handle = useHandleRequest(request);
  const cases = useOpenCases(action === "merge");
  const [title, setTitle] = useState("");
  const [caseId, setCaseId] = useState("");
  const [reason, setReason] = useState("");
  const [when, setWhen] = useState(() => toDateTimeField(new Date()));
  const [minutes, setMinutes] = useState("30");
  const [format, setFormat] = useState<"phone" | "in_person" | "online">("phone");
  const [summary, setSummary] = useState("");
  const [own, setOwn] = useState<FormErrors | null>(null);
  const errors = own ?? (handle.isError ? formErrorsOf(handle.error, tUi) : null);

  function submit() {
    let handling: Handling;
    if (action === "case") handling = { kind: "case", body: { title: title.trim() || null } };
    else if (action === "merge") {
      if (!caseId) return setOwn({ fields: [{ path: "case_id", message: t("detail.mergeChoose") }], general: null, status: 422 });
      handling = { kind: "merge", body: { case_id: caseId } };
    } else if (action === "decline") {
      if (!reason.trim()) return setOwn({ fields: [{ path: "reason", message: t("detail.reasonMissing") }], general: null, status: 422 });
      handling = { kind: "decline", body: { reason: reason.trim() } };
    } else {
      handling = {
        kind: "answer",
        body: {
          started_at: fromDateTimeField(when) ?? when,
          duration_minutes: Number(minutes) || 30,
          format,
          summary: summary.trim(),
        },
      };
    }
    setOwn(null);
    handle.mutate(handling, { onSuccess: onClose });
  }

  const titles: Record<Action, string> = {
    case: t("detail.openCaseTitle", { reference: request.reference }),
    merge: t("detail.merge"),
    answer: t("detail.answer"),
    decline: t("detail.declineTitle", { reference: request.reference }),
  };
  const labels: Record<Action, string> = {
    case: t("detail.openCase"),
    merge: t("detail.merge"),
    answer: t("detail.answer"),
    decline: t("detail.decline"),
  };
  return (
    <FormDialog title={titles[action]} submitLabel={labels[action]} busy={handle.isPending} error={errors?.general} onSubmit={submit} onClose={onClose}>
      {action === "case" && (
        <>
          <p>{t("detail.openCaseText")}</p>
          <Field id="handle-title" label={t("detail.caseTitle")} hint={t("detail.caseTitleHint")} error={errorFor(errors, "title")}>
            {(control) => <input {...control} type="text" maxLength={200} value={title} data-autofocus onChange={(e) => setTitle(e.target.value)} />}
          </Field>
        </>
      )}
      {action === "merge" && (
        <Field id="handle-case" label={t("detail.mergeCase")} required error={errorFor(errors, "case_id")}>
          {(control) => (
            <select {...control} value={caseId} data-autofocus onChange={(e) => setCaseId(e.target.value)}>
              <option value="">{t("detail.mergeChoose")}</option>
              {(cases.data?.items ?? []).map((item) => (
                <option key={item.id} value={item.id}>
                  {item.reference} – {item.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
      {action === "answer" && (
        <>
          <p>{t("detail.answerText")}</p>
          <Field id="handle-when" label={t("detail.answerAt")} required error={errorFor(errors, "started_at")}>
            {(control) => <input {...control} type="datetime-local" value={when} data-autofocus onChange={(e) => setWhen(e.target.value)} />}
          </Field>
          <Field id="handle-minutes" label={t("detail.answerMinutes")} required error={errorFor(errors, "duration_minutes")}>
            {(control) => <input {...control} type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(e.target.value)} />}
          </Field>
          <Field id="handle-format" label={t("detail.answerFormat")} required>
            {(control) => (
              <select {...control} value={format} onChange={(e) => setFormat(e.target.value as typeof format)}>
                {(["phone", "in_person", "online"] as const).map((value) => (
                  <option key={value} value={value}>
                    {t(`detail.format.${value}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="handle-summary" label={t("detail.answerSummary")} error={errorFor(errors, "summary")} length={{ value: summary, max: 5000 }}>
            {(control) => <textarea {...control} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />}
          </Field>
        </>
      )}
      {action === "decline" && (
        <Field id="handle-reason" label={t("detail.reason")} required error={errorFor(errors, "reason")} length={{ value: reason, max: 2000 }}>
          {(control) => <textarea {...control} rows={3} value={reason} data-autofocus onChange={(e) => setReason(e.target.value)} />}
        </Field>
      )}
    </FormDialog>
  );
}
