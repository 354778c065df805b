import { describe, expect, it, vi } from "vitest";
import { ApiError, REFRESH_TOKEN_KEY, createApiClient, suggestedFilename, unwrap } from "./client";
import { COORDINATOR, COORDINATOR_EMAIL, PASSWORD, createFakeApi, memoryStorage } from "../test/fakeApi";

const BASE = "http://kokoma.test";

// A path outside the typed schema, used to check that bodies survive a retry.
type Untyped = {
  POST(path: string, init: { body: unknown }): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

async function signedIn() {
  const server = createFakeApi();
  const storage = memoryStorage();
  const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage });
  await client.login(COORDINATOR_EMAIL, PASSWORD);
  return { server, storage, client };
}

describe("login", () => {
  it("posts the password form and keeps the access token in memory, the refresh token in storage", async () => {
    const { server, storage, client } = await signedIn();

    const [call] = server.callsTo("/api/v1/auth/token");
    expect(call?.body).toContain(`username=${encodeURIComponent(COORDINATOR_EMAIL)}`);
    expect(call?.body).toContain("grant_type=password");
    expect(client.getAccessToken()).toBe("access-1");
    expect(storage.map.get(REFRESH_TOKEN_KEY)).toBe("refresh-1");
    expect(client.hasSession()).toBe(true);
  });

  it("throws an ApiError with the problem details and does not try to refresh", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage: memoryStorage() });

    const error = await client.login(COORDINATOR_EMAIL, "wrong").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).problem?.detail).toBe("Invalid credentials.");
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(0);
    expect(client.hasSession()).toBe(false);
  });

  it("reports an unreachable server as status 0", async () => {
    const client = createApiClient({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
      storage: memoryStorage(),
    });
    await expect(client.login("a@b.example", "x")).rejects.toMatchObject({ status: 0 });
  });
});

describe("authorised requests", () => {
  it("send the access token as a bearer token", async () => {
    const { server, client } = await signedIn();

    const me = await unwrap(client.api.GET("/api/v1/auth/me"));

    expect(me.email).toBe(COORDINATOR_EMAIL);
    expect(server.callsTo("/api/v1/auth/me")[0]?.authorization).toBe("Bearer access-1");
  });

  it("refresh silently on 401 and retry once with the new token, body included", async () => {
    const { server, storage, client } = await signedIn();
    server.expireAccessTokens();

    const result = await (client.api as unknown as Untyped).POST("/api/v1/echo", {
      body: { note: "Gesprächsnotiz" },
    });

    expect(result.data).toEqual({ echoed: JSON.stringify({ note: "Gesprächsnotiz" }) });
    const echoes = server.callsTo("/api/v1/echo");
    expect(echoes.map((call) => call.authorization)).toEqual(["Bearer access-1", "Bearer access-2"]);
    expect(echoes[1]?.body).toBe(echoes[0]?.body);
    expect(storage.map.get(REFRESH_TOKEN_KEY)).toBe("refresh-2");
  });

  it("share one refresh among all requests that fail at the same time", async () => {
    const { server, client } = await signedIn();
    server.expireAccessTokens();
    const release = server.holdRefresh();

    const pending = Promise.all([
      unwrap(client.api.GET("/api/v1/auth/me")),
      unwrap(client.api.GET("/api/v1/auth/me")),
      unwrap(client.api.GET("/api/v1/auth/me")),
    ]);
    await vi.waitFor(() => expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(1), { timeout: 5_000 });
    release();
    const results = await pending;

    expect(results.map((me) => me.id)).toEqual([COORDINATOR.id, COORDINATOR.id, COORDINATOR.id]);
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(1);
    const retries = server.callsTo("/api/v1/auth/me").slice(3);
    expect(retries.every((call) => call.authorization === "Bearer access-2")).toBe(true);
  });

  it("retry without a second refresh when another request refreshed meanwhile", async () => {
    const server = createFakeApi();
    let releaseFirst!: () => void;
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    let held = false;
    // The first /me answer (a 401 for the expired token) arrives only after a refresh elsewhere.
    const transport = async (request: Request) => {
      const response = await server.fetch(request);
      if (!held && new URL(request.url).pathname === "/api/v1/auth/me") {
        held = true;
        await firstHeld;
      }
      return response;
    };
    const client = createApiClient({ baseUrl: BASE, fetch: transport, storage: memoryStorage() });
    await client.login(COORDINATOR_EMAIL, PASSWORD);
    server.expireAccessTokens();

    const late = unwrap(client.api.GET("/api/v1/auth/me"));
    await vi.waitFor(() => expect(held).toBe(true), { timeout: 5_000 });
    expect(await client.refresh()).toBe("ok");
    releaseFirst();
    const me = await late;

    expect(me.id).toBe(COORDINATOR.id);
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(1);
    expect(server.callsTo("/api/v1/auth/me").map((call) => call.authorization)).toEqual([
      "Bearer access-1",
      "Bearer access-2",
    ]);
  });

  it("end the session when the server rejects the refresh token", async () => {
    const { server, storage, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);
    server.expireAccessTokens();
    server.revokeRefreshTokens();

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(ended).toHaveBeenCalledExactlyOnceWith("expired");
    expect(storage.map.has(REFRESH_TOKEN_KEY)).toBe(false);
    expect(client.getAccessToken()).toBeNull();
  });

  it("end the session only once when several requests see the rejection", async () => {
    const { server, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);
    server.expireAccessTokens();
    server.revokeRefreshTokens();

    await Promise.all([client.api.GET("/api/v1/auth/me"), client.api.GET("/api/v1/auth/me")]);

    expect(ended).toHaveBeenCalledTimes(1);
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(1);
  });

  it("keep the session when the refresh fails for lack of a server", async () => {
    const { server, storage, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);
    server.expireAccessTokens();
    server.setRefreshFailure("network");

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(ended).not.toHaveBeenCalled();
    expect(storage.map.get(REFRESH_TOKEN_KEY)).toBe("refresh-1");

    server.setRefreshFailure("server");
    expect(await client.refresh()).toBe("unavailable");
    server.setRefreshFailure(null);
    expect(await client.refresh()).toBe("ok");
  });

  it("pass a 401 through untouched when there is no session to refresh", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage: memoryStorage() });

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(0);
  });
});

