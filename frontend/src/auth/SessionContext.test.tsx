import { act, render, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { QueryClientProvider } from "@tanstack/react-query";
import { describe, expect, it, vi } from "vitest";
import { createQueryClient } from "../api/queryClient";
import { COORDINATOR, COORDINATOR_EMAIL, PASSWORD, createFakeApi } from "../test/fakeApi";
import { fakeClient, renderWithSession } from "../test/render";
import { LoginError, SessionProvider, loginFailureOf, useSession } from "./SessionContext";
import { ApiError } from "../api/client";

/** Shows the session state and offers its actions as buttons. */
function Probe({ password = PASSWORD }: { password?: string }) {
  const session = useSession();
  const { state } = session;
  return (
    <div>
      <p data-testid="status">{state.status}</p>
      <p data-testid="notice">{state.status === "anonymous" ? (state.notice ?? "none") : "-"}</p>
      <p data-testid="user">{session.user?.full_name ?? "-"}</p>
      <p data-testid="can-cases">{String(session.can("cases:read"))}</p>
      <p data-testid="can-admin">{String(session.can(["audit:read", "users:manage"]))}</p>
      <p data-testid="can-audit">{String(session.can("audit:read"))}</p>
      <button
        type="button"
        onClick={() =>
          void session.login(COORDINATOR_EMAIL, password).catch((error: unknown) => {
            document.body.dataset.loginError = error instanceof LoginError ? error.reason : "other";
          })
        }
      >
        login
      </button>
      <button type="button" onClick={() => void session.logout()}>
        logout
      </button>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe("SessionProvider", () => {
  it("starts anonymous without a session cookie and signs in with the password", async () => {
    const { client } = fakeClient();
    renderWithSession(<Probe />, client);
    await waitFor(() => expect(text("status")).toBe("anonymous"));
    expect(text("notice")).toBe("none");
    expect(text("can-cases")).toBe("false");

    await userEvent.click(screen.getByRole("button", { name: "login" }));

    await waitFor(() => expect(text("status")).toBe("authenticated"));
    expect(text("user")).toBe(COORDINATOR.full_name);
    expect(text("can-cases")).toBe("true");
    expect(text("can-admin")).toBe("true");
    expect(text("can-audit")).toBe("false");
  });

  it("rejects a wrong password with the reason 'invalid' and stays anonymous", async () => {
    const { client } = fakeClient();
    renderWithSession(<Probe password="wrong" />, client);
    await waitFor(() => expect(text("status")).toBe("anonymous"));

    await userEvent.click(screen.getByRole("button", { name: "login" }));

    await waitFor(() => expect(document.body.dataset.loginError).toBe("invalid"));
    expect(text("status")).toBe("anonymous");
    delete document.body.dataset.loginError;
  });

  it("restores the session from the session cookie after a reload", async () => {
    const server = createFakeApi();
    const { client } = fakeClient(server);
    server.keepCookieFromEarlierVisit();

    renderWithSession(<Probe />, client);

    expect(text("status")).toBe("loading");
    await waitFor(() => expect(text("status")).toBe("authenticated"));
    expect(text("user")).toBe(COORDINATOR.full_name);
  });

  it("restores only once under React's strict mode", async () => {
    const server = createFakeApi();
    const { client } = fakeClient(server);
    server.keepCookieFromEarlierVisit();
    const { StrictMode } = await import("react");

    render(
      <StrictMode>
        <QueryClientProvider client={createQueryClient()}>
          <SessionProvider client={client}>
            <Probe />
          </SessionProvider>
        </QueryClientProvider>
      </StrictMode>,
    );

    await waitFor(() => expect(text("status")).toBe("authenticated"));
    expect(server.callsTo("/api/v1/auth/session/refresh")).toHaveLength(1);
  });

  it("shows 'expired' when the session cookie is no longer accepted", async () => {
    const { client, server } = fakeClient();
    server.keepRevokedCookie();

    renderWithSession(<Probe />, client);

    await waitFor(() => expect(text("status")).toBe("anonymous"));
    expect(text("notice")).toBe("expired");
    expect(server.cookie()).toBeNull();
  });

  it("shows 'unavailable' when the server cannot be reached on restore", async () => {
    const server = createFakeApi();
    const { client } = fakeClient(server);
    server.keepCookieFromEarlierVisit();
    server.setRefreshFailure("network");

    renderWithSession(<Probe />, client);

    await waitFor(() => expect(text("status")).toBe("anonymous"));
    expect(text("notice")).toBe("unavailable");
  });

  it("ends the session and clears cached data when a later refresh is refused", async () => {
    const { client, server } = fakeClient();
    const { queryClient } = renderWithSession(<Probe />, client);
    await waitFor(() => expect(text("status")).toBe("anonymous"));
    await userEvent.click(screen.getByRole("button", { name: "login" }));
    await waitFor(() => expect(text("status")).toBe("authenticated"));
    queryClient.setQueryData(["cases"], ["secret case"]);

    server.expireAccessTokens();
    server.revokeRefreshTokens();
    await act(async () => {
      await client.api.GET("/api/v1/auth/me");
    });

    expect(text("status")).toBe("anonymous");
    expect(text("notice")).toBe("expired");
    expect(queryClient.getQueryData(["cases"])).toBeUndefined();
  });

  it("logs out: revokes on the server, forgets the user and says so", async () => {
    const { client, server } = fakeClient();
    const { queryClient } = renderWithSession(<Probe />, client);
    await waitFor(() => expect(text("status")).toBe("anonymous"));
    await userEvent.click(screen.getByRole("button", { name: "login" }));
    await waitFor(() => expect(text("status")).toBe("authenticated"));
    queryClient.setQueryData(["cases"], ["secret case"]);

    await userEvent.click(screen.getByRole("button", { name: "logout" }));

    await waitFor(() => expect(text("status")).toBe("anonymous"));
    expect(text("notice")).toBe("loggedOut");
    expect(text("user")).toBe("-");
    expect(server.callsTo("/api/v1/auth/session/logout")).toHaveLength(1);
    expect(queryClient.getQueryData(["cases"])).toBeUndefined();
    expect(client.hasSession()).toBe(false);
  });

  it("requires a provider", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => undefined);
    expect(() => render(<Probe />)).toThrow(/SessionProvider/);
    spy.mockRestore();
  });
});

describe("loginFailureOf", () => {
  it.each([
    [new ApiError(401, null), "invalid"],
    [new ApiError(422, null), "invalid"],
    [new ApiError(429, null), "rateLimited"],
    [new ApiError(0, null), "network"],
    [new ApiError(503, null), "server"],
    [new Error("boom"), "server"],
  ])("maps %s to %s", (error, reason) => {
    expect(loginFailureOf(error)).toBe(reason);
  });
});
