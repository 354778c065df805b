import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { ACCOUNTS, expectDashboard, germanDay, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const TRAINER = ACCOUNTS[3].email;
const SERIES = `Qualifizierung Konfliktmoderation ${Date.now().toString(36)}`;
const IN_PERSON = "Grundlagen der Moderation";
const ONLINE = "Online-Vertiefung Fallberatung";

async function openSeries(page: Page, email: string) {
  await signIn(page, email);
  await expectDashboard(page);
  await page.goto("/trainings");
  await page.getByRole("link", { name: SERIES }).click();
  await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
}

async function addModule(page: Page, title: string, hours: string, online = false) {
  await page.getByRole("button", { name: "Modul hinzufügen" }).click();
  const dialog = page.getByRole("dialog", { name: "Modul hinzufügen" });
  await dialog.getByLabel("Titel des Moduls").fill(title);
  if (online) await dialog.getByRole("radio", { name: "Online-Vertiefung" }).check();
  await dialog.getByLabel("Stunden").fill(hours);
  await dialog.getByRole("button", { name: "Modul hinzufügen" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole("heading", { level: 3, name: new RegExp(title) })).toBeVisible();
}

async function planDay(page: Page, module: string, day: string, where: { place?: string; link?: string }) {
  await page.getByRole("button", { name: new RegExp(`^Seminartag planen \\(Modul \\d: ${module}\\)`) }).click();
  const dialog = page.getByRole("dialog", { name: `Seminartag für „${module}“ planen` });
  await dialog.getByLabel("Datum").fill(day);
  await dialog.getByLabel("Beginn").fill("09:00");
  await dialog.getByLabel("Ende").fill("16:00");
  if (where.place) await dialog.getByLabel("Ort").fill(where.place);
  if (where.link) await dialog.getByLabel("Link zur Online-Sitzung").fill(where.link);
  await dialog.getByRole("button", { name: "Seminartag planen" }).click();
  await expect(dialog).toBeHidden();
}

async function recordDay(page: Page, index: number, marks: Record<string, string>) {
  await page.getByRole("link", { name: /^Anwesenheit erfassen/ }).nth(index).click();
  for (const [name, status] of Object.entries(marks)) {
    await page.getByRole("radiogroup", { name }).getByRole("radio", { name: status, exact: true }).check();
  }
  await page.getByRole("button", { name: "Anwesenheit speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Die Anwesenheit wurde gespeichert." })).toBeVisible();
  await page.getByRole("link", { name: "Zurück zur Reihe" }).click();
}

test.describe.serial("the training editor", () => {
  test("a coordinator sets up a series: rule, modules, participants", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/trainings");
    await page.getByRole("link", { name: "Neue Reihe anlegen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Neue Qualifizierungsreihe" })).toBeVisible();
    // Every problem at once, before anything is sent: no title, a negative rule, too many hours.
    await page.getByLabel("Präsenzmodule mindestens").fill("-1");
    await page.getByLabel("Stunden mindestens").fill("5000");
    await page.getByRole("button", { name: "Speichern" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen" });
    await expect(summary.getByRole("link")).toHaveCount(3);
    await expect(summary).toContainText("Titel: Bitte ausfüllen");
    await expect(summary).toContainText("Präsenzmodule mindestens: Der Wert muss mindestens 0 sein.");
    await expect(summary).toContainText("Stunden mindestens: Der Wert darf höchstens 2000 sein.");
    await page.getByLabel("Titel").fill(SERIES);
    await page.getByLabel("Unterzeichnet von").fill("Thomas Berger, Koordination");
    await page.getByLabel("Präsenzmodule mindestens").fill("1");
    await page.getByLabel("Online-Vertiefungen mindestens").fill("1");
    await page.getByLabel("Stunden mindestens").fill("10");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Speichern" }).click();

    await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
    await addModule(page, IN_PERSON, "8");
    await addModule(page, ONLINE, "3", true);
    const facts = page.getByRole("region", { name: "Überblick" });
    await expect(facts).toContainText("mindestens 1 von 1 Präsenzmodulen, 1 von 1 Online-Vertiefungen, 10 Stunden");

    await page.getByLabel("Benutzerkonto").selectOption({ label: "Anna Schulze" });
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect(page.getByText("Anna Schulze nimmt jetzt teil.")).toBeVisible();
    await page.getByLabel("Name").fill("Jens Müller");
    await page.getByLabel("Organisation").fill("Stadt Ruhla");
    await page.getByRole("button", { name: "Hinzufügen", exact: true }).click();
    await expect(page.getByText("Jens Müller nimmt jetzt teil.")).toBeVisible();
    const participants = page.getByRole("table", { name: "Teilnehmende der Reihe mit Abschluss und Zertifikat" });
    await expect(participants.getByRole("row")).toHaveCount(3);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the trainer plans the dates, in a room and online, and records attendance", async ({ page }) => {
    await openSeries(page, TRAINER);
    // A day with neither place nor link is refused at once, in the dialog.
    await page.getByRole("button", { name: new RegExp(`^Seminartag planen \\(Modul \\d: ${IN_PERSON}\\)`) }).click();
    const empty = page.getByRole("dialog", { name: `Seminartag für „${IN_PERSON}“ planen` });
    await empty.getByLabel("Datum").fill(germanDay(-20));
    await empty.getByRole("button", { name: "Seminartag planen" }).click();
    await expect(empty.getByText("Bitte einen Ort oder einen Link zur Online-Sitzung angeben.")).toBeVisible();
    await empty.getByRole("button", { name: "Abbrechen" }).click();
    await expect(empty).toBeHidden();
    await planDay(page, IN_PERSON, germanDay(-20), { place: "Landratsamt Bad Salzungen" });
    await planDay(page, ONLINE, germanDay(-10), { link: "https://konferenz.wartburgkreis.example/vertiefung" });
    await expect(page.getByRole("link", { name: "Online teilnehmen" })).toHaveAttribute(
      "href",
      "https://konferenz.wartburgkreis.example/vertiefung",
    );
    // Moved to another room.
    await page.getByRole("button", { name: /^Ändern/ }).first().click();
    const change = page.getByRole("dialog", { name: "Seminartag ändern" });
    await change.getByLabel("Ort").fill("Rathaus Eisenach, Saal 2");
    await change.getByRole("button", { name: "Speichern" }).click();
    await expect(change).toBeHidden();
    await expect(page.getByRole("main")).toContainText("Rathaus Eisenach, Saal 2");
    expect(await seriousViolations(page)).toEqual([]);

    await recordDay(page, 0, { "Anna Schulze": "Anwesend", "Jens Müller": "Verspätet" });
    await recordDay(page, 1, { "Anna Schulze": "Anwesend", "Jens Müller": "Entschuldigt" });
    const participants = page.getByRole("table", { name: "Teilnehmende der Reihe mit Abschluss und Zertifikat" });
    const anna = participants.getByRole("row", { name: /Anna Schulze/ });
    await expect(anna).toContainText("Präsenz 1/1 · Online 1/1 · 11/10 Std.");
    await expect(anna).toContainText("berechtigt");
    // Late counts as there; the excused online session is missing.
    await expect(participants.getByRole("row", { name: /Jens Müller/ })).toContainText("Präsenz 1/1 · Online 0/1");
    await expect(participants.getByRole("row", { name: /Jens Müller/ })).toContainText("noch nicht abgeschlossen");
  });

  test("the coordinator issues the certificates in bulk and revokes one with a reason", async ({ page }) => {
    await openSeries(page, COORDINATOR);
    await page.getByRole("button", { name: "Zertifikate für alle Berechtigten ausstellen (1)" }).click();
    await expect(page.getByText("1 Zertifikat ausgestellt.")).toBeVisible();
    const certificates = page.getByRole("table", { name: "Ausgestellte Zertifikate" });
    const row = certificates.getByRole("row", { name: /Anna Schulze/ });
    await expect(row).toContainText("gültig");
    const number = (await row.getByRole("rowheader").innerText()).trim();

    await row.getByRole("button", { name: `Widerrufen (${number})` }).click();
    const dialog = page.getByRole("dialog", { name: `Zertifikat ${number} widerrufen?` });
    await dialog.getByRole("button", { name: "Widerrufen" }).click();
    await expect(dialog.getByText("Bitte geben Sie den Grund an.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByLabel("Grund").fill("Name falsch geschrieben; ein neues Zertifikat folgt.");
    await dialog.getByRole("button", { name: "Widerrufen" }).click();
    await expect(dialog).toBeHidden();
    await expect(row).toContainText("widerrufen");
    await expect(row).toContainText("Name falsch geschrieben");
    // Eligible again: a new certificate can be issued.
    await expect(page.getByRole("button", { name: "Zertifikate für alle Berechtigten ausstellen (1)" })).toBeVisible();
  });
});
