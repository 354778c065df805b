import { describe, expect, it } from "vitest";
import i18n from "../i18n";
import { checkPlan, fieldLabel, maxOf } from "./checks";
import { emptyContent } from "./model";
import type { PlanContent } from "./model";

const t = i18n.getFixedT("de", "crisisPlans");
const tUi = i18n.getFixedT("de", "ui");

describe("the plan editor's checks and field names", () => {
  it("names fields in words, not as paths", () => {
    expect(fieldLabel(t, "content.alert_chain")).toBe("Alarmkette");
    expect(fieldLabel(t, "content.alert_chain.0.to_role")).toBe("Alarmkette, Schritt 1: An");
    expect(fieldLabel(t, "content.roles.1.holder.user_id")).toBe("Rollen und Vertretungen, Rolle 2: Inhaber:in (Konto in KoKoMa)");
    expect(fieldLabel(t, "content.communication.messages.0.easy_language_text")).toBe(
      "Vorbereitete Botschaften, Botschaft 1: In Leichter Sprache",
    );
    expect(fieldLabel(t, "content.communication.spokesperson_role")).toBe("Kommunikationsplan: Sprecher:in");
    expect(fieldLabel(t, "title")).toBe("Titel");
  });

  it("takes its limits from the API's", () => {
    expect(maxOf("frame", "title")).toBe(200);
    expect(maxOf("roles", "holder.phone")).toBe(40);
    expect(maxOf("measures", "action")).toBe(1000);
  });

  it("finds every broken field of the frame and the sections at once", () => {
    const content = {
      ...emptyContent(),
      scenarios: [{ key: "Kundgebung!", hazard: "", likelihood: 3, impact: 3 }],
      roles: [{ key: "koordination", title: "Koordination", holder: { name: "x".repeat(201), phone: "" } }],
    } as unknown as PlanContent;
    const errors = checkPlan({ title: "", area: "Vacha" }, content, tUi);
    expect(errors?.fields.map((field) => field.path)).toEqual([
      "title",
      "content.scenarios.0.key",
      "content.scenarios.0.hazard",
      "content.roles.0.holder.name",
    ]);
    expect(checkPlan({ title: "Plan", area: "Vacha" }, emptyContent(), tUi)).toBeNull();
  });
});
