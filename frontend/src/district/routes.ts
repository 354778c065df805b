import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

export const districtRoutes: RouteObject[] = [{ index: true, ...lazyPage(() => import("./DistrictPage")) }];
