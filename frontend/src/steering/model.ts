/** Pure helpers of the steering pages: times as people read them, agenda moves. */
import { LOCAL_TIME_ZONE } from "../ui/calendar";
import type { BadgeTone } from "../ui/Badge";
import type { AgendaItem, Meeting, MeetingListItem, ParticipantIn } from "./queries";

/** The German clock time of an instant, `15:00`. */
export function clockTime(value: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: LOCAL_TIME_ZONE }).format(new Date(value));
}

/** Where a meeting takes place: its place, else "online" when it has only a video link. */
export function whereOf(meeting: Pick<MeetingListItem, "place" | "video_url">, online: string): string {
  return meeting.place ?? (meeting.video_url ? online : "");
}

/** The participants as the API takes them back, with one status changed or one removed. */
export function participantsIn(meeting: Meeting, statuses: Record<string, ParticipantIn["status"]>): ParticipantIn[] {
  return meeting.participants.map((p) => {
    const key = participantKey(p);
    return p.user_id
      ? { user_id: p.user_id, status: statuses[key] ?? p.status }
      : { contact_id: p.contact_id, status: statuses[key] ?? p.status };
  });
}

export function participantKey(p: { user_id?: string | null; contact_id?: string | null }): string {
  return p.user_id ? `user:${p.user_id}` : `contact:${p.contact_id ?? ""}`;
}

/** The new place of an item moved one step up (-1) or down (+1), or null at the edge. */
export function movedPosition(items: readonly AgendaItem[], item: AgendaItem, step: -1 | 1): number | null {
  const index = items.findIndex((each) => each.id === item.id);
  const target = index + step;
  return index < 0 || target < 0 || target >= items.length ? null : target;
}

/** The meeting has begun: its minutes may be approved. */
export function hasBegun(meeting: Pick<MeetingListItem, "starts_at">, now: Date = new Date()): boolean {
  return new Date(meeting.starts_at).getTime() <= now.getTime();
}

/** A meeting not yet begun, neither cancelled nor with approved minutes, can be called off. */
export function canCancel(
  meeting: Pick<MeetingListItem, "starts_at" | "status" | "minutes_status">,
  now: Date = new Date(),
): boolean {
  return meeting.status === "planned" && meeting.minutes_status === "draft" && !hasBegun(meeting, now);
}

/** What a meeting's badge says (a key of the steering catalogue) and its tone. */
export function meetingBadge(meeting: Pick<MeetingListItem, "status" | "minutes_status">): {
  label: "meetingStatus.cancelled" | `minutesStatus.${MeetingListItem["minutes_status"]}`;
  tone: BadgeTone;
} {
  if (meeting.status === "cancelled") return { label: "meetingStatus.cancelled", tone: "warning" };
  const approved = meeting.minutes_status === "approved";
  return { label: `minutesStatus.${meeting.minutes_status}`, tone: approved ? "success" : "neutral" };
}
