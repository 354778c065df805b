/** The audit log's filters in the address, and the API query made from them. */
import { addDays, isDay, isoInstant } from "../ui/calendar";
import type { AuditQuery } from "./queries";

export interface AuditFilters {
  /** Prefix of the action, e.g. `auth.` */
  action: string;
  actor: string;
  /** Days (`YYYY-MM-DD`), both included, in the user's time zone. */
  since: string;
  until: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function auditFilters(params: URLSearchParams): AuditFilters {
  const day = (name: string) => {
    const value = params.get(name) ?? "";
    return DAY.test(value) ? value : "";
  };
  return {
    action: (params.get("action") ?? "").slice(0, 60),
    actor: (params.get("actor") ?? "").slice(0, 254),
    since: day("since"),
    until: day("until"),
  };
}

export function auditParams(filters: AuditFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value.trim()) params.set(name, value.trim());
  return params;
}

/** Days become instants: from the start of `since` to the start of the day after `until`, German time. */
export function auditQuery(filters: AuditFilters, cursor: string | null): AuditQuery {
  const query: AuditQuery = { limit: 50 };
  if (filters.action.trim()) query.action = filters.action.trim();
  if (filters.actor.trim()) query.actor = filters.actor.trim();
  const since = isoInstant(filters.since, "00:00");
  const until = isDay(filters.until) ? isoInstant(addDays(filters.until, 1), "00:00") : null;
  if (since) query.since = since;
  if (until) query.until = until;
  if (cursor) query.cursor = cursor;
  return query;
}
