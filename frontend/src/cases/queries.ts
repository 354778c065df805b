/** Reading and changing cases through the one API client, with TanStack Query. */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { QueryClient } from "@tanstack/react-query";
import { allPages } from "../api/allPages";
import { sessionClient, unwrap } from "../api/client";
import { ifMatch } from "../ui/etag";
import type { CaseListQuery } from "./filters";
import type {
  CaseCreate,
  CaseDetail,
  CaseUpdate,
  PartyIn,
  Referral,
  ReferralCreate,
  ReferralUpdate,
  StatusChange,
} from "./model";

const api = () => sessionClient().api;

export const caseKeys = {
  all: ["cases"] as const,
  /** Every list, whatever its filters: what a change to a case makes stale. */
  lists: ["cases", "list"] as const,
  list: (query: CaseListQuery) => ["cases", "list", query] as const,
  detail: (id: string) => ["cases", "detail", id] as const,
  timeline: (id: string) => ["cases", "timeline", id] as const,
  assignable: ["cases", "assignable-users"] as const,
  places: ["cases", "places"] as const,
};

export function fetchCaseList(query: CaseListQuery) {
  return unwrap(api().GET("/api/v1/cases", { params: { query } }));
}

export function useCaseList(query: CaseListQuery, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: caseKeys.list(query),
    queryFn: () => fetchCaseList(query),
    // While the next page or a new filter loads, keep showing the rows the user sees.
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}

export function fetchCase(id: string) {
  return unwrap(api().GET("/api/v1/cases/{case_id}", { params: { path: { case_id: id } } }));
}

export function useCase(id: string) {
  return useQuery({ queryKey: caseKeys.detail(id), queryFn: () => fetchCase(id) });
}

export function useTimeline(id: string) {
  return useQuery({
    queryKey: caseKeys.timeline(id),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/cases/{case_id}/timeline", {
          params: { path: { case_id: id }, query: { limit: 100 } },
        }),
      ),
  });
}

/** Who can be assigned to a case: active conflict managers and coordinators (coordinators only). */
export function useAssignableUsers(enabled: boolean) {
  return useQuery({
    queryKey: caseKeys.assignable,
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const pages = await Promise.all(
        (["conflict_manager", "coordinator"] as const).map((role) =>
          unwrap(api().GET("/api/v1/users", { params: { query: { role, limit: 100 } } })),
        ),
      );
      return pages
        .flatMap((page) => page.items)
        .filter((user) => user.is_active)
        .sort((a, b) => a.full_name.localeCompare(b.full_name, "de"));
    },
  });
}

export function createCase(body: CaseCreate) {
  return unwrap(api().POST("/api/v1/cases", { body }));
}

export function updateCase(id: string, version: number, body: CaseUpdate) {
  return unwrap(
    api().PATCH("/api/v1/cases/{case_id}", { params: { path: { case_id: id } }, headers: ifMatch(version), body }),
  );
}

export function changeStatus(id: string, version: number, body: StatusChange) {
  return unwrap(
    api().POST("/api/v1/cases/{case_id}/status", { params: { path: { case_id: id } }, headers: ifMatch(version), body }),
  );
}

/** Replaces who works on the case. */
export function setAssignees(id: string, version: number, userIds: string[]) {
  return unwrap(
    api().PUT("/api/v1/cases/{case_id}/assignees", {
      params: { path: { case_id: id } },
      headers: ifMatch(version),
      body: { user_ids: userIds },
    }),
  );
}
export const referralKeys = {
  ofCase: (caseId: string) => ["cases", "referrals", caseId] as const,
  toContact: (contactId: string) => ["referrals", "contact", contactId] as const,
};

/** The referrals of one case, newest first. */
export function useCaseReferrals(caseId: string) {
  return useQuery({
    queryKey: referralKeys.ofCase(caseId),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/cases/{case_id}/referrals", {
          params: { path: { case_id: caseId }, query: { limit: 100 } },
        }),
      ),
  });
}

/** "Cases referred to us": the referrals to one network contact the caller may see. */
export function useContactReferrals(contactId: string, enabled = true) {
  return useQuery({
    queryKey: referralKeys.toContact(contactId),
    enabled,
    queryFn: () =>
      unwrap(api().GET("/api/v1/referrals", { params: { query: { contact_id: contactId, limit: 100 } } })),
  });
}

export function createReferral(caseId: string, body: ReferralCreate) {
  return unwrap(
    api().POST("/api/v1/cases/{case_id}/referrals", { params: { path: { case_id: caseId } }, body }),
  );
}

export function updateReferral(referral: Referral, body: ReferralUpdate) {
  return unwrap(
    api().PATCH("/api/v1/referrals/{referral_id}", {
      params: { path: { referral_id: referral.id } },
      headers: ifMatch(referral.version),
      body,
    }),
  );
}

export function replaceParties(record: CaseDetail, parties: PartyIn[]) {
  return unwrap(
    api().PUT("/api/v1/cases/{case_id}/parties", {
      params: { path: { case_id: record.id } },
      headers: ifMatch(record.version),
      body: { parties },
    }),
  );
}

export function withdrawCase(record: CaseDetail, reason: string) {
  return unwrap(
    api().POST("/api/v1/cases/{case_id}/withdraw", {
      params: { path: { case_id: record.id } },
      headers: ifMatch(record.version),
      body: { reason },
    }),
  );
}

/** After a write that changed the case's version: the case, its timeline and lists reload. */
export function refreshCase(queryClient: QueryClient, caseId: string) {
  void queryClient.invalidateQueries({ queryKey: caseKeys.detail(caseId) });
  void queryClient.invalidateQueries({ queryKey: caseKeys.timeline(caseId) });
  void queryClient.invalidateQueries({ queryKey: referralKeys.ofCase(caseId) });
  void queryClient.invalidateQueries({ queryKey: ["cases", "list"] });
}

/** The municipality's list of places (archived ones too, for cases that still name them). */
export function usePlaces() {
  return useQuery({
    queryKey: caseKeys.places,
    staleTime: 5 * 60_000,
    queryFn: () =>
      allPages((cursor) =>
        unwrap(
          api().GET("/api/v1/places", {
            params: { query: { include_archived: true, limit: 100, ...(cursor ? { cursor } : {}) } },
          }),
        ),
      ),
  });
}
