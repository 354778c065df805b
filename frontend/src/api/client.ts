/**
 * The one API client of the web app.
 *
 * Every request to the KoKoMa API goes through `api` (a typed openapi-fetch client
 * generated from the backend's OpenAPI document). This module also owns the session:
 *
 * - the access token lives in memory only;
 * - the refresh token never reaches script: the server keeps it in an HttpOnly,
 *   SameSite=Strict cookie sent only to `/api/v1/auth/session/…`, and every call there
 *   carries the `X-KoKoMa-Session` header the server demands against cross-site requests;
 * - a page load asks that path for an access token, which brings back the session;
 * - a request answered with 401 triggers one silent refresh and is retried once; while a
 *   refresh is under way, every other 401 waits for that same refresh (refresh tokens
 *   rotate, so two parallel refreshes would invalidate each other);
 * - a refresh the server rejects ends the session and notifies `onSessionEnd` listeners.
 */
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

type JsonBody<T> = T extends { content: { "application/json": infer B } } ? B : never;

export type TokenResponse = JsonBody<paths["/api/v1/auth/session"]["post"]["responses"][200]>;
export type Me = JsonBody<paths["/api/v1/auth/me"]["get"]["responses"][200]>;
export type ApiClient = Client<paths>;

const SESSION_PATH = "/api/v1/auth/session";
const REFRESH_PATH = "/api/v1/auth/session/refresh";
const LOGOUT_PATH = "/api/v1/auth/session/logout";
/** The problem type of a refresh without any session cookie: nobody signed in here. */
const NO_SESSION = "urn:kokoma:problem:no-session";
/** The header the server requires on the cookie routes (see backend kokoma/auth/browser.py). */
export const SESSION_HEADER = { "X-KoKoMa-Session": "browser" } as const;

/** RFC 9457 problem details as the API sends them. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string | null;
  [key: string]: unknown;
}

/** A failed API call. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem | null;

  constructor(status: number, problem: Problem | null, message?: string) {
    super(message ?? problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
  }

  /** Builds an ApiError from an openapi-fetch `{ error, response }` result. */
  static fromResult(result: { error?: unknown; response: Response }): ApiError {
    const body = result.error;
    const problem = body && typeof body === "object" ? (body as Problem) : null;
    return new ApiError(result.response.status, problem);
  }
}

export type SessionEndReason = "expired" | "logout";
/** `none`: the browser holds no session at all (nobody signed in here). */
export type RefreshOutcome = "ok" | "rejected" | "unavailable" | "none";

export interface ApiClientOptions {
  /** Origin the `/api/v1/...` paths are resolved against; empty means the page's own origin. */
  baseUrl?: string;
  /** The transport; defaults to the global `fetch`. */
  fetch?: (request: Request) => Promise<Response>;
}

export interface SessionClient {
  /** The typed client for all API calls. */
  api: ApiClient;
  /** Signs in with e-mail and password; the server sets the session cookie. Throws ApiError on failure. */
  login(email: string, password: string): Promise<void>;
  /**
   * Ends the session on the server (best effort) and forgets the access token. Resolves to
   * the identity provider's logout address when the session came through single sign-on.
   */
  logout(): Promise<string | null>;
  /** Gets an access token for the session cookie, e.g. after a page reload. */
  restoreSession(): Promise<RefreshOutcome>;
  /** One refresh for everyone who asks while it runs. */
  refresh(): Promise<RefreshOutcome>;
  /** Whether an access token is held (which does not say that it is still valid). */
  hasSession(): boolean;
  getAccessToken(): string | null;
  /** Called when the session ends: by logout or because the server refused to refresh it. */
  onSessionEnd(listener: (reason: SessionEndReason) => void): () => void;
}

function isSessionEndpoint(url: string): boolean {
  return new URL(url, "http://localhost").pathname.startsWith(SESSION_PATH);
}

/** The page's language (set by the i18n setup), so that the API answers in the same one. */
function pageLanguage(): string | null {
  return typeof document === "undefined" ? null : document.documentElement.lang || null;
}

