/** Accounts, municipalities, API clients and the audit log through the one API client. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { sessionClient, unwrap } from "../api/client";
import type { paths } from "../api/schema";
import { ifMatch } from "../ui/etag";

const api = () => sessionClient().api;

export type UserQuery = NonNullable<paths["/api/v1/users"]["get"]["parameters"]["query"]>;
export type ApiClientQuery = NonNullable<paths["/api/v1/api-clients"]["get"]["parameters"]["query"]>;
export type AuditQuery = NonNullable<paths["/api/v1/audit-log"]["get"]["parameters"]["query"]>;
export type UserCreate = paths["/api/v1/users"]["post"]["requestBody"]["content"]["application/json"];
export type UserUpdate = paths["/api/v1/users/{user_id}"]["patch"]["requestBody"]["content"]["application/json"];
export type MunicipalityCreate = paths["/api/v1/municipalities"]["post"]["requestBody"]["content"]["application/json"];
export type MunicipalityUpdate =
  paths["/api/v1/municipalities/{municipality_id}"]["patch"]["requestBody"]["content"]["application/json"];
export type ApiClientCreate = paths["/api/v1/api-clients"]["post"]["requestBody"]["content"]["application/json"];
export type IdentityProviderCreate =
  paths["/api/v1/identity-providers"]["post"]["requestBody"]["content"]["application/json"];
export type IdentityProviderUpdate =
  paths["/api/v1/identity-providers/{provider_id}"]["patch"]["requestBody"]["content"]["application/json"];

export const adminKeys = {
  /** Every user list, whatever its filters. */
  userLists: ["admin", "users"] as const,
  users: (query: UserQuery) => ["admin", "users", query] as const,
  user: (id: string) => ["admin", "user", id] as const,
  municipalities: ["admin", "municipalities"] as const,
  municipality: (id: string) => ["admin", "municipality", id] as const,
  apiClientLists: ["admin", "api-clients"] as const,
  apiClients: (query: ApiClientQuery) => ["admin", "api-clients", query] as const,
  audit: (query: AuditQuery) => ["admin", "audit", query] as const,
  identityProviders: ["admin", "identity-providers"] as const,
  identityProvider: (id: string) => ["admin", "identity-provider", id] as const,
  signInDelay: (userId: string) => ["admin", "sign-in-delay", userId] as const,
};

