import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";
import { paths } from "../paths";

/** `/trainings/…`: the series, a new or changed series, one series, and the attendance
 * register of a session day. */
export const trainingRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./TrainingListPage")) },
  { path: "new", ...lazyPage(() => import("./SeriesFormPage")) },
  { path: ":seriesId", ...lazyPage(() => import("./TrainingDetailPage")) },
  { path: ":seriesId/edit", ...lazyPage(() => import("./SeriesFormPage")) },
  { path: ":seriesId/sessions/:sessionId", ...lazyPage(() => import("./AttendancePage")) },
];

/** Pages anyone may open without signing in. */
export const publicTrainingRoutes: RouteObject[] = [
  { path: paths.verifyCertificate, ...lazyPage(() => import("./CertificateVerifyPage")) },
  { path: `${paths.verifyCertificate}/:code`, ...lazyPage(() => import("./CertificateVerifyPage")) },
];
