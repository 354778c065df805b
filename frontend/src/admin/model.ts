import type { components } from "../api/schema";
import { ROLES } from "../auth/permissions";
import type { Role } from "../auth/permissions";

type Schemas = components["schemas"];
export type User = Schemas["UserOut"];
export type Municipality = Schemas["MunicipalityOut"];
export type ApiClient = Schemas["ApiClientOut"];
export type ApiClientWithSecret = Schemas["ApiClientWithSecret"];
export type ClientScope = Schemas["ClientScope"];
export type AuditEvent = Schemas["AuditEventOut"];
export type IdentityProvider = Schemas["IdentityProviderOut"];
export type ConnectionTest = Schemas["ConnectionTest"];

/** The scopes an API client can be granted, grouped by area as the form shows them. */
export const CLIENT_SCOPES = [
  "statistics:read",
  "cases:read",
  "cases:write",
  "consultations:read",
  "consultations:write",
  "contacts:read",
  "contacts:write",
  "trainings:read",
  "webhooks:manage",
] as const satisfies readonly ClientScope[];

/** The translation key of a scope (a colon would separate namespaces in i18next). */
export function scopeKey(scope: string): `scopes.${string}` {
  return `scopes.${scope.replace(":", "_")}`;
}

/** Roles a coordinator may give; administrators may give every role (the API checks it, too). */
const COORDINATOR_GRANTS: readonly Role[] = ["conflict_manager", "trainer", "steering_group"];

export function grantableRoles(anyMunicipality: boolean): readonly Role[] {
  return anyMunicipality ? ROLES : COORDINATOR_GRANTS;
}
