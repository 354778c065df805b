import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** `/peer/…`: peer groups, case presentations and sessions. */
export const peerRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./PeerPage")) },
  { path: "groups/new", ...lazyPage(() => import("./GroupCreatePage")) },
  { path: "groups/:groupId", ...lazyPage(() => import("./GroupPage")) },
  { path: "presentations/new", ...lazyPage(() => import("./PresentationCreatePage")) },
  { path: "presentations/:presentationId", ...lazyPage(() => import("./PresentationPage")) },
  { path: "sessions/:sessionId", ...lazyPage(() => import("./SessionPage")) },
];
