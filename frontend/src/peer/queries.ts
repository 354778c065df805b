/** Peer groups and case presentations through the one API client. */
import { useState } from "react";
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
export type PendingInvitation = components["schemas"]["PendingInvitationOut"];
export type MyInvitation = components["schemas"]["MyInvitationOut"];

export const peerKeys = {
  all: ["peer"] as const,
  groups: ["peer", "groups"] as const,
  group: (id: string) => ["peer", "groups", id] as const,
  invitations: (groupId: string) => ["peer", "groups", groupId, "invitations"] as const,
  myInvitations: ["peer", "my-invitations"] as const,
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

/** Invite an address; the answer is the same whether or not it is a colleague's account. */
export function inviteAddress(groupId: string, email: string) {
  return unwrap(
    api().POST("/api/v1/peer-groups/{group_id}/invitations", {
      params: { path: { group_id: groupId } },
      body: { email },
    }),
  );
}

/** A group's open invitations by address (moderators and administrators). */
export function useGroupInvitations(groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: peerKeys.invitations(groupId),
    enabled,
    queryFn: () =>
      unwrap(api().GET("/api/v1/peer-groups/{group_id}/invitations", { params: { path: { group_id: groupId } } })),
  });
}

export function withdrawInvitation(groupId: string, invitation: PendingInvitation) {
  return unwrap(
    api().DELETE("/api/v1/peer-groups/{group_id}/invitations/{invitation_id}", {
      params: { path: { group_id: groupId, invitation_id: invitation.id }, header: ifMatch(invitation.version) },
    }),
  );
}

/** Invitations into peer groups addressed to the signed-in colleague. */
export function useMyInvitations(enabled: boolean) {
  return useQuery({
    queryKey: peerKeys.myInvitations,
    enabled,
    queryFn: () => unwrap(api().GET("/api/v1/peer-invitations")),
  });
}

/** Accept (join the group) or decline an invitation addressed to oneself. */
export const invitationAnswers = {
  accept: (invitation: MyInvitation) =>
    unwrap(
      api().POST("/api/v1/peer-invitations/{invitation_id}/acceptance", {
        params: { path: { invitation_id: invitation.id }, header: ifMatch(invitation.version) },
      }),
    ),
  decline: (invitation: MyInvitation) =>
    unwrap(
      api().POST("/api/v1/peer-invitations/{invitation_id}/refusal", {
        params: { path: { invitation_id: invitation.id }, header: ifMatch(invitation.version) },
      }),
    ),
};

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

export type PeerSession = components["schemas"]["PeerSessionOut"];
export type SessionCreate = components["schemas"]["PeerSessionCreate"];
export type SessionPhase = NonNullable<PeerSession["phase"]>;
export type Contribution = components["schemas"]["ContributionOut"];
export type ContributionKind = Contribution["kind"];

export const sessionKeys = {
  all: ["peer", "sessions"] as const,
  list: (groupId: string) => ["peer", "sessions", "group", groupId] as const,
  one: (id: string) => ["peer", "sessions", id] as const,
  contributions: (id: string) => ["peer", "sessions", id, "contributions"] as const,
};

/** How often an open session page asks whether the phase or the contributions changed. */
export const POLL_MS = 3000;

/**
 * A read that sends the ETag it holds in If-None-Match: an unchanged record answers 304
 * without a body and the held copy stays. Works with any number of backend workers.
 */
function polled<T>() {
  let held: { tag: string; data: T } | null = null;
  return async (call: (tag: string | undefined) => Promise<{ data?: T; error?: unknown; response: Response }>) => {
    const result = await call(held?.tag);
    if (result.response.status === 304 && held) return held.data;
    const data = await unwrap(Promise.resolve(result));
    const tag = result.response.headers.get("ETag");
    held = tag ? { tag, data } : null;
    return data;
  };
}

const ifNoneMatch = (tag: string | undefined) => (tag ? { "If-None-Match": tag } : {});

export function useGroupSessions(groupId: string, enabled: boolean) {
  return useQuery({
    queryKey: sessionKeys.list(groupId),
    enabled,
    queryFn: () =>
      unwrap(api().GET("/api/v1/peer-sessions", { params: { query: { group_id: groupId, limit: 100 } } })),
  });
}

export function useSession(id: string) {
  const [read] = useState(() => polled<PeerSession>());
  return useQuery({
    queryKey: sessionKeys.one(id),
    refetchInterval: POLL_MS,
    queryFn: () =>
      read((tag) =>
        api().GET("/api/v1/peer-sessions/{session_id}", {
          params: { path: { session_id: id }, header: ifNoneMatch(tag) },
        }),
      ),
  });
}

export function useContributions(id: string) {
  const [read] = useState(() => polled<Contribution[]>());
  return useQuery({
    queryKey: sessionKeys.contributions(id),
    refetchInterval: POLL_MS,
    queryFn: () =>
      read((tag) =>
        api().GET("/api/v1/peer-sessions/{session_id}/contributions", {
          params: { path: { session_id: id }, header: ifNoneMatch(tag) },
        }),
      ),
  });
}

export function scheduleSession(body: SessionCreate) {
  return unwrap(api().POST("/api/v1/peer-sessions", { body }));
}

export function choosePresentation(item: PeerSession, presentationId: string) {
  return unwrap(
    api().PATCH("/api/v1/peer-sessions/{session_id}", {
      params: { path: { session_id: item.id }, header: ifMatch(item.version) },
      body: { presentation_id: presentationId },
    }),
  );
}

export function advancePhase(item: PeerSession) {
  return unwrap(
    api().POST("/api/v1/peer-sessions/{session_id}/phase-advance", {
      params: { path: { session_id: item.id }, header: ifMatch(item.version) },
    }),
  );
}

export function contribute(item: PeerSession, kind: ContributionKind, text: string) {
  return unwrap(
    api().POST("/api/v1/peer-sessions/{session_id}/contributions", {
      params: { path: { session_id: item.id } },
      body: { phase: item.phase as SessionPhase, kind, text },
    }),
  );
}

export function takeUpIdeas(item: PeerSession, ideaIds: string[]) {
  return unwrap(
    api().POST("/api/v1/peer-sessions/{session_id}/taken-up-ideas", {
      params: { path: { session_id: item.id }, header: ifMatch(item.version) },
      body: { idea_ids: ideaIds },
    }),
  );
}

export function takeHome(item: PeerSession) {
  return unwrap(
    api().POST("/api/v1/peer-sessions/{session_id}/take-home", {
      params: { path: { session_id: item.id }, header: ifMatch(item.version) },
      body: {},
    }),
  );
}
