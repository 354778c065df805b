import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR } from "./casework";
import { screenshot } from "./screenshots";
import { expectDashboard, germanDay, signIn } from "./support";

const STEERING_MEMBER = "steuerung@wartburgkreis.example";

test.describe("steering group", () => {
  test("the coordinator runs a meeting from agenda to approved minutes", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.getByRole("navigation").getByRole("link", { name: "Steuerungsgruppe" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Steuerungsgruppe");
    await expect(page.getByRole("heading", { name: "Mitglieder" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Planned for today, so that it has begun when the minutes are approved.
    const title = `Sondersitzung ${Date.now()}`;
    await page.getByRole("button", { name: "Sitzung planen" }).click();
    const plan = page.getByRole("dialog", { name: "Sitzung planen" });
    await plan.getByLabel("Titel").fill(title);
    await plan.getByLabel("Tag").fill(germanDay());
    await plan.getByLabel("Beginn").fill("00:00");
    await plan.getByLabel("Ende").fill("23:59");
    await plan.getByLabel("Ort", { exact: true }).fill("Landratsamt, Raum 204");
    await plan.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    // Every member is invited: the steering group's user and the external members.
    await expect(page.getByRole("row", { name: /Dr\. Frank Heller/ })).toBeVisible();

    // The agenda, the first item by keyboard: the button, the form, Enter.
    await page.getByRole("button", { name: "Tagesordnungspunkt hinzufügen" }).focus();
    await page.keyboard.press("Enter");
    const add = page.getByRole("dialog", { name: "Tagesordnungspunkt hinzufügen" });
    await expect(add.getByLabel("Thema")).toBeFocused();
    await page.keyboard.type("Lagebild Windkraft");
    await add.getByLabel("Konfliktfeld der Regionalanalyse").selectOption({ index: 1 });
    await add.getByLabel("Thema").press("Enter");
    await expect(add).toBeHidden();
    await page.getByRole("button", { name: "Tagesordnungspunkt hinzufügen" }).click();
    await add.getByLabel("Thema").fill("Verschiedenes");
    await add.getByRole("button", { name: "Speichern" }).click();
    await expect(add).toBeHidden();
    // Moved up with the keyboard.
    await page.getByRole("button", { name: "TOP „Verschiedenes“ nach oben schieben" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 3 }).first()).toContainText("Verschiedenes");

    // Minutes, a decision with its vote, and an action item for a conflict manager.
    await page.getByRole("button", { name: "TOP „Lagebild Windkraft“ bearbeiten" }).click();
    const edit = page.getByRole("dialog", { name: "Tagesordnungspunkt bearbeiten" });
    await edit.getByLabel("Protokoll zu diesem Punkt").fill("Die Lage wurde vorgestellt und besprochen.");
    await edit.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByText("Die Lage wurde vorgestellt und besprochen.")).toBeVisible();

    await page.getByRole("button", { name: "Beschluss zu „Lagebild Windkraft“ festhalten" }).click();
    const decide = page.getByRole("dialog", { name: "Beschluss festhalten" });
    await decide.getByRole("textbox", { name: /^Beschluss/ }).fill("Ein Runder Tisch wird einberufen.");
    await decide.getByLabel("Es wurde abgestimmt").check();
    await decide.getByLabel("Ja").fill("6");
    await decide.getByLabel("Enthaltungen").fill("1");
    await decide.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByText("Abstimmung: 6 Ja, 0 Nein, 1 Enthaltungen")).toBeVisible();

    await page.getByRole("button", { name: "Aufgabe zu „Lagebild Windkraft“ vereinbaren" }).click();
    const agree = page.getByRole("dialog", { name: "Aufgabe vereinbaren" });
    await agree.getByLabel("Was ist zu tun?").fill("Runden Tisch einladen");
    await agree.getByLabel("Zuständig").selectOption({ label: "Anna Schulze" });
    await agree.getByLabel("Zu Beschluss (optional)").selectOption({ index: 1 });
    await agree.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByText(/Anna Schulze, fällig am/)).toBeVisible();

    // Attendance.
    await page.getByLabel("Anwesenheit von Dr. Frank Heller").selectOption("present");
    await page.getByRole("button", { name: "Anwesenheit speichern" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Anwesenheit gespeichert." })).toBeAttached();
    expect(await seriousViolations(page)).toEqual([]);

    // Approved minutes: read-only from now on.
    await page.getByRole("button", { name: "Protokoll freigeben" }).click();
    await page.getByRole("dialog", { name: "Protokoll freigeben?" }).getByRole("button", { name: "Freigeben" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Das Protokoll ist freigegeben." })).toBeAttached();
    await expect(page.getByText(/Die Sitzung kann nur noch gelesen werden/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Tagesordnungspunkt hinzufügen" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Anwesenheit speichern" })).toHaveCount(0);
    await expect(page.getByRole("cell", { name: "anwesend" })).toBeVisible();
  });

  test("the coordinator calls an invited meeting off with the keyboard", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.getByRole("navigation").getByRole("link", { name: "Steuerungsgruppe" }).click();

    // Tomorrow, and invited: the cancellation goes to everyone's calendar.
    const title = `Abzusagende Sitzung ${Date.now()}`;
    await page.getByRole("button", { name: "Sitzung planen" }).click();
    const plan = page.getByRole("dialog", { name: "Sitzung planen" });
    await plan.getByLabel("Titel").fill(title);
    await plan.getByLabel("Tag").fill(germanDay(1));
    await plan.getByLabel("Beginn").fill("10:00");
    await plan.getByLabel("Ende").fill("12:00");
    await plan.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await page.getByRole("button", { name: "Einladungen senden" }).click();
    await expect(page.getByText(/Einladungen in den Postausgang gelegt/)).toBeVisible();

    // Asked first; Escape leaves the meeting as it is.
    await page.getByRole("button", { name: "Sitzung absagen" }).focus();
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("dialog", { name: `Sitzung „${title}“ absagen?` });
    await expect(confirm.getByRole("button", { name: "Abbrechen" })).toBeFocused();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");
    await expect(confirm).toBeHidden();
    await expect(page.getByRole("button", { name: "Sitzung absagen" })).toBeFocused();

    await page.keyboard.press("Enter");
    await expect(confirm.getByRole("button", { name: "Abbrechen" })).toBeFocused();
    await page.keyboard.press("Shift+Tab");
    await expect(confirm.getByRole("button", { name: "Absagen" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status").filter({ hasText: /Die Sitzung ist abgesagt\. Absagen in den Postausgang gelegt: 1 an Personen mit Zugang/ })).toBeAttached();
    await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
    await expect(page.getByText(/Die Sitzung wurde am .* abgesagt/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Sitzung absagen" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Sitzung bearbeiten" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Tagesordnungspunkt hinzufügen" })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    // The list says so too.
    await page.getByRole("link", { name: "Alle Sitzungen" }).click();
    const upcoming = page.getByRole("region", { name: "Geplante Sitzungen, die nächste zuerst" });
    await expect(upcoming.getByRole("row", { name: new RegExp(title) })).toContainText("Abgesagt");
  });

  test("a member reads the meetings and sees the next one and the open action items", async ({ page }) => {
    await signIn(page, STEERING_MEMBER);
    await expectDashboard(page);
    await expect(page.getByRole("heading", { name: "Nächste Sitzung der Steuerungsgruppe" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Offene Aufgaben aus der Steuerungsgruppe \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Krisenpläne zur Überprüfung" })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Kennzahlen/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "steering-dashboard");

    await page.getByRole("navigation").getByRole("link", { name: "Steuerungsgruppe" }).click();
    await expect(page.getByRole("button", { name: "Sitzung planen" })).toHaveCount(0);
    await screenshot(page, "steering");
    const past = page.getByRole("region", { name: "Vergangene Sitzungen, die jüngste zuerst" });
    await past.getByRole("link").first().click();
    await expect(page.getByRole("heading", { name: "Tagesordnung und Protokoll" })).toBeVisible();
    await expect(page.getByText(/Freigegeben am .* von Thomas Berger/)).toBeVisible();
    await expect(page.getByText(/Abstimmung: 8 Ja, 0 Nein, 1 Enthaltungen/)).toBeVisible();
    await expect(page.getByRole("button", { name: /bearbeiten/ })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "steering-meeting", page.getByRole("heading", { name: "Tagesordnung und Protokoll" }));
  });
});
