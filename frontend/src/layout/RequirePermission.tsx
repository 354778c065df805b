import type { ReactNode } from "react";
import { useSession } from "../auth/SessionContext";
import type { PermissionRequirement } from "../auth/permissions";
import NotFoundPage from "./NotFoundPage";

/** A page the user may not open looks like one that does not exist, as in the API. */
export function RequirePermission({
  requires,
  children,
}: {
  requires: PermissionRequirement;
  children: ReactNode;
}) {
  const { can } = useSession();
  return can(requires) ? <>{children}</> : <NotFoundPage />;
}
