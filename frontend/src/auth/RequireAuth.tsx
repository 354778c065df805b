import { Navigate, Outlet, useLocation } from "react-router";
import { useSession } from "./SessionContext";
import { LoadingStatus } from "../layout/LoadingStatus";
import { paths } from "../paths";

export interface LoginLocationState {
  from?: string;
}

/** Renders the nested routes for a signed-in user; sends everyone else to the login page. */
export function RequireAuth() {
  const { state } = useSession();
  const location = useLocation();

  if (state.status === "loading") return <LoadingStatus fullPage />;
  if (state.status === "anonymous") {
    // After a deliberate logout, the next person to sign in starts at the overview.
    const from =
      state.notice === "loggedOut" ? undefined : `${location.pathname}${location.search}`;
    const loginState: LoginLocationState = { from };
    return <Navigate to={paths.login} replace state={loginState} />;
  }
  return <Outlet />;
}
