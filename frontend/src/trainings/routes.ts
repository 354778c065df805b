import type { RouteObject } from "react-router";
import { lazyPage } from "../layout/lazyPage";

/** Address of the public check of a certificate, as printed for people without an account. */
export const VERIFY_PATH = "/zertifikat/pruefen";

/** `/trainings/…`: the series, one series, and the attendance register of a session day. */
export const trainingRoutes: RouteObject[] = [
  { index: true, ...lazyPage(() => import("./TrainingListPage")) },
  { path: ":seriesId", ...lazyPage(() => import("./TrainingDetailPage")) },
  { path: ":seriesId/sessions/:sessionId", ...lazyPage(() => import("./AttendancePage")) },
];

/** Pages anyone may open without signing in. */
export const publicTrainingRoutes: RouteObject[] = [
  { path: VERIFY_PATH, ...lazyPage(() => import("./CertificateVerifyPage")) },
  { path: `${VERIFY_PATH}/:code`, ...lazyPage(() => import("./CertificateVerifyPage")) },
];
