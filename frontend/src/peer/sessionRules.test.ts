import { describe, expect, it } from "vitest";
import type { PeerSession } from "./queries";
import { writableKinds } from "./sessionRules";

function session(fields: Partial<PeerSession>): PeerSession {
  return { status: "running", phase: "consultation", my_role: "adviser", ...fields } as PeerSession;
}

describe("what a participant may write", () => {
  it("lets advisers ask, suppose and suggest during the consultation", () => {
    expect(writableKinds(session({}))).toEqual(["question", "hypothesis", "idea"]);
  });

  it("keeps the case giver silent during the consultation and observers always", () => {
    expect(writableKinds(session({ my_role: "case_giver" }))).toEqual([]);
    expect(writableKinds(session({ my_role: "observer", phase: "case" }))).toEqual([]);
  });

  it("gives the key question to the case giver alone", () => {
    expect(writableKinds(session({ phase: "key_question", my_role: "case_giver" }))).toEqual(["key_question"]);
    expect(writableKinds(session({ phase: "key_question" }))).toEqual([]);
  });

  it("takes nothing before the start, in the roles phase or after the close", () => {
    expect(writableKinds(session({ status: "planned", phase: null }))).toEqual([]);
    expect(writableKinds(session({ phase: "roles" }))).toEqual([]);
    expect(writableKinds(session({ status: "closed", phase: "closing" }))).toEqual([]);
  });
});
