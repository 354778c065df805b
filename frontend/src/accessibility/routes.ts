import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";
import { paths } from "../paths";

/** Public pages (no sign-in): the accessibility statement and the page in Leichte Sprache. */
export const publicAccessibilityRoutes: RouteObject[] = [
  { path: paths.accessibilityStatement, ...lazyPage(() => import("./AccessibilityStatementPage")) },
  { path: `${paths.accessibilityStatement}/:slug`, ...lazyPage(() => import("./AccessibilityStatementPage")) },
  { path: paths.easyLanguage, ...lazyPage(() => import("./EasyLanguagePage")) },
];
