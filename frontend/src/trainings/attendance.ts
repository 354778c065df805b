/**
 * The attendance register of one session day as the grid edits it: one mark per participant
 * (present, late, excused, absent, or none yet), saved as a whole in one request.
 */
import type { AttendanceEntry, AttendanceStatus, Participant, Register } from "./queries";

export const STATUSES = ["present", "late", "excused", "absent"] as const satisfies readonly AttendanceStatus[];
export type Mark = AttendanceStatus | null;
export type Marks = Record<string, Mark>;

/** One mark per participant, from what the register holds. */
export function marksFrom(participants: readonly Participant[], register: Register): Marks {
  const recorded = new Map(register.entries.map((entry) => [entry.participant_id, entry.status]));
  return Object.fromEntries(participants.map((participant) => [participant.id, recorded.get(participant.id) ?? null]));
}

export type MarkAction =
  | { type: "set"; participantId: string; mark: Mark }
  | { type: "setAll"; mark: Mark };

export function applyMark(marks: Marks, action: MarkAction): Marks {
  switch (action.type) {
    case "set":
      return { ...marks, [action.participantId]: action.mark };
    case "setAll":
      return Object.fromEntries(Object.keys(marks).map((id) => [id, action.mark]));
  }
}

/** The request body's entries, in the participants' order; unmarked participants are left out. */
export function entriesOf(marks: Marks, order: readonly string[]): AttendanceEntry[] {
  return order.flatMap((id) => {
    const mark = marks[id];
    return mark ? [{ participant_id: id, status: mark }] : [];
  });
}

export function countMarks(marks: Marks): Record<AttendanceStatus | "none", number> {
  const counts = { present: 0, late: 0, excused: 0, absent: 0, none: 0 };
  for (const mark of Object.values(marks)) counts[mark ?? "none"] += 1;
  return counts;
}

/** How many participants' marks differ from the saved register. */
export function changedCount(saved: Marks, marks: Marks): number {
  return Object.keys(marks).filter((id) => (saved[id] ?? null) !== marks[id]).length;
}
