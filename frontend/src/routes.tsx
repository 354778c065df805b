import type { RouteObject } from "react-router";
import { RequireAuth } from "./auth/RequireAuth";
import { SECTIONS } from "./layout/navigation";
import RouteError from "./layout/RouteError";
import { LoadingStatus } from "./layout/LoadingStatus";

function InitialLoading() {
  return <LoadingStatus fullPage />;
}

/** Every page is its own chunk, loaded when first visited. */
export const routes: RouteObject[] = [
  {
    ErrorBoundary: RouteError,
    HydrateFallback: InitialLoading,
    children: [
      {
        path: "/login",
        lazy: async () => ({ Component: (await import("./auth/LoginPage")).default }),
      },
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
              ...SECTIONS.map(
                (section): RouteObject => ({
                  path: `${section.path.slice(1)}/*`,
                  lazy: async () => {
                    const [{ RequirePermission }, { default: SectionPlaceholder }] =
                      await Promise.all([
                        import("./layout/RequirePermission"),
                        import("./layout/SectionPlaceholder"),
                      ]);
                    return {
                      Component: () => (
                        <RequirePermission requires={section.requires}>
                          <SectionPlaceholder section={section.key} />
                        </RequirePermission>
                      ),
                    };
                  },
                }),
              ),
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
