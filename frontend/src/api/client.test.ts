import { describe, expect, it, vi } from "vitest";
import { ApiError, createApiClient, suggestedFilename, unwrap } from "./client";
import { COORDINATOR, COORDINATOR_EMAIL, PASSWORD, createFakeApi } from "../test/fakeApi";

const BASE = "http://kokoma.test";
const REFRESH = "/api/v1/auth/session/refresh";

// A path outside the typed schema, used to check that bodies survive a retry.
type Untyped = {
  POST(path: string, init: { body: unknown }): Promise<{ data?: unknown; error?: unknown; response: Response }>;
};

async function signedIn() {
  const server = createFakeApi();
  const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });
  await client.login(COORDINATOR_EMAIL, PASSWORD);
  return { server, client };
}

describe("login", () => {
  it("posts e-mail and password with the session header and keeps only the access token", async () => {
    const { server, client } = await signedIn();

    const [call] = server.callsTo("/api/v1/auth/session");
    expect(JSON.parse(call?.body ?? "{}")).toEqual({ email: COORDINATOR_EMAIL, password: PASSWORD });
    expect(client.getAccessToken()).toBe("access-1");
    expect(server.cookie()).toBe("refresh-1"); // in the browser's cookie jar, not the app
    expect(client.hasSession()).toBe(true);
  });

  it("throws an ApiError with the problem details and does not try to refresh", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const error = await client.login(COORDINATOR_EMAIL, "wrong").catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect((error as ApiError).problem?.detail).toBe("Invalid credentials.");
    expect(server.callsTo(REFRESH)).toHaveLength(0);
    expect(client.hasSession()).toBe(false);
  });

  it("reports an unreachable server as status 0", async () => {
    const client = createApiClient({
      baseUrl: BASE,
      fetch: () => Promise.reject(new TypeError("Failed to fetch")),
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
    const { server, client } = await signedIn();
    server.expireAccessTokens();

    const result = await (client.api as unknown as Untyped).POST("/api/v1/echo", {
      body: { note: "Gesprächsnotiz" },
    });

    expect(result.data).toEqual({ echoed: JSON.stringify({ note: "Gesprächsnotiz" }) });
    const echoes = server.callsTo("/api/v1/echo");
    expect(echoes.map((call) => call.authorization)).toEqual(["Bearer access-1", "Bearer access-2"]);
    expect(echoes[1]?.body).toBe(echoes[0]?.body);
    expect(server.cookie()).toBe("refresh-2");
    expect(server.callsTo(REFRESH)[0]?.authorization).toBeNull(); // the cookie is the credential
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
    await vi.waitFor(() => expect(server.callsTo(REFRESH)).toHaveLength(1), { timeout: 5_000 });
    release();
    const results = await pending;

    expect(results.map((me) => me.id)).toEqual([COORDINATOR.id, COORDINATOR.id, COORDINATOR.id]);
    expect(server.callsTo(REFRESH)).toHaveLength(1);
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
    const client = createApiClient({ baseUrl: BASE, fetch: transport });
    await client.login(COORDINATOR_EMAIL, PASSWORD);
    server.expireAccessTokens();

    const late = unwrap(client.api.GET("/api/v1/auth/me"));
    await vi.waitFor(() => expect(held).toBe(true), { timeout: 5_000 });
    expect(await client.refresh()).toBe("ok");
    releaseFirst();
    const me = await late;

    expect(me.id).toBe(COORDINATOR.id);
    expect(server.callsTo(REFRESH)).toHaveLength(1);
    expect(server.callsTo("/api/v1/auth/me").map((call) => call.authorization)).toEqual([
      "Bearer access-1",
      "Bearer access-2",
    ]);
  });

  it("end the session when the server rejects the refresh token", async () => {
    const { server, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);
    server.expireAccessTokens();
    server.revokeRefreshTokens();

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(ended).toHaveBeenCalledExactlyOnceWith("expired");
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
    expect(server.callsTo(REFRESH)).toHaveLength(1);
  });

  it("keep the session when the refresh fails for lack of a server", async () => {
    const { server, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);
    server.expireAccessTokens();
    server.setRefreshFailure("network");

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(ended).not.toHaveBeenCalled();
    expect(server.cookie()).toBe("refresh-1");

    server.setRefreshFailure("server");
    expect(await client.refresh()).toBe("unavailable");
    server.setRefreshFailure(null);
    expect(await client.refresh()).toBe("ok");
  });

  it("pass a 401 through untouched when there is no session to refresh", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const result = await client.api.GET("/api/v1/auth/me");

    expect(result.response.status).toBe(401);
    expect(server.callsTo(REFRESH)).toHaveLength(0);
  });
});

describe("logout", () => {
  it("ends the session through the cookie, forgets the access token and notifies", async () => {
    const { server, client } = await signedIn();
    const ended = vi.fn();
    client.onSessionEnd(ended);

    await client.logout();

    expect(server.callsTo("/api/v1/auth/session/logout")).toHaveLength(1);
    expect(ended).toHaveBeenCalledExactlyOnceWith("logout");
    expect(server.cookie()).toBeNull();
    expect(client.hasSession()).toBe(false);
  });

  it("forgets the access token even when the server cannot be reached", async () => {
    const server = createFakeApi();
    let online = true;
    const client = createApiClient({
      baseUrl: BASE,
      fetch: (request) => (online ? server.fetch(request) : Promise.reject(new TypeError("Failed to fetch"))),
    });
    await client.login(COORDINATOR_EMAIL, PASSWORD);
    online = false;

    await client.logout();

    expect(client.hasSession()).toBe(false);
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
  it("turns the session cookie into a new access token", async () => {
    const server = createFakeApi();
    server.keepCookieFromEarlierVisit();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    expect(await client.restoreSession()).toBe("ok");
    expect(client.getAccessToken()).toMatch(/^access-/);
  });

  it("refreshes once when asked twice at the same time (as React's strict mode does)", async () => {
    const server = createFakeApi();
    server.keepCookieFromEarlierVisit();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    const outcomes = await Promise.all([client.restoreSession(), client.restoreSession()]);

    expect(outcomes).toEqual(["ok", "ok"]);
    expect(server.callsTo(REFRESH)).toHaveLength(1);
  });

  it("reports a rejected cookie, which the server clears", async () => {
    const server = createFakeApi();
    server.keepRevokedCookie();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });

    expect(await client.restoreSession()).toBe("rejected");
    expect(server.cookie()).toBeNull();
  });

  it("reports that there is no session when the browser holds no cookie", async () => {
    const server = createFakeApi();
    const client = createApiClient({ baseUrl: BASE, fetch: server.fetch });
    expect(await client.restoreSession()).toBe("none");
  });
});

describe("language", () => {
  it("asks the API for the language the user chose, so that its messages match the page", async () => {
    const { default: i18n } = await import("../i18n");
    const asked: (string | null)[] = [];
    const client = createApiClient({
      baseUrl: BASE,
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
