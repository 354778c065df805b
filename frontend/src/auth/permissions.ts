/** Permission names as the API reports them in `/auth/me` (see the backend's permission map). */
export const Permission = {
  casesRead: "cases:read",
  casesWrite: "cases:write",
  casesCoordinate: "cases:coordinate",
  consultationsRead: "consultations:read",
  consultationsWrite: "consultations:write",
  contactsRead: "contacts:read",
  contactsWrite: "contacts:write",
  trainingsRead: "trainings:read",
  trainingsWrite: "trainings:write",
  statisticsRead: "statistics:read",
  statisticsNetwork: "statistics:network",
  statisticsExact: "statistics:exact",
  municipalitiesRead: "municipalities:read",
  municipalitiesManage: "municipalities:manage",
  usersManage: "users:manage",
  usersAnyMunicipality: "users:any_municipality",
  apiClientsManage: "api_clients:manage",
  identityProvidersManage: "identity_providers:manage",
  auditRead: "audit:read",
  crisisPlansRead: "crisis_plans:read",
  crisisPlansWrite: "crisis_plans:write",
  crisisPlansAdopt: "crisis_plans:adopt",
  privacyManage: "privacy:manage",
  privacyRequest: "privacy:request",
  accessibilityFeedbackRead: "accessibility_feedback:read",
  contactPageManage: "contact_page:manage",
  requestsRead: "requests:read",
  requestsHandle: "requests:handle",
  publicListing: "profile:public_listing",
  districtAnalysisRead: "district_analysis:read",
  districtAnalysisWrite: "district_analysis:write",
  tasksRead: "tasks:read",
  tasksWrite: "tasks:write",
  tasksCoordinate: "tasks:coordinate",
  mailRead: "mail:read",
  notificationsManage: "notifications:manage",
  annualReportsRead: "annual_reports:read",
  annualReportsWrite: "annual_reports:write",
  peerParticipate: "peer:participate",
  peerManage: "peer:manage",
  steeringRead: "steering:read",
  steeringWrite: "steering:write",
} as const;

export type PermissionName = (typeof Permission)[keyof typeof Permission];

/** A requirement: one permission, or any one of several. */
export type PermissionRequirement = PermissionName | readonly PermissionName[] | null;

export function satisfies(
  granted: readonly string[],
  requirement: PermissionRequirement,
): boolean {
  if (requirement === null) return true;
  if (typeof requirement === "string") return granted.includes(requirement);
  return requirement.some((permission) => granted.includes(permission));
}

export const ROLES = ["admin", "coordinator", "conflict_manager", "trainer", "steering_group"] as const;
export type Role = (typeof ROLES)[number];

/** The role of a signed-in person; API clients and unknown values have none to show. */
export function knownRole(role: string | null | undefined): Role | null {
  return (ROLES as readonly string[]).includes(role ?? "") ? (role as Role) : null;
}
