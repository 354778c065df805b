import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/tasks/…`: "My tasks" and the stalled cases. */
export const taskRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./MyTasksPage")) },
  { path: "stalled", ...lazyPage(() => import("./StalledCasesPage")) },
];
