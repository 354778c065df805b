import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/consultations/…`: the list, general advice without a case, one consultation. */
export const consultationRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./ConsultationListPage")) },
  { path: "new", ...lazyPage(() => import("./ConsultationCreatePage")) },
  { path: ":consultationId", ...lazyPage(() => import("./ConsultationDetailPage")) },
];
