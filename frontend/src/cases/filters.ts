/**
 * The case list's filters and their place in the address bar. The URL is the one source of
 * truth: a filter change writes the URL, the list reads it, so links, reload and the back
 * button all show the same list. Unknown or broken values in a URL are dropped, not sent.
 */
import type { paths } from "../api/schema";
import { isSort, isStatus, isTopic } from "./model";
import type { CaseSort, CaseStatus, CaseTopic } from "./model";

export type CaseListQuery = NonNullable<paths["/api/v1/cases"]["get"]["parameters"]["query"]>;

/** `me`: cases of the signed-in user; `none`: nobody's; otherwise a user id. */
export type AssigneeFilter = "me" | "none" | string;

export interface CaseFilters {
  q: string;
  status: CaseStatus[];
  topic: CaseTopic[];
  escalationMin: number | null;
  escalationMax: number | null;
  assignee: AssigneeFilter | null;
  democracy: boolean | null;
  archived: boolean;
  sort: CaseSort;
}

export const DEFAULT_SORT: CaseSort = "-created_at";

export const NO_FILTERS: CaseFilters = {
  q: "",
  status: [],
  topic: [],
  escalationMin: null,
  escalationMax: null,
  assignee: null,
  democracy: null,
  archived: false,
  sort: DEFAULT_SORT,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function level(value: string | null): number | null {
  if (value === null || !/^[1-9]$/.test(value)) return null;
  return Number(value);
}

function flag(value: string | null): boolean | null {
  if (value === "true") return true;
  if (value === "false") return false;
  return null;
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}

export function filtersFromParams(params: URLSearchParams): CaseFilters {
  let escalationMin = level(params.get("escalation_min"));
  let escalationMax = level(params.get("escalation_max"));
  if (escalationMin !== null && escalationMax !== null && escalationMin > escalationMax) {
    [escalationMin, escalationMax] = [escalationMax, escalationMin];
  }
  const assignee = params.get("assignee");
  const sort = params.get("sort") ?? "";
  return {
    q: (params.get("q") ?? "").slice(0, 200),
    status: unique(params.getAll("status").filter(isStatus)),
    topic: unique(params.getAll("topic").filter(isTopic)),
    escalationMin,
    escalationMax,
    assignee: assignee === "me" || assignee === "none" || (assignee && UUID.test(assignee)) ? assignee : null,
    democracy: flag(params.get("democracy")),
    archived: params.get("archived") === "true",
    sort: isSort(sort) ? sort : DEFAULT_SORT,
  };
}

/** The filters as query parameters; defaults are left out to keep links short. */
export function filtersToParams(filters: CaseFilters): URLSearchParams {
  const params = new URLSearchParams();
  const q = filters.q.trim();
  if (q) params.set("q", q);
  filters.status.forEach((status) => params.append("status", status));
  filters.topic.forEach((topic) => params.append("topic", topic));
  if (filters.escalationMin !== null) params.set("escalation_min", String(filters.escalationMin));
  if (filters.escalationMax !== null) params.set("escalation_max", String(filters.escalationMax));
  if (filters.assignee) params.set("assignee", filters.assignee);
  if (filters.democracy !== null) params.set("democracy", String(filters.democracy));
  if (filters.archived) params.set("archived", "true");
  if (filters.sort !== DEFAULT_SORT) params.set("sort", filters.sort);
  return params;
}

/** How many filters narrow the list (search and sort not counted). */
export function activeFilterCount(filters: CaseFilters): number {
  return [
    filters.status.length > 0,
    filters.topic.length > 0,
    filters.escalationMin !== null || filters.escalationMax !== null,
    filters.assignee !== null,
    filters.democracy !== null,
    filters.archived,
  ].filter(Boolean).length;
}

/** The API query for the filters, for the signed-in user `userId`. */
export function toApiQuery(
  filters: CaseFilters,
  userId: string,
  page: { cursor: string | null; limit: number },
): CaseListQuery {
  const query: CaseListQuery = { sort: filters.sort, limit: page.limit };
  const q = filters.q.trim();
  if (q) query.q = q;
  if (filters.status.length) query.status = filters.status;
  if (filters.topic.length) query.topic = filters.topic;
  if (filters.escalationMin !== null) query.escalation_min = filters.escalationMin;
  if (filters.escalationMax !== null) query.escalation_max = filters.escalationMax;
  if (filters.assignee === "none") query.assigned = false;
  else if (filters.assignee === "me") query.assignee = userId;
  else if (filters.assignee) query.assignee = filters.assignee;
  if (filters.democracy !== null) query.endangers_democracy = filters.democracy;
  if (filters.archived) query.archived = true;
  if (page.cursor) query.cursor = page.cursor;
  return query;
}
