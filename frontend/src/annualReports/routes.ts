import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

export const annualReportRoutes: RouteObject[] = [{ index: true, ...lazyPage(() => import("./AnnualReportPage")) }];
