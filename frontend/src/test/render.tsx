import type { ReactElement } from "react";
import { QueryClientProvider } from "@tanstack/react-query";
import { render } from "@testing-library/react";
import { RouterProvider, createMemoryRouter } from "react-router";
import "../i18n";
import { createApiClient } from "../api/client";
import type { SessionClient } from "../api/client";
import { createQueryClient } from "../api/queryClient";
import { SessionProvider } from "../auth/SessionContext";
import { routes } from "../routes";
import { createFakeApi } from "./fakeApi";

export function fakeClient(server = createFakeApi()) {
  const client = createApiClient({ baseUrl: "http://kokoma.test", fetch: server.fetch });
  return { server, client };
}

export function renderWithSession(ui: ReactElement, client: SessionClient) {
  const queryClient = createQueryClient();
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <SessionProvider client={client}>{ui}</SessionProvider>
    </QueryClientProvider>,
  );
  return { ...utils, queryClient };
}

/** The whole app (real routes) at `path`, talking to `client`. */
export function renderApp(client: SessionClient, path = "/") {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const result = renderWithSession(<RouterProvider router={router} />, client);
  return { ...result, router };
}
