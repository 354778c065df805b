/** The steering group's meetings through the one API client. */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { components } from "../api/schema";
import { allPages } from "../api/allPages";
import { sessionClient, unwrap } from "../api/client";
import { ifMatch } from "../ui/etag";

type Schemas = components["schemas"];
export type MeetingListItem = Schemas["MeetingListItemOut"];
export type Meeting = Schemas["MeetingOut"];
export type AgendaItem = Schemas["AgendaItemOut"];
export type Decision = Schemas["DecisionOut"];
export type ActionItem = Schemas["ActionItemOut"];
export type Participant = Schemas["MeetingParticipantOut"];
export type Member = Schemas["SteeringMemberOut"];
export type AttendanceStatus = Participant["status"];
export type MeetingCreate = Schemas["MeetingCreate"];
export type MeetingUpdate = Schemas["MeetingUpdate"];
export type AgendaItemCreate = Schemas["AgendaItemCreate"];
export type AgendaItemUpdate = Schemas["AgendaItemUpdate"];
export type DecisionCreate = Schemas["DecisionCreate"];
export type ActionItemCreate = Schemas["ActionItemCreate"];
export type ParticipantIn = Schemas["MeetingParticipantIn"];
export type Invitations = Schemas["InvitationsOut"];

export const ATTENDANCE: readonly AttendanceStatus[] = ["invited", "present", "excused", "absent"];

const api = () => sessionClient().api;

export const steeringKeys = {
  all: ["steering"] as const,
  list: (when: "upcoming" | "past", cursor: string | null) => ["steering", "list", when, cursor] as const,
  meeting: (id: string) => ["steering", "meeting", id] as const,
  members: ["steering", "members"] as const,
  overview: ["steering", "overview"] as const,
};

export function useMeetings(when: "upcoming" | "past", cursor: string | null) {
  return useQuery({
    queryKey: steeringKeys.list(when, cursor),
    queryFn: () => unwrap(api().GET("/api/v1/steering-meetings", { params: { query: { when, cursor } } })),
    placeholderData: (previous) => previous,
  });
}

export function useMeeting(id: string) {
  return useQuery({
    queryKey: steeringKeys.meeting(id),
    queryFn: () =>
      unwrap(api().GET("/api/v1/steering-meetings/{meeting_id}", { params: { path: { meeting_id: id } } })),
  });
}

export function useMembers() {
  return useQuery({
    queryKey: steeringKeys.members,
    queryFn: () => unwrap(api().GET("/api/v1/steering-meetings/members")),
  });
}

/** The next meeting and the open action items, for the dashboard. */
export function useSteeringOverview() {
  return useQuery({
    queryKey: steeringKeys.overview,
    queryFn: () => unwrap(api().GET("/api/v1/steering-meetings/overview")),
  });
}

/** Active users a coordinator may give an action item to. */
export function useOwners(enabled: boolean) {
  return useQuery({
    queryKey: ["steering", "owners"],
    enabled,
    queryFn: () =>
      allPages((cursor) => unwrap(api().GET("/api/v1/users", { params: { query: { cursor, limit: 100 } } }))),
  });
}

export function createMeeting(body: MeetingCreate) {
  return unwrap(api().POST("/api/v1/steering-meetings", { body }));
}

export function deleteMeeting(meeting: Meeting) {
  return unwrap(
    api().DELETE("/api/v1/steering-meetings/{meeting_id}", {
      params: { path: { meeting_id: meeting.id } },
      headers: ifMatch(meeting.version),
    }),
  );
}

/** The writes to a meeting: each needs its ETag and answers the whole meeting. */
export const meetingWrites = {
  update: (m: Meeting, body: MeetingUpdate) =>
    unwrap(
      api().PATCH("/api/v1/steering-meetings/{meeting_id}", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
        body,
      }),
    ),
  participants: (m: Meeting, participants: ParticipantIn[]) =>
    unwrap(
      api().PUT("/api/v1/steering-meetings/{meeting_id}/participants", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
        body: { participants },
      }),
    ),
  addItem: (m: Meeting, body: AgendaItemCreate) =>
    unwrap(
      api().POST("/api/v1/steering-meetings/{meeting_id}/agenda-items", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
        body,
      }),
    ),
  updateItem: (m: Meeting, itemId: string, body: AgendaItemUpdate) =>
    unwrap(
      api().PATCH("/api/v1/steering-meetings/{meeting_id}/agenda-items/{item_id}", {
        params: { path: { meeting_id: m.id, item_id: itemId } },
        headers: ifMatch(m.version),
        body,
      }),
    ),
  removeItem: (m: Meeting, itemId: string) =>
    unwrap(
      api().DELETE("/api/v1/steering-meetings/{meeting_id}/agenda-items/{item_id}", {
        params: { path: { meeting_id: m.id, item_id: itemId } },
        headers: ifMatch(m.version),
      }),
    ),
  addDecision: (m: Meeting, body: DecisionCreate) =>
    unwrap(
      api().POST("/api/v1/steering-meetings/{meeting_id}/decisions", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
        body,
      }),
    ),
  removeDecision: (m: Meeting, decisionId: string) =>
    unwrap(
      api().DELETE("/api/v1/steering-meetings/{meeting_id}/decisions/{decision_id}", {
        params: { path: { meeting_id: m.id, decision_id: decisionId } },
        headers: ifMatch(m.version),
      }),
    ),
  addActionItem: (m: Meeting, body: ActionItemCreate) =>
    unwrap(
      api().POST("/api/v1/steering-meetings/{meeting_id}/action-items", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
        body,
      }),
    ),
  approve: (m: Meeting) =>
    unwrap(
      api().POST("/api/v1/steering-meetings/{meeting_id}/minutes/approve", {
        params: { path: { meeting_id: m.id } },
        headers: ifMatch(m.version),
      }),
    ),
};

/** Call the meeting off: the invited get the calendar cancellation. */
export function cancelMeeting(m: Meeting) {
  return unwrap(
    api().POST("/api/v1/steering-meetings/{meeting_id}/cancel", {
      params: { path: { meeting_id: m.id } },
      headers: ifMatch(m.version),
    }),
  );
}

export function sendInvitations(m: Meeting) {
  return unwrap(
    api().POST("/api/v1/steering-meetings/{meeting_id}/invitations", {
      params: { path: { meeting_id: m.id } },
      headers: ifMatch(m.version),
    }),
  );
}

/**
 * A change of the meeting shown: the answer (the whole meeting) replaces the cached one,
 * and the lists and the overview are read again.
 */
export function useMeetingWrite<I>(write: (input: I) => Promise<Meeting>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (meeting) => {
      client.setQueryData(steeringKeys.meeting(meeting.id), meeting);
      void client.invalidateQueries({ queryKey: ["steering", "list"] });
      void client.invalidateQueries({ queryKey: steeringKeys.overview });
    },
  });
}
