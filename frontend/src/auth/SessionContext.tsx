import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";
import { useQueryClient } from "@tanstack/react-query";
import { ApiError, sessionClient, unwrap } from "../api/client";
import type { Me, RefreshOutcome, SessionClient } from "../api/client";
import { satisfies } from "./permissions";
import { forgetDrafts } from "../ui/drafts";
import type { PermissionRequirement } from "./permissions";

/** Why the login page is shown instead of the app, if there is something to say. */
export type SessionNotice = "expired" | "loggedOut" | "unavailable";

export type SessionState =
  | { status: "loading" }
  | { status: "anonymous"; notice: SessionNotice | null }
  | { status: "authenticated"; user: Me };

export type LoginFailure = "invalid" | "ssoOnly" | "rateLimited" | "network" | "server";

/** The problem type of a password sign-in in a municipality that signs in only through SSO. */
const SSO_ONLY = "urn:kokoma:problem:sso-only";

/** Thrown by `login`; `reason` picks the message shown to the user. */
export class LoginError extends Error {
  readonly reason: LoginFailure;
  constructor(reason: LoginFailure) {
    super(reason);
    this.name = "LoginError";
    this.reason = reason;
  }
}

export function loginFailureOf(error: unknown): LoginFailure {
  if (error instanceof LoginError) return error.reason;
  if (!(error instanceof ApiError)) return "server";
  if (error.status === 0) return "network";
  if (error.status === 429) return "rateLimited";
  if (error.problem?.type === SSO_ONLY) return "ssoOnly";
  if (error.status === 400 || error.status === 401 || error.status === 422) return "invalid";
  return "server";
}

export interface SessionContextValue {
  state: SessionState;
  user: Me | null;
  login(email: string, password: string): Promise<void>;
  logout(): Promise<void>;
  can(requirement: PermissionRequirement): boolean;
}

const RESTORE_NOTICE: Record<Exclude<RefreshOutcome, "ok">, SessionNotice | null> = {
  none: null,
  rejected: "expired",
  unavailable: "unavailable",
};

const SessionContext = createContext<SessionContextValue | null>(null);

interface SessionProviderProps {
  children: ReactNode;
  /** The API client; the app-wide one unless a test passes its own. */
  client?: SessionClient;
}

export function SessionProvider({ children, client: given }: SessionProviderProps) {
  const client = useMemo(() => given ?? sessionClient(), [given]);
  const queryClient = useQueryClient();
  const [state, setState] = useState<SessionState>({ status: "loading" });

  const loadUser = useCallback(
    () => unwrap(client.api.GET("/api/v1/auth/me")),
    [client],
  );

  // On load, the session cookie (which script cannot read) brings the session back.
  useEffect(() => {
    let active = true;
    void (async () => {
      const outcome = await client.restoreSession();
      if (!active) return;
      if (outcome !== "ok") {
        setState({ status: "anonymous", notice: RESTORE_NOTICE[outcome] });
        return;
      }
      try {
        const user = await loadUser();
        if (active) setState({ status: "authenticated", user });
      } catch (error) {
        if (!active) return;
        const unreachable = error instanceof ApiError && (error.status === 0 || error.status >= 500);
        setState({ status: "anonymous", notice: unreachable ? "unavailable" : "expired" });
      }
    })();
    return () => {
      active = false;
    };
  }, [client, loadUser]);

  // The client ends the session when the server refuses to refresh it.
  useEffect(
    () =>
      client.onSessionEnd((reason) => {
        queryClient.clear();
        setState({ status: "anonymous", notice: reason === "logout" ? "loggedOut" : "expired" });
      }),
    [client, queryClient],
  );

  const login = useCallback(
    async (email: string, password: string) => {
      try {
        await client.login(email, password);
      } catch (error) {
        throw new LoginError(loginFailureOf(error));
      }
      let user: Me;
      try {
        user = await loadUser();
      } catch (error) {
        await client.logout();
        setState({ status: "anonymous", notice: null });
        throw new LoginError(loginFailureOf(error) === "network" ? "network" : "server");
      }
      queryClient.clear();
      // Drafts left by someone else in this tab are not theirs to see.
      forgetDrafts(user.id);
      setState({ status: "authenticated", user });
    },
    [client, loadUser, queryClient],
  );

  const logout = useCallback(async () => {
    const providerLogout = await client.logout();
    queryClient.clear();
    forgetDrafts();
    setState({ status: "anonymous", notice: "loggedOut" });
    // Signed in through the municipality's directory: end that session too.
    if (providerLogout) window.location.assign(providerLogout);
  }, [client, queryClient]);

  const value = useMemo<SessionContextValue>(() => {
    const user = state.status === "authenticated" ? state.user : null;
    return {
      state,
      user,
      login,
      logout,
      can: (requirement) => user !== null && satisfies(user.permissions, requirement),
    };
  }, [state, login, logout]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error("useSession must be used inside <SessionProvider>");
  return value;
}
