/**
 * An audit log entry as a sentence: who did what to which record ("Anna Schulze hat den
 * Fall WAK-2026-0042 geändert."), the record linked where the reader may open it, and the
 * details (changed fields, whose attendance changed) in words rather than codes.
 */
import type { TFunction } from "i18next";
import { Fragment } from "react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { paths } from "../paths";
import type { AuditEvent } from "./model";

type T = TFunction<"admin">;

/** Where the reader opens a record of this kind, if the app has a page for it. */
function recordPath(event: AuditEvent): string | null {
  const id = event.resource_id;
  if (!id || !event.resource_visible) return null;
  switch (event.resource_type) {
    case "case":
      return paths.cases.detail(id);
    case "consultation":
      return paths.consultations.detail(id);
    case "contact":
      return paths.network.contact(id);
    case "user":
      return paths.administration.user(id);
    case "municipality":
      return paths.administration.municipality(id);
    case "api_client":
      return paths.administration.apiClients;
    case "training":
      return paths.trainings.series(id);
    default:
      return null;
  }
}

/** The record as a phrase of the sentence ("den Fall WAK-2026-0042", "ein Benutzerkonto"). */
function recordPhrase(event: AuditEvent, t: T): string {
  const kind = event.resource_type ?? "other";
  const known = t(`audit.records.${kind}.unnamed` as "audit.records.other.unnamed", { defaultValue: "" });
  const type = known ? kind : "other";
  if (event.resource_label) {
    return t(`audit.records.${type}.named` as "audit.records.other.named", { label: event.resource_label });
  }
  return t(`audit.records.${type}.unnamed` as "audit.records.other.unnamed");
}

/** Who acted: a name where the account or client still exists, else what was given. */
export function actorOf(event: AuditEvent, t: T): string {
  if (event.actor_name) return event.actor_name;
  if (event.actor_label === "cli") return t("audit.operator");
  return event.actor_label ?? t("audit.unknownActor");
}

const RECORD = "\u0000";

/** The sentence's template for the action: its own, else the one of its verb, else a general one. */
function template(event: AuditEvent, t: T, values: Record<string, string>): string {
  const own = t(`audit.sentences.${event.action.replaceAll(".", "_")}` as "audit.sentences.auth_login", {
    ...values,
    defaultValue: "",
  });
  if (own) return own;
  const verb = event.action.split(".").pop() ?? "";
  const byVerb = t(`audit.verbs.${verb}` as "audit.verbs.create", { ...values, defaultValue: "" });
  return byVerb || t("audit.sentences.other", { ...values, action: event.action });
}

function statusLabel(t: T, value: unknown): string {
  return typeof value === "string"
    ? t(`audit.caseStatus.${value}` as "audit.caseStatus.new", { defaultValue: value })
    : "";
}

export function AuditSentence({ event }: { event: AuditEvent }) {
  const { t } = useTranslation("admin");
  const details = event.details ?? {};
  const values = {
    actor: actorOf(event, t),
    record: RECORD,
    before: statusLabel(t, details.before),
    after: statusLabel(t, details.after),
  };
  const [head, ...rest] = template(event, t, values).split(RECORD);
  const phrase = recordPhrase(event, t);
  const to = recordPath(event);
  const record = to ? <Link to={to}>{phrase}</Link> : <span>{phrase}</span>;
  return (
    <span className="audit-sentence">
      {head}
      {rest.map((tail, index) => (
        <Fragment key={index}>
          {record}
          {tail}
        </Fragment>
      ))}
    </span>
  );
}

function attendanceLabel(t: T, status: unknown): string {
  return typeof status === "string"
    ? t(`audit.attendance.${status}` as "audit.attendance.present", { defaultValue: status })
    : t("audit.attendance.none");
}

interface Change {
  participant_id?: string;
  from?: string | null;
  to?: string | null;
}

/** The details worth reading, in words; ids stay out (the sentence names the record). */
export function AuditDetails({ event }: { event: AuditEvent }) {
  const { t } = useTranslation("admin");
  const details = event.details ?? {};
  const parts: ReactNode[] = [];
  const fields = details.fields;
  if (Array.isArray(fields) && fields.length > 0) {
    const names = fields.map((field) =>
      t(`audit.fields.${String(field)}` as "audit.fields.title", { defaultValue: String(field) }),
    );
    parts.push(<p key="fields">{t("audit.changedFields", { fields: names.join(", ") })}</p>);
  }
  const changes = details.changes;
  if (Array.isArray(changes) && changes.length > 0) {
    const names = event.participant_names ?? {};
    parts.push(
      <ul key="changes" className="audit-changes" aria-label={t("audit.attendanceChanges")}>
        {(changes as Change[]).map((change, index) => (
          <li key={change.participant_id ?? index}>
            {t("audit.attendanceChange", {
              who: (change.participant_id && names[change.participant_id]) || t("audit.someone"),
              from: attendanceLabel(t, change.from),
              to: attendanceLabel(t, change.to),
            })}
          </li>
        ))}
      </ul>,
    );
  }
  if (typeof details.reason === "string") {
    parts.push(
      <p key="reason">{t(`audit.reasons.${details.reason}` as "audit.reasons.unknown_account", { defaultValue: details.reason })}</p>,
    );
  }
  if (typeof details.role === "string") {
    parts.push(<p key="role">{t("audit.role", { role: t(`roles.${details.role}` as "roles.admin", { ns: "translation", defaultValue: details.role }) })}</p>);
  }
  if (typeof details.number === "string") {
    parts.push(<p key="number">{t("audit.certificateNumber", { number: details.number })}</p>);
  }
  return parts.length > 0 ? <div className="audit-details">{parts}</div> : null;
}
