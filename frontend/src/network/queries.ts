/** Reading and writing contacts, relations and the network graph through the one API client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionClient, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import { ifMatch } from "../ui/etag";
import type { ActorGroup, ContactCreate, ContactUpdate, RelationType } from "./model";

const api = () => sessionClient().api;

export type ContactListQuery = NonNullable<paths["/api/v1/contacts"]["get"]["parameters"]["query"]>;
export type GraphQuery = NonNullable<paths["/api/v1/network/graph"]["get"]["parameters"]["query"]>;

export const networkKeys = {
  all: ["network"] as const,
  contacts: (query: ContactListQuery) => ["network", "contacts", query] as const,
  contact: (id: string) => ["network", "contact", id] as const,
  relations: (id: string) => ["network", "relations", id] as const,
  graph: (query: GraphQuery) => ["network", "graph", query] as const,
};

export function useContacts(query: ContactListQuery, enabled = true) {
  return useQuery({
    queryKey: networkKeys.contacts(query),
    queryFn: () => unwrap(api().GET("/api/v1/contacts", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function fetchContact(id: string) {
  return unwrap(api().GET("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id } } }));
}

export function useContact(id: string) {
  return useQuery({ queryKey: networkKeys.contact(id), queryFn: () => fetchContact(id) });
}

/** Relations of a contact: the first hundred (more than any one contact usually has). */
export function useRelations(id: string) {
  return useQuery({
    queryKey: networkKeys.relations(id),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/contacts/{contact_id}/relations", {
          params: { path: { contact_id: id }, query: { limit: 100 } },
        }),
      ),
  });
}

export function useGraph(groups: readonly ActorGroup[] | null, enabled = true) {
  const query: GraphQuery = groups === null ? {} : { actor_group: [...groups] };
  return useQuery({
    queryKey: networkKeys.graph(query),
    queryFn: () => unwrap(api().GET("/api/v1/network/graph", { params: { query } })),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function createContact(body: ContactCreate) {
  return unwrap(api().POST("/api/v1/contacts", { body }));
}

export function updateContact(id: string, version: number, body: ContactUpdate) {
  return unwrap(
    api().PATCH("/api/v1/contacts/{contact_id}", {
      params: { path: { contact_id: id } },
      headers: ifMatch(version),
      body,
    }),
  );
}

export function useDeleteContact() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api().DELETE("/api/v1/contacts/{contact_id}", {
          params: { path: { contact_id: id } },
          headers: ifMatch(version),
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: networkKeys.all }),
  });
}

export interface NewRelation {
  target_id: string;
  relation_type: RelationType;
  directed: boolean;
  note: string | null;
}

export function useAddRelation(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewRelation) =>
      unwrap(
        api().POST("/api/v1/contacts/{contact_id}/relations", {
          params: { path: { contact_id: contactId } },
          body,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: networkKeys.all }),
  });
}

export function useRemoveRelation(contactId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      unwrap(
        api().DELETE("/api/v1/contacts/{contact_id}/relations/{relation_id}", {
          params: { path: { contact_id: contactId, relation_id: id } },
          headers: ifMatch(version),
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: networkKeys.all }),
  });
}
