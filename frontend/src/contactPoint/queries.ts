/** The contact point through the one API client: the public page and form, the inbox,
 * the page's upkeep and one's own consent to be listed. */
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sessionClient, unwrap } from "../api/client";
import type { components } from "../api/schema";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type PublicPage = Schemas["PublicPage"];
export type PublicRequest = Schemas["PublicRequestCreate"];
export type Receipt = Schemas["RequestReceipt"];
export type HelpRequest = Schemas["HelpRequestOut"];
export type RequestStatus = HelpRequest["status"];
export type ContactPage = Schemas["ContactPageOut"];
export type ContactPageUpdate = Schemas["ContactPageUpdate"];
export type Listing = Schemas["ListingOut"];

export const REQUEST_STATUSES: readonly RequestStatus[] = ["new", "case_opened", "merged", "answered", "declined"];

const api = () => sessionClient().api;

export const requestKeys = {
  all: ["requests"] as const,
  list: (status: string, cursor: string | null) => ["requests", "list", status, cursor] as const,
  one: (id: string) => ["requests", "one", id] as const,
  counts: ["requests", "counts"] as const,
  page: ["contact-page"] as const,
  listing: ["public-listing"] as const,
  publicPage: (slug: string) => ["public-page", slug] as const,
};

export function usePublicPage(slug: string) {
  return useQuery({
    queryKey: requestKeys.publicPage(slug),
    queryFn: () =>
      unwrap(api().GET("/api/v1/public/municipalities/{slug}", { params: { path: { slug } } })),
    retry: false,
    staleTime: Infinity, // the form token inside is fetched once, when the page opens
  });
}

export function sendRequest(slug: string, body: PublicRequest): Promise<Receipt> {
  return unwrap(
    api().POST("/api/v1/public/municipalities/{slug}/requests", { params: { path: { slug } }, body }),
  );
}

export function useRequestList(status: string, cursor: string | null) {
  return useQuery({
    queryKey: requestKeys.list(status, cursor),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/requests", {
          params: {
            query: {
              limit: 25,
              ...(status ? { status: [status as RequestStatus] } : {}),
              ...(cursor ? { cursor } : {}),
            },
          },
        }),
      ),
    placeholderData: keepPreviousData,
    retry: false,
  });
}

export function useRequest(id: string) {
  return useQuery({
    queryKey: requestKeys.one(id),
    queryFn: () => unwrap(api().GET("/api/v1/requests/{request_id}", { params: { path: { request_id: id } } })),
  });
}

export function useRequestCounts(enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.counts,
    queryFn: () => unwrap(api().GET("/api/v1/requests/counts")),
    enabled,
    retry: false,
  });
}

export type Handling =
  | { kind: "case"; body: Schemas["RequestToCase"] }
  | { kind: "merge"; body: Schemas["RequestMerge"] }
  | { kind: "answer"; body: Schemas["RequestAnswer"] }
  | { kind: "decline"; body: Schemas["RequestDecline"] };

export function handleRequest(request: HelpRequest, handling: Handling): Promise<HelpRequest> {
  const params = { path: { request_id: request.id } };
  const headers = ifMatch(request.version);
  switch (handling.kind) {
    case "case":
      return unwrap(api().POST("/api/v1/requests/{request_id}/case", { params, headers, body: handling.body }));
    case "merge":
      return unwrap(api().POST("/api/v1/requests/{request_id}/merge", { params, headers, body: handling.body }));
    case "answer":
      return unwrap(api().POST("/api/v1/requests/{request_id}/answer", { params, headers, body: handling.body }));
    case "decline":
      return unwrap(api().POST("/api/v1/requests/{request_id}/decline", { params, headers, body: handling.body }));
  }
}

export function useHandleRequest(request: HelpRequest) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (handling: Handling) => handleRequest(request, handling),
    onSuccess: (saved) => {
      client.setQueryData(requestKeys.one(saved.id), saved);
      void client.invalidateQueries({ queryKey: requestKeys.all });
    },
  });
}

export function useContactPage() {
  return useQuery({
    queryKey: requestKeys.page,
    queryFn: () => unwrap(api().GET("/api/v1/contact-page")),
  });
}

export function useSaveContactPage() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ version, body }: { version: number; body: ContactPageUpdate }) =>
      unwrap(api().PUT("/api/v1/contact-page", { headers: ifMatch(version), body })),
    onSuccess: (saved) => client.setQueryData(requestKeys.page, saved),
  });
}

export function useListing(enabled: boolean) {
  return useQuery({
    queryKey: requestKeys.listing,
    queryFn: () => unwrap(api().GET("/api/v1/profile/public-listing")),
    enabled,
  });
}

export function useListingWrite() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (
      change: { version: number; withdraw: true } | { version: number; withdraw: false; office: string; reach: string },
    ) =>
      change.withdraw
        ? unwrap(api().DELETE("/api/v1/profile/public-listing", { headers: ifMatch(change.version) }))
        : unwrap(
            api().PUT("/api/v1/profile/public-listing", {
              headers: ifMatch(change.version),
              body: { office: change.office, reach: change.reach },
            }),
          ),
    onSuccess: (saved) => client.setQueryData(requestKeys.listing, saved),
  });
}
