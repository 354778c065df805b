import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

export const statisticsRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./StatisticsPage")) },
];
