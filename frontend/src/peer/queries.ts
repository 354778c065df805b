/** Peer groups and case presentations through the one API client. */
import { useQuery } from "@tanstack/react-query";
import type { components } from "../api/schema";
import { sessionClient, unwrap } from "../api/client";
import { ifMatch } from "../ui/etag";

const api = () => sessionClient().api;

export type PeerGroupItem = components["schemas"]["PeerGroupListItem"];
export type PeerGroup = components["schemas"]["PeerGroupOut"];
export type PeerGroupCreate = components["schemas"]["PeerGroupCreate"];
export type Presentation = components["schemas"]["PresentationOut"];
export type PresentationCreate = components["schemas"]["PresentationCreate"];
export type PresentationUpdate = components["schemas"]["PresentationUpdate"];
export type Finding = components["schemas"]["FindingOut"];

export const peerKeys = {
  all: ["peer"] as const,
  groups: ["peer", "groups"] as const,
  group: (id: string) => ["peer", "groups", id] as const,
  presentations: (groupId: string | null) => ["peer", "presentations", groupId] as const,
  presentation: (id: string) => ["peer", "presentation", id] as const,
  check: (id: string) => ["peer", "presentation", id, "check"] as const,
  reads: (id: string) => ["peer", "presentation", id, "reads"] as const,
  cases: (userId: string) => ["peer", "cases", userId] as const,
};

export function useGroups() {
  return useQuery({ queryKey: peerKeys.groups, queryFn: () => unwrap(api().GET("/api/v1/peer-groups")) });
}

export function useGroup(id: string) {
  return useQuery({
    queryKey: peerKeys.group(id),
    queryFn: () => unwrap(api().GET("/api/v1/peer-groups/{group_id}", { params: { path: { group_id: id } } })),
  });
}

export function createGroup(body: PeerGroupCreate) {
  return unwrap(api().POST("/api/v1/peer-groups", { body }));
}

export function acceptAgreement(group: PeerGroup) {
  return unwrap(
    api().POST("/api/v1/peer-groups/{group_id}/agreement-acceptance", {
      params: { path: { group_id: group.id } },
      body: { agreement_version: group.agreement_version },
    }),
  );
}

export function inviteMember(group: PeerGroup, email: string) {
  return unwrap(
    api().POST("/api/v1/peer-groups/{group_id}/members", {
      params: { path: { group_id: group.id }, header: ifMatch(group.version) },
      body: { email },
    }),
  );
}

export function rotateModerator(group: PeerGroup) {
  return unwrap(
    api().POST("/api/v1/peer-groups/{group_id}/moderator-rotation", {
      params: { path: { group_id: group.id }, header: ifMatch(group.version) },
    }),
  );
}

/** Presentations shared with a group (`groupId`), or one's own and those of one's groups. */
export function usePresentations(groupId: string | null, enabled = true) {
  return useQuery({
    queryKey: peerKeys.presentations(groupId),
    enabled,
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/case-presentations", {
          params: { query: { limit: 100, ...(groupId ? { group_id: groupId } : {}) } },
        }),
      ),
  });
}

export function usePresentation(id: string) {
  return useQuery({
    queryKey: peerKeys.presentation(id),
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/case-presentations/{presentation_id}", { params: { path: { presentation_id: id } } }),
      ),
  });
}

export function useCheck(id: string, enabled: boolean) {
  return useQuery({
    queryKey: peerKeys.check(id),
    enabled,
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/case-presentations/{presentation_id}/check", {
          params: { path: { presentation_id: id } },
        }),
      ),
  });
}

export function useReads(id: string, enabled: boolean) {
  return useQuery({
    queryKey: peerKeys.reads(id),
    enabled,
    queryFn: () =>
      unwrap(
        api().GET("/api/v1/case-presentations/{presentation_id}/reads", {
          params: { path: { presentation_id: id } },
        }),
      ),
  });
}

/** The caller's cases, to prepare a presentation from. */
export function useMyCases(userId: string) {
  return useQuery({
    queryKey: peerKeys.cases(userId),
    queryFn: () =>
      unwrap(api().GET("/api/v1/cases", { params: { query: { assignee: userId, limit: 100 } } })),
  });
}

export function prefill(caseId: string) {
  return unwrap(api().POST("/api/v1/case-presentations/prefill", { body: { case_id: caseId } }));
}

export function createPresentation(body: PresentationCreate) {
  return unwrap(api().POST("/api/v1/case-presentations", { body }));
}

export function updatePresentation(item: Presentation, body: PresentationUpdate) {
  return unwrap(
    api().PATCH("/api/v1/case-presentations/{presentation_id}", {
      params: { path: { presentation_id: item.id }, header: ifMatch(item.version) },
      body,
    }),
  );
}

export function confirmCheck(item: Presentation) {
  return unwrap(
    api().POST("/api/v1/case-presentations/{presentation_id}/check-confirmation", {
      params: { path: { presentation_id: item.id }, header: ifMatch(item.version) },
    }),
  );
}

export function sharePresentation(item: Presentation, groupId: string) {
  return unwrap(
    api().POST("/api/v1/case-presentations/{presentation_id}/share", {
      params: { path: { presentation_id: item.id }, header: ifMatch(item.version) },
      body: { group_id: groupId },
    }),
  );
}

export function withdrawPresentation(item: Presentation) {
  return unwrap(
    api().POST("/api/v1/case-presentations/{presentation_id}/withdrawal", {
      params: { path: { presentation_id: item.id }, header: ifMatch(item.version) },
    }),
  );
}
