import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { checkBody, maxLengthOf, violations } from "./validation";

const tUi = i18n.getFixedT("de", "ui");

describe("checking a body against the API's limits", () => {
  it("names every broken field at once, with what is wrong", () => {
    const found = violations("CaseCreate", { title: "  ", summary: "x".repeat(20_001), topics: [] });
    expect(found.map((v) => [v.path, v.kind])).toEqual([
      ["title", "missing"],
      ["summary", "tooLong"],
    ]);
  });

  it("says in words what to do", () => {
    const errors = checkBody("CaseCreate", { title: "", place: "p".repeat(600) }, tUi);
    expect(errors?.fields).toEqual([
      { path: "title", message: "Bitte ausfüllen – ohne diese Angabe geht es nicht." },
      { path: "place", message: "Höchstens 200 Zeichen erlaubt – jetzt sind es 600. Bitte kürzen Sie den Text." },
    ]);
  });

  it("lets an optional field be left out as null, but not a required one", () => {
    expect(violations("ParticipantCreate", { user_id: "u-1", full_name: null })).toEqual([]);
    expect(violations("ParticipantCreate", { full_name: " " }).map((v) => v.kind)).toEqual(["missing"]);
    expect(violations("CaseCreate", { title: null }).map((v) => [v.path, v.kind])).toContainEqual(["title", "missing"]);
  });

  it("checks only the fields a change sends", () => {
    expect(violations("CaseUpdate", { summary: "neu" }, true)).toEqual([]);
    expect(violations("CaseUpdate", { title: "" }, true).map((v) => v.kind)).toEqual(["missing"]);
  });

  it("checks addresses and patterns as the API does", () => {
    const found = violations("ContactCreate", { kind: "person", actor_group: "media", legal_basis: "consent", email: "kein-at", phone: "abc" });
    expect(found.map((v) => [v.path, v.kind])).toEqual([
      ["email", "email"],
      ["phone", "format"],
    ]);
  });

  it("reads the limits from the OpenAPI document", () => {
    expect(maxLengthOf("CaseCreate", "title")).toBe(200);
  });
});
