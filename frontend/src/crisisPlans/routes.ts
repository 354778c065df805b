import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/crisis-plans/…`: the list, a new plan, one plan, and its editor. */
export const crisisPlanRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./PlanListPage")) },
  { path: "new", ...lazyPage(() => import("./PlanCreatePage")) },
  { path: ":planId", ...lazyPage(() => import("./PlanPage")) },
  { path: ":planId/edit", ...lazyPage(() => import("./PlanEditPage")) },
  { path: ":planId/activate", ...lazyPage(() => import("./ActivationStartPage")) },
  { path: ":planId/activations/:activationId", ...lazyPage(() => import("./ActivationPage")) },
];