export function createApiClient(options: ApiClientOptions = {}): SessionClient {
  const baseUrl = options.baseUrl ?? "";
  const send = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  // Messages and labels from the API (errors, statistics CSV) follow the UI's language.
  const transport = (request: Request) => {
    const language = pageLanguage();
    if (language) request.headers.set("Accept-Language", language);
    return send(request);
  };

  let accessToken: string | null = null;
  let refreshInFlight: Promise<RefreshOutcome> | null = null;
  // Bumped whenever a session starts or ends, so that a refresh answered after
  // a logout (or a new login) cannot bring back the old session.
  let generation = 0;
  let loggingOut = false;
  const listeners = new Set<(reason: SessionEndReason) => void>();

  function endSession(reason: SessionEndReason): void {
    const hadSession = accessToken !== null;
    accessToken = null;
    generation += 1;
    if (hadSession) for (const listener of [...listeners]) listener(reason);
  }

  // Session calls go out without the 401 handling below.
  const bare = createClient<paths>({ baseUrl, fetch: transport, headers: SESSION_HEADER });

  async function authorisedFetch(request: Request): Promise<Response> {
    if (isSessionEndpoint(request.url)) return transport(request);

    // Keep an unsent copy: a request body can be read only once.
    const retry = request.clone();
    const sentToken = accessToken;
    if (sentToken) request.headers.set("Authorization", `Bearer ${sentToken}`);
    const response = await transport(request);
    if (response.status !== 401 || sentToken === null) return response;

    // Someone else may already have refreshed since this request went out.
    const fresh = accessToken !== null && accessToken !== sentToken;
    if (!fresh) {
      if ((await refresh()) !== "ok") return response;
    }
    if (accessToken === null) return response;
    void response.body?.cancel().catch(() => undefined);
    retry.headers.set("Authorization", `Bearer ${accessToken}`);
    return transport(retry);
  }

  const api = createClient<paths>({ baseUrl, fetch: authorisedFetch });

  async function runRefresh(): Promise<RefreshOutcome> {
    const startedIn = generation;
    let result;
    try {
      result = await bare.POST(REFRESH_PATH);
    } catch {
      return "unavailable";
    }
    if (generation !== startedIn) return "rejected";
    if (result.data) {
      accessToken = result.data.access_token;
      return "ok";
    }
    const status = result.response.status;
    if (status >= 500 || status === 429) return "unavailable";
    const noSession = (result.error as Problem | undefined)?.type === NO_SESSION;
    if (noSession && accessToken === null) return "none";
    endSession(loggingOut ? "logout" : "expired");
    return "rejected";
  }

  function refresh(): Promise<RefreshOutcome> {
    refreshInFlight ??= runRefresh().finally(() => {
      refreshInFlight = null;
    });
    return refreshInFlight;
  }

  async function login(email: string, password: string): Promise<void> {
    let result;
    try {
      result = await bare.POST(SESSION_PATH, { body: { email, password } });
    } catch (cause) {
      throw new ApiError(0, null, cause instanceof Error ? cause.message : "network error");
    }
    if (!result.data) throw ApiError.fromResult(result);
    generation += 1;
    accessToken = result.data.access_token;
  }

  async function logout(): Promise<string | null> {
    loggingOut = true;
    try {
      const result = await bare.POST(LOGOUT_PATH);
      return result.data?.provider_logout_url ?? null;
    } catch {
      // The server is unreachable; forgetting the access token is all that is left to do.
      return null;
    } finally {
      endSession("logout");
      loggingOut = false;
    }
  }

  async function restoreSession(): Promise<RefreshOutcome> {
    if (accessToken !== null) return "ok";
    return refresh();
  }

  return {
    api,
    login,
    logout,
    restoreSession,
    refresh,
    hasSession: () => accessToken !== null,
    getAccessToken: () => accessToken,
    onSessionEnd(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let defaultClient: SessionClient | null = null;

/** The app-wide client, created on first use. */
export function sessionClient(): SessionClient {
  defaultClient ??= createApiClient();
  return defaultClient;
}

/** Returns the data of an openapi-fetch result, or throws it as ApiError. */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  let result;
  try {
    result = await call;
  } catch (cause) {
    throw new ApiError(0, null, cause instanceof Error ? cause.message : "network error");
  }
  if (result.response.ok) return result.data as T;
  throw ApiError.fromResult(result);
}

/** The media types the API offers as downloads besides JSON. */
export const FILE_TYPES = {
  csv: "text/csv",
  pdf: "application/pdf",
  html: "text/html",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  any: "*/*",
} as const;
export type FileType = (typeof FILE_TYPES)[keyof typeof FILE_TYPES];

/** A file the API sent: a statistics export, a certificate, an attachment. */
export interface ApiFile {
  blob: Blob;
  /** The name the server suggests in Content-Disposition, if any. */
  filename: string | null;
  /** The media type the server answered with, without parameters. */
  type: string;
}

/** What `downloadFile` passes to an openapi-fetch call: the Accept header and a Blob body. */
export interface FileRequest {
  headers: { Accept: FileType };
  parseAs: "blob";
}

/** The name in Content-Disposition: the exact one (`filename*`, RFC 5987) before the ASCII fallback. */
export function suggestedFilename(disposition: string | null): string | null {
  const exact = disposition?.match(/filename\*=UTF-8''([^;]+)/i);
  if (exact?.[1]) {
    try {
      return decodeURIComponent(exact[1].trim());
    } catch {
      // A malformed encoding: the plain name below is all there is.
    }
  }
  const match = disposition?.match(/filename="?([^";]+)"?/i);
  return match?.[1] ?? null;
}

/**
 * Asks the API for a file of type `accept` (statistics answer `text/csv` with the same
 * figures as their JSON) and returns it, or throws ApiError. `call` makes the request
 * through the one client with the options given, e.g.
 * `downloadFile(FILE_TYPES.csv, (file) => api.GET("/api/v1/statistics/cases", { ...file, params }))`.
 */
export async function downloadFile(
  accept: FileType,
  call: (request: FileRequest) => Promise<{ data?: unknown; error?: unknown; response: Response }>,
): Promise<ApiFile> {
  let result;
  try {
    result = await call({ headers: { Accept: accept }, parseAs: "blob" });
  } catch (cause) {
    throw new ApiError(0, null, cause instanceof Error ? cause.message : "network error");
  }
  const { response } = result;
  // Duck-typed: in tests the Blob may come from another realm than the global one.
  const blob = result.data as Blob | undefined;
  if (!response.ok || typeof blob?.arrayBuffer !== "function") throw ApiError.fromResult(result);
  return {
    blob,
    filename: suggestedFilename(response.headers.get("Content-Disposition")),
    type: (response.headers.get("Content-Type") ?? "").split(";")[0]!.trim(),
  };
}
