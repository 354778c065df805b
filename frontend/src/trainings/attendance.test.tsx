import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import "../i18n";
import { AttendanceGrid } from "./AttendanceGrid";
import { applyMark, changedCount, countMarks, entriesOf, marksFrom } from "./attendance";
import type { Marks } from "./attendance";
import type { Participant, Register } from "./queries";

function participant(id: string, full_name: string): Participant {
  return {
    id,
    series_id: "series",
    user_id: null,
    contact_id: null,
    full_name,
    organisation: null,
    in_person_attended: 0,
    online_attended: 0,
    hours_attended: 0,
    completed_on: null,
    completed: false,
    version: 1,
    created_at: "2026-01-08T10:00:00Z",
  };
}

const PEOPLE = [participant("p1", "Anna Schulze"), participant("p2", "Uwe Schmidt"), participant("p3", "Sandra Möller")];

const REGISTER: Register = {
  session_id: "day",
  version: 4,
  recorded_at: "2026-03-12T15:40:00Z",
  entries: [
    { session_id: "day", participant_id: "p1", status: "present" },
    { session_id: "day", participant_id: "p3", status: "excused" },
  ],
};

describe("attendance register state", () => {
  it("starts from the register, with no mark for participants not recorded", () => {
    expect(marksFrom(PEOPLE, REGISTER)).toEqual({ p1: "present", p2: null, p3: "excused" });
  });

  it("sets one mark or every mark, counts them and the unsaved changes", () => {
    const saved = marksFrom(PEOPLE, REGISTER);
    const one = applyMark(saved, { type: "set", participantId: "p2", mark: "absent" });
    expect(one).toEqual({ p1: "present", p2: "absent", p3: "excused" });
    expect(saved.p2).toBeNull(); // the saved state is left alone
    expect(changedCount(saved, one)).toBe(1);
    expect(countMarks(one)).toEqual({ present: 1, late: 0, excused: 1, absent: 1, none: 0 });

    const all = applyMark(one, { type: "setAll", mark: "present" });
    expect(countMarks(all)).toEqual({ present: 3, late: 0, excused: 0, absent: 0, none: 0 });
    expect(changedCount(saved, all)).toBe(2);
  });

  it("sends the whole register in participant order and leaves unmarked participants out", () => {
    const marks: Marks = { p3: "absent", p1: "present", p2: null };
    expect(entriesOf(marks, ["p1", "p2", "p3"])).toEqual([
      { participant_id: "p1", status: "present" },
      { participant_id: "p3", status: "absent" },
    ]);
  });
});

function Harness({ initial }: { initial: Marks }) {
  const [marks, setMarks] = useState(initial);
  return (
    <>
      <AttendanceGrid
        participants={PEOPLE}
        marks={marks}
        caption="Anwesenheit"
        onMark={(participantId, mark) => setMarks(applyMark(marks, { type: "set", participantId, mark }))}
      />
      <output data-testid="entries">{JSON.stringify(entriesOf(marks, ["p1", "p2", "p3"]))}</output>
    </>
  );
}

describe("the attendance grid", () => {
  it("offers one radio group per participant, named by the participant", () => {
    render(<Harness initial={marksFrom(PEOPLE, REGISTER)} />);
    const groups = screen.getAllByRole("radiogroup");
    expect(groups).toHaveLength(3);
    const anna = screen.getByRole("radiogroup", { name: "Anna Schulze" });
    expect(within(anna).getByRole("radio", { name: "Anwesend" })).toBeChecked();
    expect(within(screen.getByRole("radiogroup", { name: "Uwe Schmidt" })).getByRole("radio", { name: "Keine Angabe" })).toBeChecked();
  });

  it("is operated by keyboard: Tab moves from person to person, arrow keys change the choice", async () => {
    const user = userEvent.setup();
    render(<Harness initial={marksFrom(PEOPLE, REGISTER)} />);

    await user.tab(); // the scrollable table region
    await user.tab();
    const anna = screen.getByRole("radiogroup", { name: "Anna Schulze" });
    expect(within(anna).getByRole("radio", { name: "Anwesend" })).toHaveFocus();

    await user.keyboard("{ArrowRight}");
    expect(within(anna).getByRole("radio", { name: "Verspätet" })).toBeChecked();

    await user.tab();
    const uwe = screen.getByRole("radiogroup", { name: "Uwe Schmidt" });
    expect(within(uwe).getByRole("radio", { name: "Keine Angabe" })).toHaveFocus();
    await user.keyboard("{ArrowLeft}");
    expect(within(uwe).getByRole("radio", { name: "Unentschuldigt" })).toBeChecked();

    expect(JSON.parse(screen.getByTestId("entries").textContent ?? "")).toEqual([
      { participant_id: "p1", status: "late" },
      { participant_id: "p2", status: "absent" },
      { participant_id: "p3", status: "excused" },
    ]);
  });
});
