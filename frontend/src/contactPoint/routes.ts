import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/requests/…`: the inbox, one request, and the public page's editor. */
export const requestRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./InboxPage")) },
  { path: "contact-page", ...lazyPage(() => import("./ContactPageEditor")) },
  { path: ":requestId", ...lazyPage(() => import("./RequestPage")) },
];

/** Public, without sign-in: a municipality's contact page with its form. */
export const publicContactRoutes: RouteObject[] = [
  { path: "/kontakt/:slug", ...lazyPage(() => import("./PublicContactPage")) },
];
