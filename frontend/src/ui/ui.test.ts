import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { ApiError } from "../api/client";
import { compareEdits, reapply } from "./conflict";
import { clearDraft, forgetDrafts, loadDraft, saveDraft } from "./drafts";
import { formatters } from "./format";
import { errorFor, fieldPath, formErrorsOf } from "./problems";

const t = i18n.getFixedT("de", "ui");

describe("problem → form errors", () => {
  it("maps body field paths and shows the API's words, which come in the page's language", () => {
    const error = new ApiError(422, {
      status: 422,
      errors: [
        { field: "body.title", message: "Bitte ausfüllen.", type: "missing" },
        { field: "body.referral.target_service", message: "Zu lang: höchstens 200 Zeichen.", type: "string_too_long" },
        { field: "body.democracy_indicators", message: "Anzeichen nur bei Demokratiegefährdung.", type: "indicators_without_flag" },
        { field: "body.topics.1", message: "", type: "enum" },
      ],
    });
    const errors = formErrorsOf(error, t);
    expect(errors.general).toBeNull();
    expect(errorFor(errors, "title")).toBe("Bitte füllen Sie dieses Feld aus.");
    expect(errorFor(errors, "referral.target_service")).toBe("Zu lang: höchstens 200 Zeichen.");
    expect(errorFor(errors, "democracy_indicators")).toBe("Anzeichen nur bei Demokratiegefährdung.");
    expect(errorFor(errors, "topics")).toBe("Bitte wählen Sie einen der angebotenen Werte.");
    expect(errorFor(errors, "summary")).toBeUndefined();
  });

  it("asks to fill in a field left empty rather than calling it too short", () => {
    const error = new ApiError(422, {
      errors: [
        { field: "body.title", message: "Zu kurz: mindestens 1 Zeichen.", type: "string_too_short" },
        { field: "body.password", message: "Zu kurz: mindestens 12 Zeichen.", type: "string_too_short" },
      ],
    });
    const errors = formErrorsOf(error, t, (path) => path === "title");
    expect(errorFor(errors, "title")).toBe("Bitte füllen Sie dieses Feld aus.");
    expect(errorFor(errors, "password")).toBe("Zu kurz: mindestens 12 Zeichen.");
  });

  it("gives a general message for whole-body errors and for other statuses", () => {
    const whole = formErrorsOf(new ApiError(422, { errors: [{ field: "body", message: "escalation_min must not exceed escalation_max", type: "value_error" }] }), t);
    expect(whole.fields).toEqual([]);
    expect(whole.general).toBe("escalation_min must not exceed escalation_max");

    expect(formErrorsOf(new ApiError(0, null), t).general).toMatch(/nicht erreichbar/);
    expect(formErrorsOf(new ApiError(403, null), t).general).toBe("Dafür fehlt Ihnen die Berechtigung.");
    expect(formErrorsOf(new ApiError(409, { detail: "A restricted case needs at least one assignee" }), t).general).toBe(
      "Die Änderung ist so nicht möglich. Hinweis des Servers: A restricted case needs at least one assignee",
    );
    expect(formErrorsOf(new ApiError(503, { detail: "db down" }), t).general).toMatch(/Fehler aufgetreten/);
  });

  it("strips the location prefix of a field path", () => {
    expect(fieldPath("body.summary")).toBe("summary");
    expect(fieldPath("query.escalation_min")).toBe("escalation_min");
    expect(fieldPath("body")).toBe("");
  });
});

describe("stale edit comparison", () => {
  const fields = ["title", "summary", "topics", "place"] as const;
  const base: Record<string, unknown> = { title: "Windpark", summary: "Alt", topics: ["energy_infrastructure"], place: null };

  it("lists the user's changes, marks those someone else changed too, and what only they changed", () => {
    const mine = { ...base, title: "Windpark Dippach", topics: ["energy_infrastructure", "local_politics"] };
    const theirs = { ...base, title: "Windpark bei Dippach", summary: "Neu" };

    const conflict = compareEdits(base, mine, theirs, fields);

    expect(conflict.edited).toEqual([
      { field: "title", base: "Windpark", mine: "Windpark Dippach", theirs: "Windpark bei Dippach", theirsChanged: true },
      { field: "topics", base: ["energy_infrastructure"], mine: ["energy_infrastructure", "local_politics"], theirs: ["energy_infrastructure"], theirsChanged: false },
    ]);
    expect(conflict.otherChanges.map((row) => row.field)).toEqual(["summary"]);
  });

  it("re-applies only the user's changes onto the version saved now", () => {
    const mine = { ...base, title: "Windpark Dippach", place: "" };
    const theirs = { ...base, summary: "Neu", place: "Dippach" };

    expect(reapply(base, mine, theirs, [...fields])).toEqual({ ...theirs, title: "Windpark Dippach" });
  });
});

describe("drafts", () => {
  it("are kept per user and forgotten for everyone else, or all on logout", () => {
    saveDraft("anna", "case.new", { title: "Entwurf" });
    saveDraft("ben", "case.new", { title: "Bens Entwurf" });

    expect(loadDraft<{ title: string }>("anna", "case.new")?.value).toEqual({ title: "Entwurf" });
    forgetDrafts("anna");
    expect(loadDraft("ben", "case.new")).toBeNull();
    expect(loadDraft("anna", "case.new")).not.toBeNull();

    clearDraft("anna", "case.new");
    expect(loadDraft("anna", "case.new")).toBeNull();

    saveDraft("anna", "a", 1);
    saveDraft("anna", "b", 2);
    forgetDrafts();
    expect(loadDraft("anna", "a")).toBeNull();
    expect(loadDraft("anna", "b")).toBeNull();
  });

  it("ignore garbage in storage", () => {
    window.sessionStorage.setItem("kokoma.draft.anna.broken", "{not json");
    expect(loadDraft("anna", "broken")).toBeNull();
  });
});

describe("formatting", () => {
  it("formats calendar days without a time-zone shift, in German and English", () => {
    expect(formatters("de").date("2026-03-02")).toBe("02.03.2026");
    expect(formatters("en").date("2026-03-02")).toBe("02/03/2026");
    expect(formatters("de").number(1234.5, 1)).toBe("1.234,5");
  });
});
