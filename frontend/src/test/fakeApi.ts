import type { Me } from "../api/client";

export const COORDINATOR_EMAIL = "koordination@wartburgkreis.example";

/** The demo coordinator, as `/auth/me` reports it. */
export const COORDINATOR: Me = {
  id: "0f2b6a1e-0000-4000-8000-000000000001",
  kind: "user",
  email: COORDINATOR_EMAIL,
  full_name: "Kim Koordination",
  role: "coordinator",
  municipality: { id: "0f2b6a1e-0000-4000-8000-0000000000aa", name: "Wartburgkreis", slug: "wartburgkreis" },
  permissions: ["profile:read", "cases:read", "consultations:read", "contacts:read", "trainings:read", "statistics:read", "users:manage"],
};

export const PASSWORD = "correct horse";

function json(status: number, body: unknown, type = "application/json"): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });
}

function problem(status: number, detail: string): Response {
  return json(status, { type: "about:blank", title: "Error", status, detail }, "application/problem+json");
}

export interface RecordedCall {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

/**
 * A small in-memory stand-in for the auth part of the API, with rotating refresh tokens.
 * The refresh token lives in `cookie`, as the browser's HttpOnly cookie would: the app
 * never sees it. Tests can expire the access token, revoke the refresh token, or hold
 * refresh answers back.
 */
export function createFakeApi(user: Me = COORDINATOR) {
  let counter = 0;
  const validAccess = new Set<string>();
  const validRefresh = new Set<string>();
  const calls: RecordedCall[] = [];
  let cookie: string | null = null;
  let refreshGate: Promise<void> | null = null;
  let refreshFailure: "network" | "server" | null = null;

  function issue(): Response {
    counter += 1;
    const access = `access-${counter}`;
    cookie = `refresh-${counter}`;
    validAccess.add(access);
    validRefresh.add(cookie);
    return json(200, {
      access_token: access,
      token_type: "bearer",
      expires_in: 600,
      refresh_token: null,
      refresh_expires_in: 1_209_600,
    });
  }

  function bearerOk(request: Request): boolean {
    const header = request.headers.get("Authorization") ?? "";
    return header.startsWith("Bearer ") && validAccess.has(header.slice(7));
  }

  async function fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    const body = request.method === "GET" ? "" : await request.text();
    calls.push({ method: request.method, path, authorization: request.headers.get("Authorization"), body });
    if (path.startsWith("/api/v1/auth/session") && request.headers.get("X-KoKoMa-Session") !== "browser") {
      return problem(403, "Missing header.");
    }

    switch (`${request.method} ${path}`) {
      case "POST /api/v1/auth/session": {
        const { email, password } = JSON.parse(body) as { email: string; password: string };
        if (email === user.email && password === PASSWORD) return issue();
        return problem(401, "Invalid credentials.");
      }
      case "POST /api/v1/auth/session/refresh": {
        if (refreshGate) await refreshGate;
        if (refreshFailure === "network") throw new TypeError("Failed to fetch");
        if (refreshFailure === "server") return problem(503, "Unavailable.");
        if (cookie === null) return json(401, { type: "urn:kokoma:problem:no-session", status: 401, detail: "No session." }, "application/problem+json");
        if (!validRefresh.delete(cookie)) {
          cookie = null;
          return problem(401, "Invalid refresh token.");
        }
        return issue();
      }
      case "POST /api/v1/auth/session/logout": {
        if (cookie !== null) validRefresh.delete(cookie);
        cookie = null;
        return json(200, { provider_logout_url: null });
      }
      case "GET /api/v1/auth/me":
        return bearerOk(request) ? json(200, user) : problem(401, "Not authenticated.");
      case "POST /api/v1/echo":
        return bearerOk(request) ? json(200, { echoed: body }) : problem(401, "Not authenticated.");
      default:
        return problem(404, "Not found.");
    }
  }

  return {
    fetch,
    calls,
    callsTo: (path: string) => calls.filter((call) => call.path === path),
    /** The refresh token in the browser's cookie jar, or null. */
    cookie: () => cookie,
    expireAccessTokens: () => validAccess.clear(),
    revokeRefreshTokens: () => validRefresh.clear(),
    setRefreshFailure: (failure: "network" | "server" | null) => {
      refreshFailure = failure;
    },
    /** Holds every refresh answer back until the returned function is called. */
    holdRefresh: () => {
      let release!: () => void;
      refreshGate = new Promise<void>((resolve) => {
        release = () => {
          refreshGate = null;
          resolve();
        };
      });
      return release;
    },
    /** A session cookie the server accepts, as if left from before a page reload. */
    keepCookieFromEarlierVisit: () => {
      issue();
    },
    /** A cookie the server no longer accepts (the session was revoked meanwhile). */
    keepRevokedCookie: () => {
      cookie = "refresh-revoked";
    },
  };
}

