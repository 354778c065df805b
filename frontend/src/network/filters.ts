/** The contact list's filters, kept in the address so that links and the back button work. */
import { CURSOR_PARAM } from "../ui/cursor";
import { isActorGroup, isContactKind } from "./model";
import type { ActorGroup, ContactKind } from "./model";
import type { ContactListQuery } from "./queries";

export interface ContactFilters {
  q: string;
  actorGroup: ActorGroup | null;
  kind: ContactKind | null;
  topic: string;
  steeringGroup: boolean;
}

export const NO_FILTERS: ContactFilters = { q: "", actorGroup: null, kind: null, topic: "", steeringGroup: false };

export function filtersFromParams(params: URLSearchParams): ContactFilters {
  const group = params.get("actor_group");
  const kind = params.get("kind");
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    actorGroup: isActorGroup(group) ? group : null,
    kind: isContactKind(kind) ? kind : null,
    topic: (params.get("topic") ?? "").slice(0, 80),
    steeringGroup: params.get("steering_group") === "true",
  };
}

/** The filters as address parameters, without defaults; a new filter starts at the first page. */
export function filtersToParams(filters: ContactFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (filters.actorGroup) params.set("actor_group", filters.actorGroup);
  if (filters.kind) params.set("kind", filters.kind);
  if (filters.topic.trim()) params.set("topic", filters.topic.trim());
  if (filters.steeringGroup) params.set("steering_group", "true");
  return params;
}

export const PAGE_SIZE = 25;

/** What the list asks the API for. */
export function listQuery(filters: ContactFilters, params: URLSearchParams): ContactListQuery {
  const query: ContactListQuery = { limit: PAGE_SIZE };
  if (filters.q.trim()) query.q = filters.q.trim();
  if (filters.actorGroup) query.actor_group = [filters.actorGroup];
  if (filters.kind) query.kind = filters.kind;
  if (filters.topic.trim()) query.topic = filters.topic.trim();
  if (filters.steeringGroup) query.steering_group = true;
  const cursor = params.get(CURSOR_PARAM);
  if (cursor) query.cursor = cursor;
  return query;
}
