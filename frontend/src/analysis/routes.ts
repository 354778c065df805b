import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/cases/:caseId/analysis`: the conflict analysis of one case, inside the cases area. */
export const analysisRoutes: RouteObject[] = [{ path: ":caseId/analysis", ...lazyPage(() => import("./AnalysisPage")) }];
