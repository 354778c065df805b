import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/steering/…`: the meetings of the steering group and one meeting. */
export const steeringRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./MeetingListPage")) },
  { path: ":meetingId", ...lazyPage(() => import("./MeetingPage")) },
];
