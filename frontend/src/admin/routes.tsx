import type { ReactNode } from "react";
import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";
import { Permission } from "../auth/permissions";
import type { PermissionName } from "../auth/permissions";

function guarded(requires: PermissionName, load: () => Promise<{ default: () => ReactNode }>): Pick<RouteObject, "lazy"> {
  return {
    lazy: async () => {
      const [{ RequirePermission }, page] = await Promise.all([import("../layout/RequirePermission"), load()]);
      const Page = page.default;
      return {
        Component: () => (
          <RequirePermission requires={requires}>
            <Page />
          </RequirePermission>
        ),
      };
    },
  };
}

/** `/administration/…`: each part behind its own permission. */
export const administrationRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./AdminIndexPage")) },
  { path: "users", ...guarded(Permission.usersManage, () => import("./UserListPage")) },
  { path: "users/new", ...guarded(Permission.usersManage, () => import("./UserCreatePage")) },
  { path: "users/:userId", ...guarded(Permission.usersManage, () => import("./UserEditPage")) },
  {
    path: "municipalities",
    ...guarded(Permission.municipalitiesManage, () => import("./MunicipalityListPage")),
  },
  {
    path: "municipalities/new",
    ...guarded(Permission.municipalitiesManage, () => import("./MunicipalityCreatePage")),
  },
  {
    path: "municipalities/:municipalityId",
    ...guarded(Permission.municipalitiesManage, () => import("./MunicipalityEditPage")),
  },
  { path: "api-clients", ...guarded(Permission.apiClientsManage, () => import("./ApiClientListPage")) },
  { path: "sso", ...guarded(Permission.identityProvidersManage, () => import("./IdentityProviderListPage")) },
  {
    path: "sso/new",
    ...guarded(Permission.identityProvidersManage, () => import("./IdentityProviderCreatePage")),
  },
  {
    path: "sso/:providerId",
    ...guarded(Permission.identityProvidersManage, () => import("./IdentityProviderEditPage")),
  },
  { path: "audit", ...guarded(Permission.auditRead, () => import("./AuditLogPage")) },
  { path: "mail", ...guarded(Permission.mailRead, () => import("./MailOutboxPage")) },
];