describe("logout", () => {
  it("revokes the refresh token with the bearer token, forgets both and notifies", async () => {
    const { server, storage, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);

    await client.logout();

    const [call] = server.callsTo("/api/v1/auth/logout");
    expect(call?.authorization).toBe("Bearer access-1");
    expect(JSON.parse(call?.body ?? "{}")).toEqual({ refresh_token: "refresh-1" });
    expect(ended).toHaveBeenCalledExactlyOnceWith("logout");
    expect(storage.map.has(REFRESH_TOKEN_KEY)).toBe(false);
    expect(client.hasSession()).toBe(false);
  });

  it("refreshes an expired access token first and revokes the rotated refresh token", async () => {
    const { server, client } = await signedIn();
    server.expireAccessTokens();

    await client.logout();

    const calls = server.callsTo("/api/v1/auth/logout");
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]?.body ?? "{}")).toEqual({ refresh_token: "refresh-2" });
    expect(calls[1]?.authorization).toBe("Bearer access-2");
  });

  it("forgets the tokens even when the server cannot be reached", async () => {
    const { storage, client } = await signedIn();
    const offline = createApiClient({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
      storage,
    });
    expect(offline.hasSession()).toBe(true);

    await offline.logout();

    expect(offline.hasSession()).toBe(false);
    expect(client.hasSession()).toBe(true); // the other client's in-memory token is its own
    expect(storage.map.has(REFRESH_TOKEN_KEY)).toBe(false);
  });

  it("is not undone by a refresh that answers afterwards", async () => {
    const { server, client } = await signedIn();
    const release = server.holdRefresh();
    const refreshing = client.refresh();

    const loggingOut = client.logout();
    release();
    await Promise.all([refreshing, loggingOut]);

    expect(client.hasSession()).toBe(false);
    expect(client.getAccessToken()).toBeNull();
  });
});

describe("restoreSession", () => {
  it("turns a stored refresh token into a new access token", async () => {
    const server = createFakeApi();
    const storage = memoryStorage();
    storage.setItem(REFRESH_TOKEN_KEY, await server.issueStoredSession());
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage });

    expect(await client.restoreSession()).toBe("ok");
    expect(client.getAccessToken()).toMatch(/^access-/);
  });

  it("refreshes once when asked twice at the same time (as React's strict mode does)", async () => {
    const server = createFakeApi();
    const storage = memoryStorage();
    storage.setItem(REFRESH_TOKEN_KEY, await server.issueStoredSession());
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage });

    const outcomes = await Promise.all([client.restoreSession(), client.restoreSession()]);

    expect(outcomes).toEqual(["ok", "ok"]);
    expect(server.callsTo("/api/v1/auth/refresh")).toHaveLength(1);
  });

  it("reports a rejected token and clears it", async () => {
    const server = createFakeApi();
    const storage = memoryStorage();
    storage.setItem(REFRESH_TOKEN_KEY, "refresh-unknown");
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage });

    expect(await client.restoreSession()).toBe("rejected");
    expect(storage.map.has(REFRESH_TOKEN_KEY)).toBe(false);
  });

  it("has nothing to restore without a stored token", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch, storage: memoryStorage() });
    expect(await client.restoreSession()).toBe("rejected");
    expect(server.calls).toHaveLength(0);
  });
});

describe("language", () => {
  it("asks the API for the language the user chose, so that its messages match the page", async () => {
    const { default: i18n } = await import("../i18n");
    const asked: (string | null)[] = [];
    const client = createApiClient({
      baseUrl: BASE,
      storage: memoryStorage(),
      fetch: async (request) => {
        asked.push(request.headers.get("Accept-Language"));
        return new Response("{}", { status: 200, headers: { "Content-Type": "application/json" } });
      },
    });
    await i18n.changeLanguage("en");
    await client.api.GET("/api/v1/health");
    await i18n.changeLanguage("de");
    await client.api.GET("/api/v1/health");
    expect(asked).toEqual(["en", "de"]);
  });
});

describe("suggestedFilename", () => {
  it("prefers the exact UTF-8 name to the ASCII fallback", () => {
    const header = `attachment; filename="Brief _ M_rz.pdf"; filename*=UTF-8''Brief%20%E2%80%93%20M%C3%A4rz.pdf`;
    expect(suggestedFilename(header)).toBe("Brief – März.pdf");
  });

  it("falls back to the plain name", () => {
    expect(suggestedFilename('attachment; filename="statistik.csv"')).toBe("statistik.csv");
    expect(suggestedFilename("attachment; filename*=UTF-8''%E0%A4%A; filename=\"x.txt\"")).toBe("x.txt");
    expect(suggestedFilename(null)).toBeNull();
  });
});
