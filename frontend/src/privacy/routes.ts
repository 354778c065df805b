import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";
import { paths } from "../paths";

/** `/privacy/…`: person search, access export, erasure requests, reported barriers. */
export const privacyRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./PrivacyPage")) },
  { path: "erasures/:erasureId", ...lazyPage(() => import("./ErasurePage")) },
  { path: "feedback", ...lazyPage(() => import("./FeedbackPage")) },
];

/** The privacy notice, for everyone without signing in. */
export const publicPrivacyRoutes: RouteObject[] = [
  { path: paths.privacyNotice, ...lazyPage(() => import("./PrivacyNoticePage")) },
];
