/** The single sign-on choices of the sign-in page (public, no session needed). */
import { useQuery } from "@tanstack/react-query";
import { sessionClient, unwrap } from "../api/client";

export function useSignInOptions() {
  return useQuery({
    queryKey: ["auth", "sso-providers"],
    staleTime: 5 * 60_000,
    queryFn: () => unwrap(sessionClient().api.GET("/api/v1/auth/sso/providers")),
  });
}
