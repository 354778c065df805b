import { Permission } from "../auth/permissions";
import type { PermissionName } from "../auth/permissions";
import { paths } from "../paths";

/** The parts of the administration and the permission each needs, in display order. */
export const ADMIN_PARTS = [
  { key: "users", path: paths.administration.users, requires: Permission.usersManage },
  { key: "municipalities", path: paths.administration.municipalities, requires: Permission.municipalitiesManage },
  { key: "apiClients", path: paths.administration.apiClients, requires: Permission.apiClientsManage },
  {
    key: "identityProviders",
    path: paths.administration.identityProviders,
    requires: Permission.identityProvidersManage,
  },
  { key: "audit", path: paths.administration.audit, requires: Permission.auditRead },
  { key: "mail", path: paths.administration.mail, requires: Permission.mailRead },
] as const satisfies readonly { key: string; path: string; requires: PermissionName }[];
