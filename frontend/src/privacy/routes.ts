import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";
import { paths } from "../paths";

/** `/privacy/…`: person search, access export, erasure requests, reported barriers, texts. */
export const privacyRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./PrivacyPage")) },
  { path: "erasures/:erasureId", ...lazyPage(() => import("./ErasurePage")) },
  { path: "feedback", ...lazyPage(() => import("./FeedbackPage")) },
  { path: "texts/:kind", ...lazyPage(() => import("./TextsPage")) },
];

/** The privacy notice, for everyone without signing in. */
export const publicPrivacyRoutes: RouteObject[] = [
  { path: paths.privacyNotice, ...lazyPage(() => import("./PrivacyNoticePage")) },
  { path: `${paths.privacyNotice}/:slug`, ...lazyPage(() => import("./PrivacyNoticePage")) },
];
