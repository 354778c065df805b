import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/network/…`: the contacts, one contact, its forms, and the network map. */
export const networkRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./ContactListPage")) },
  { path: "map", ...lazyPage(() => import("./NetworkMapPage")) },
  { path: "contacts/new", ...lazyPage(() => import("./ContactCreatePage")) },
  { path: "contacts/:contactId", ...lazyPage(() => import("./ContactDetailPage")) },
  { path: "contacts/:contactId/edit", ...lazyPage(() => import("./ContactEditPage")) },
];
