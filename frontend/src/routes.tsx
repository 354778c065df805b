import { Outlet } from "react-router";
import type { RouteObject } from "react-router";
import { RequireAuth } from "./auth/RequireAuth";
import { SECTIONS } from "./layout/navigation";
import type { NavItem, SectionKey } from "./layout/navigation";
import RouteError from "./layout/RouteError";
import { LoadingStatus } from "./layout/LoadingStatus";
import { lazyPage } from "./layout/lazyPage";
import { paths } from "./paths";
import { administrationRoutes } from "./admin/routes";
import { analysisRoutes } from "./analysis/routes";
import { caseRoutes } from "./cases/routes";
import { consultationRoutes } from "./consultations/routes";
import { publicContactRoutes, requestRoutes } from "./contactPoint/routes";
import { crisisPlanRoutes } from "./crisisPlans/routes";
import { annualReportRoutes } from "./annualReports/routes";
import { districtRoutes } from "./district/routes";
import { networkRoutes } from "./network/routes";
import { peerRoutes } from "./peer/routes";
import { statisticsRoutes } from "./statistics/routes";
import { publicAccessibilityRoutes } from "./accessibility/routes";
import { privacyRoutes, publicPrivacyRoutes } from "./privacy/routes";
import { steeringRoutes } from "./steering/routes";
import { taskRoutes } from "./tasks/routes";
import { publicTrainingRoutes, trainingRoutes } from "./trainings/routes";

function InitialLoading() {
  return <LoadingStatus fullPage />;
}

/** The pages of each work area (paths relative to the area). */
const AREA_ROUTES: Record<SectionKey, RouteObject[]> = {
  requests: requestRoutes,
  tasks: taskRoutes,
  steering: steeringRoutes,
  cases: [...caseRoutes, ...analysisRoutes],
  consultations: consultationRoutes,
  network: networkRoutes,
  trainings: trainingRoutes,
  crisisPlans: crisisPlanRoutes,
  peer: peerRoutes,
  statistics: statisticsRoutes,
  privacy: privacyRoutes,
  district: districtRoutes,
  annualReports: annualReportRoutes,
  administration: administrationRoutes,
};

const notFound = lazyPage(() => import("./layout/NotFoundPage"));

/** A work area behind the permission its navigation entry names. */
function areaRoute(section: NavItem & { key: SectionKey }): RouteObject {
  return {
    path: section.path.slice(1),
    lazy: async () => {
      const { RequirePermission } = await import("./layout/RequirePermission");
      return {
        Component: () => (
          <RequirePermission requires={section.requires}>
            <Outlet />
          </RequirePermission>
        ),
      };
    },
    children: [...AREA_ROUTES[section.key], { path: "*", ...notFound }],
  };
}

/** Every page is its own chunk, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    ErrorBoundary: RouteError,
    HydrateFallback: InitialLoading,
    children: [
      {
        path: paths.login,
        lazy: async () => ({ Component: (await import("./auth/LoginPage")).default }),
      },
      ...publicTrainingRoutes,
      ...publicAccessibilityRoutes,
      ...publicPrivacyRoutes,
      ...publicContactRoutes,
      {
        element: <RequireAuth />,
        children: [
          {
            lazy: async () => ({ Component: (await import("./layout/AppShell")).default }),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import("./dashboard/DashboardPage")).default,
                }),
              },
              ...SECTIONS.map(areaRoute),
              {
                path: paths.glossary.slice(1),
                lazy: async () => ({
                  Component: (await import("./glossary/GlossaryPage")).default,
                }),
              },
              {
                path: "*",
                lazy: async () => ({
                  Component: (await import("./layout/NotFoundPage")).default,
                }),
              },
            ],
          },
        ],
      },
    ],
  },
];
