/** The consultation list's filters in the address bar (see cases/filters.ts for the idea). */
import { isFormat, isKind } from "./model";
import type { ConsultationFormat, ConsultationKind, ConsultationListQuery } from "./model";

export interface ConsultationFilters {
  q: string;
  kind: ConsultationKind[];
  format: ConsultationFormat | null;
  from: string | null;
  to: string | null;
  /** true: only consultations of a case; false: only general advice. */
  withCase: boolean | null;
}

export const NO_CONSULTATION_FILTERS: ConsultationFilters = {
  q: "",
  kind: [],
  format: null,
  from: null,
  to: null,
  withCase: null,
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function day(value: string | null): string | null {
  return value !== null && DAY.test(value) ? value : null;
}

export function consultationFiltersFromParams(params: URLSearchParams): ConsultationFilters {
  const format = params.get("format") ?? "";
  const withCase = params.get("case");
  let from = day(params.get("from"));
  let to = day(params.get("to"));
  if (from && to && from > to) [from, to] = [to, from];
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    kind: [...new Set(params.getAll("kind").filter(isKind))],
    format: isFormat(format) ? format : null,
    from,
    to,
    withCase: withCase === "with" ? true : withCase === "without" ? false : null,
  };
}

export function consultationFiltersToParams(filters: ConsultationFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  filters.kind.forEach((kind) => params.append("kind", kind));
  if (filters.format) params.set("format", filters.format);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  if (filters.withCase !== null) params.set("case", filters.withCase ? "with" : "without");
  return params;
}

export function consultationApiQuery(
  filters: ConsultationFilters,
  page: { cursor: string | null; limit: number },
): ConsultationListQuery {
  const query: ConsultationListQuery = { sort: "-started_at", limit: page.limit };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.kind.length) query.kind = filters.kind;
  if (filters.format) query.format = filters.format;
  if (filters.from) query.date_from = filters.from;
  if (filters.to) query.date_to = filters.to;
  if (filters.withCase !== null) query.with_case = filters.withCase;
  if (page.cursor) query.cursor = page.cursor;
  return query;
}