export function useUsers(query: UserQuery) {
  return useQuery({
    queryKey: adminKeys.users(query),
    queryFn: () => unwrap(api().GET("/api/v1/users", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function fetchUser(id: string) {
  return unwrap(api().GET("/api/v1/users/{user_id}", { params: { path: { user_id: id } } }));
}

export function useUser(id: string) {
  return useQuery({ queryKey: adminKeys.user(id), queryFn: () => fetchUser(id) });
}

export function createUser(body: UserCreate) {
  return unwrap(api().POST("/api/v1/users", { body }));
}

export function updateUser(id: string, version: number, body: UserUpdate) {
  return unwrap(
    api().PATCH("/api/v1/users/{user_id}", { params: { path: { user_id: id } }, headers: ifMatch(version), body }),
  );
}

/** Every municipality the caller may see (administrators: all; others: their own). */
export function useMunicipalities() {
  return useQuery({
    queryKey: adminKeys.municipalities,
    staleTime: 5 * 60_000,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/municipalities", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })),
      ),
  });
}

export function fetchMunicipality(id: string) {
  return unwrap(
    api().GET("/api/v1/municipalities/{municipality_id}", { params: { path: { municipality_id: id } } }),
  );
}

export function useMunicipality(id: string) {
  return useQuery({ queryKey: adminKeys.municipality(id), queryFn: () => fetchMunicipality(id) });
}

export function createMunicipality(body: MunicipalityCreate) {
  return unwrap(api().POST("/api/v1/municipalities", { body }));
}

export function updateMunicipality(id: string, version: number, body: MunicipalityUpdate) {
  return unwrap(
    api().PATCH("/api/v1/municipalities/{municipality_id}", {
      params: { path: { municipality_id: id } },
      headers: ifMatch(version),
      body,
    }),
  );
}

export function useApiClients(query: ApiClientQuery) {
  return useQuery({
    queryKey: adminKeys.apiClients(query),
    queryFn: () => unwrap(api().GET("/api/v1/api-clients", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

function useApiClientMutation<A, R>(call: (argument: A) => Promise<R>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSuccess: () => client.invalidateQueries({ queryKey: adminKeys.apiClientLists }),
  });
}

export function useCreateApiClient() {
  return useApiClientMutation((body: ApiClientCreate) => unwrap(api().POST("/api/v1/api-clients", { body })));
}

interface Versioned {
  id: string;
  version: number;
}

export function useRotateSecret() {
  return useApiClientMutation(({ id, version }: Versioned) =>
    unwrap(
      api().POST("/api/v1/api-clients/{client_id}/rotate-secret", {
        params: { path: { client_id: id } },
        headers: ifMatch(version),
      }),
    ),
  );
}

export function useRevokeApiClient() {
  return useApiClientMutation(({ id, version }: Versioned) =>
    unwrap(
      api().POST("/api/v1/api-clients/{client_id}/revoke", {
        params: { path: { client_id: id } },
        headers: ifMatch(version),
      }),
    ),
  );
}

export function useAuditLog(query: AuditQuery) {
  return useQuery({
    queryKey: adminKeys.audit(query),
    queryFn: () => unwrap(api().GET("/api/v1/audit-log", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** Whether an account waits after repeated failed sign-ins, and until when. */
export function useSignInDelay(userId: string) {
  return useQuery({
    queryKey: adminKeys.signInDelay(userId),
    queryFn: () =>
      unwrap(api().GET("/api/v1/users/{user_id}/sign-in-delay", { params: { path: { user_id: userId } } })),
  });
}

/** Lifts the wait: the account may sign in again at once. */
export function useLiftSignInDelay(userId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrap(api().DELETE("/api/v1/users/{user_id}/sign-in-delay", { params: { path: { user_id: userId } } })),
    onSuccess: (delay) => client.setQueryData(adminKeys.signInDelay(userId), delay),
  });
}

export type MailQuery = NonNullable<paths["/api/v1/mail/messages"]["get"]["parameters"]["query"]>;

/** The e-mail outbox of the municipality, newest first. */
export function useMailMessages(query: MailQuery) {
  return useQuery({
    queryKey: ["admin", "mail", query],
    queryFn: () => unwrap(api().GET("/api/v1/mail/messages", { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function useMailStatus() {
  return useQuery({
    queryKey: ["admin", "mail-status"],
    queryFn: () => unwrap(api().GET("/api/v1/mail/status")),
  });
}

/** One message as sent (or as it would be sent), with its delivery log. */
export function useMailMessage(id: string | null) {
  return useQuery({
    queryKey: ["admin", "mail-message", id],
    enabled: Boolean(id),
    queryFn: () =>
      unwrap(api().GET("/api/v1/mail/messages/{message_id}", { params: { path: { message_id: id ?? "" } } })),
  });
}

/** Every identity-provider configuration (one per municipality at most). */
export function useIdentityProviders() {
  return useQuery({
    queryKey: adminKeys.identityProviders,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(api().GET("/api/v1/identity-providers", { params: { query: { limit: 100, ...(cursor ? { cursor } : {}) } } })),
      ),
  });
}

export function fetchIdentityProvider(id: string) {
  return unwrap(
    api().GET("/api/v1/identity-providers/{provider_id}", { params: { path: { provider_id: id } } }),
  );
}

export function useIdentityProvider(id: string) {
  return useQuery({ queryKey: adminKeys.identityProvider(id), queryFn: () => fetchIdentityProvider(id) });
}

export function createIdentityProvider(body: IdentityProviderCreate) {
  return unwrap(api().POST("/api/v1/identity-providers", { body }));
}

export function updateIdentityProvider(id: string, version: number, body: IdentityProviderUpdate) {
  return unwrap(
    api().PATCH("/api/v1/identity-providers/{provider_id}", {
      params: { path: { provider_id: id } },
      headers: ifMatch(version),
      body,
    }),
  );
}

/** Reads the provider's discovery document and keys (and looks for the secret). */
export function useConnectionTest(id: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api().POST("/api/v1/identity-providers/{provider_id}/test", { params: { path: { provider_id: id } } })),
  });
}
