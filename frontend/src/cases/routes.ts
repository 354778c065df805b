import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/cases/…`: the list, a new case, one case and its edit form. */
export const caseRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./CaseListPage")) },
  { path: "new", ...lazyPage(() => import("./CaseCreatePage")) },
  { path: ":caseId", ...lazyPage(() => import("./CaseDetailPage")) },
  { path: ":caseId/edit", ...lazyPage(() => import("./CaseEditPage")) },
];
