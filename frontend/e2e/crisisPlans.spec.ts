import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import type { Locator, Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const DEMO_PLAN = "Krisenpräventionsplan Gemeinschaftsunterkunft Vacha";
const TITLE = `Krisenplan Marktplatz Dorndorf ${Date.now()}`;

function entry(page: Page, name: string): Locator {
  return page.getByRole("group", { name, exact: true });
}

async function addEntry(page: Page, button: string, legend: string): Promise<Locator> {
  // By keyboard: the add button is reached and pressed like any other.
  await page.getByRole("button", { name: button }).focus();
  await page.keyboard.press("Enter");
  const added = entry(page, legend);
  await expect(added).toBeVisible();
  return added;
}

test.describe.serial("crisis-prevention plans", () => {
  test("the demo plan shows its risk matrix, alert chain and Leichte Sprache messages", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Krisenvorsorge" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Krisenpräventionspläne" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: DEMO_PLAN }).click();
    await expect(page.getByRole("heading", { level: 1, name: DEMO_PLAN })).toBeVisible();
    const matrix = page.getByRole("table", { name: /Szenarien nach Wahrscheinlichkeit/ });
    await expect(matrix).toBeVisible();
    await expect(matrix.getByRole("row", { name: /Wahrscheinlichkeit 4/ })).toContainText("kundgebung");
    await expect(page.getByText(/Wahrscheinlichkeit 4, Auswirkung 4, Risiko 16 von 25 \(hoch\)/)).toBeVisible();
    await expect(page.getByText("Koordination Konfliktmanagement ruft Bürgermeister (Leitung Krisenstab) an").first()).toBeVisible();
    await expect(page.getByText(/Wir wollen|In Vacha soll es friedlich bleiben/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "crisis-plans", page.getByRole("heading", { level: 2, name: "Risikoszenarien" }));
  });

  test("a coordinator writes a plan with scenario, indicator, alert chain and message, and adopts it", async ({ page }) => {
    test.setTimeout(180_000);
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/crisis-plans");
    await page.getByRole("link", { name: "Neuer Plan" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Neuer Krisenpräventionsplan" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel("Titel").fill(TITLE);
    await page.getByLabel("Gebiet (Landkreis, Gemeinde, Ortsteil)").fill("Gemeinde Dorndorf");
    await page.getByRole("button", { name: "Speichern" }).click();

    await expect(page.getByRole("heading", { level: 1, name: `Plan bearbeiten: ${TITLE}` })).toBeVisible();
    const scenario = await addEntry(page, "Szenario hinzufügen", "Szenario 1");
    await scenario.getByLabel("Kürzel").fill("kundgebung");
    await scenario.getByLabel("Gefahr").fill("Kundgebung vor dem Jugendclub");
    await scenario.getByLabel("Wahrscheinlichkeit (1–5)").selectOption("4");
    await scenario.getByLabel("Auswirkung (1–5)").selectOption("5");

    for (const [index, [key, title]] of [
      ["koordination", "Koordination"],
      ["buergermeisterin", "Bürgermeisterin"],
    ].entries()) {
      const role = await addEntry(page, "Rolle hinzufügen", `Rolle ${index + 1}`);
      await role.getByLabel("Kürzel").fill(key);
      await role.getByRole("textbox", { name: /^Rolle/ }).fill(title);
      await role.getByLabel("Telefon Inhaber:in").fill(`03695 61 71 0${index}`);
    }
    // The holder is picked among the municipality's users, by name; the name is printed.
    const holder = entry(page, "Rolle 1");
    await holder.getByLabel("Inhaber:in (Konto in KoKoMa) suchen").fill("Berger");
    await holder.getByRole("combobox", { name: /^Inhaber:in \(Konto in KoKoMa\)/ }).selectOption({ label: "Thomas Berger" });
    await expect(holder.getByRole("textbox", { name: /^Inhaber:in/ })).toHaveValue("Thomas Berger");

    const indicator = await addEntry(page, "Indikator hinzufügen", "Indikator 1");
    await indicator.getByLabel("Kürzel").fill("aufrufe");
    await indicator.getByLabel("Was beobachtet wird").fill("Aufrufe in Messengergruppen");
    await indicator.getByLabel("Szenario").selectOption("kundgebung");
    await indicator.getByLabel("Wer beobachtet").selectOption("koordination");

    for (const [index, level] of ["0", "1", "2", "3"].entries()) {
      const added = await addEntry(page, "Stufe hinzufügen", `Stufe ${index + 1}`);
      await added.getByRole("combobox", { name: /^Stufe/ }).selectOption(level);
      await added.getByLabel("Eintrittskriterien").fill(`Kriterium für Stufe ${level}`);
    }

    const step = await addEntry(page, "Schritt hinzufügen", "Schritt 1");
    await step.getByLabel("Von").selectOption("koordination");
    await step.getByRole("combobox", { name: /^An\b/ }).selectOption("buergermeisterin");

    const message = await addEntry(page, "Botschaft hinzufügen", "Botschaft 1");
    await message.getByRole("textbox", { name: /^Botschaft/ }).fill("Dorndorf steht für ein friedliches Miteinander.");
    await message.getByLabel("In Leichter Sprache").fill("In Dorndorf soll es friedlich bleiben.");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Plan speichern" }).click();
    await expect(page.getByRole("heading", { level: 1, name: TITLE })).toBeVisible();
    await expect(page.getByText("Plan gespeichert.")).toBeVisible();
    await expect(page.getByRole("table", { name: /Szenarien nach Wahrscheinlichkeit/ }).getByRole("row", { name: /Wahrscheinlichkeit 4/ })).toContainText("kundgebung");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Zur Prüfung geben" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Der Plan liegt zur Prüfung vor." })).toBeVisible();
    await page.getByRole("button", { name: "Beschließen" }).click();
    const dialog = page.getByRole("dialog", { name: "Plan beschließen" });
    await dialog.getByLabel("Beschluss der Steuerungsgruppe").fill("Beschluss der Steuerungsgruppe vom 12.03.2026");
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Plan beschließen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Der Plan ist beschlossen." })).toBeVisible();
    await expect(page.getByText(/Beschlossen am .*Beschluss der Steuerungsgruppe vom 12.03.2026/)).toBeVisible();
    await expect(page.getByRole("link", { name: "Bearbeiten" })).toHaveCount(0);

    await page.getByRole("button", { name: "Neue Fassung beginnen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Plan bearbeiten: ${TITLE}` })).toBeVisible();
    await page.getByRole("button", { name: "Plan speichern" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "Fassungen" })).toBeVisible();
    await page.getByRole("button", { name: "Fassung 1 mit dieser vergleichen" }).click();
    await expect(page.getByText("Änderungen gegenüber Fassung 1")).toBeVisible();
  });

  test("a bad alert chain is refused with the field named", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/crisis-plans");
    await page.getByRole("link", { name: TITLE }).first().click();
    await page.getByRole("link", { name: "Bearbeiten" }).click();
    const step = await addEntry(page, "Schritt hinzufügen", "Schritt 2");
    await step.getByLabel("Von").selectOption("buergermeisterin");
    await step.getByRole("combobox", { name: /^An\b/ }).selectOption("koordination");
    await page.getByRole("button", { name: "Plan speichern" }).click();
    await expect(page.getByRole("alert")).toContainText(/läuft im Kreis/);
    // Checked in the browser against the API's limits; the summary names fields in words.
    const role = entry(page, "Rolle 1");
    await role.getByLabel("Kürzel").fill("Koordination!");
    await page.getByRole("button", { name: "Plan speichern" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Rollen und Vertretungen, Rolle 1: Kürzel");
    await expect(summary).not.toContainText("content.");
  });
});

test.describe.serial("crisis-prevention plans in use", () => {
  test("a red indicator starts an activation whose alert chain is worked as a checklist", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/crisis-plans");
    await page.getByRole("link", { name: DEMO_PLAN }).click();
    const watch = page.getByRole("region", { name: "Frühwarnindikatoren beobachten" });
    const indicator = watch.getByRole("listitem").filter({ hasText: "Mobilisierung in Messengergruppen" });
    await indicator.getByLabel("Neuer Zustand").selectOption("red");
    await indicator.getByLabel("Begründung").fill("Aufruf mit Termin und Ort am Samstag");
    await indicator.getByRole("button", { name: "Zustand ändern" }).click();
    await expect(watch.getByText(/von Grün auf Rot – Aufruf mit Termin und Ort am Samstag/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await watch.getByRole("link", { name: /Aktivierung starten: Mobilisierung/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Plan aktivieren" })).toBeVisible();
    await expect(page.getByLabel("Ausgelöst durch")).toHaveValue("mobilisierung");
    await page.getByRole("combobox", { name: /^Stufe/ }).selectOption("2");
    await page.getByLabel(/Lage und Entscheidung/).fill("Kundgebung für Samstag angekündigt.");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Aktivierung starten" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Aktivierung des Plans" })).toBeVisible();
    const checklist = page.getByRole("region", { name: "Alarmkette abarbeiten" });
    const first = checklist.getByRole("checkbox").first();
    await first.focus();
    await page.keyboard.press("Space");
    await expect(first).toBeChecked();
    await expect(checklist.getByText(/erreicht/)).toBeVisible();
    // Controlled by the saved activation: ticked once the server has answered.
    const task = page.getByRole("region", { name: "Maßnahmen dieser Stufe" }).getByRole("checkbox").first();
    await task.click();
    await expect(task).toBeChecked();
    await page.getByLabel("Was ist geschehen?").fill("Polizei informiert, Koordinierungsrunde um 18 Uhr.");
    await page.getByRole("button", { name: "Eintragen" }).click();
    await expect(page.getByText(/Polizei informiert, Koordinierungsrunde um 18 Uhr./)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByLabel(/Kurze Nachbetrachtung/).fill("Alarmkette in 30 Minuten durchlaufen.");
    await page.getByRole("button", { name: "Aktivierung abschließen" }).click();
    await expect(page.getByText("Abgeschlossen", { exact: true })).toBeVisible();
  });

  test("the PDF starts with the alert chain and the offline file opens without the server", async ({ page, browser }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/crisis-plans");
    await page.getByRole("link", { name: DEMO_PLAN }).click();
    const exports = page.getByRole("region", { name: "Für den Ernstfall" });

    const [pdf] = await Promise.all([page.waitForEvent("download"), exports.getByRole("button", { name: "PDF herunterladen" }).click()]);
    const pdfBytes = await readFile(await pdf.path());
    expect(pdfBytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    // The first content stream is the first page: it holds the alert chain and phone numbers.
    const raw = pdfBytes.toString("latin1");
    const start = raw.indexOf("stream", raw.indexOf("/Contents")) + "stream".length;
    const body = raw.slice(start).replace(/^\r?\n/, "");
    const firstPage = inflateSync(Buffer.from(body.slice(0, body.indexOf("endstream")), "latin1")).toString("latin1");
    expect(firstPage).toContain("Alarmkette");
    expect(firstPage).toContain("03695 61 71 00");

    const [html] = await Promise.all([
      page.waitForEvent("download"),
      exports.getByRole("button", { name: "Offline-Fassung (HTML) herunterladen" }).click(),
    ]);
    const file = join(tmpdir(), `krisenplan-${Date.now()}.html`);
    await html.saveAs(file);
    // The server unreachable: a fresh browser context without any network.
    const offline = await browser.newContext();
    await offline.setOffline(true);
    await offline.route("http*://**", (route) => route.abort());
    const reader = await offline.newPage();
    await reader.goto(pathToFileURL(file).href);
    await expect(reader.getByRole("heading", { level: 1, name: /^Alarmkette/ })).toBeVisible();
    await expect(reader.getByText(/Martin Rösner \(036962 2 61 10\)/).first()).toBeVisible();
    await expect(reader.getByText(/Leichte Sprache:/).first()).toBeVisible();
    expect(await seriousViolations(reader)).toEqual([]);
    await offline.close();
  });
});

test.describe.serial("exercise plans of a training series", () => {
  const SERIES = "Kommunales Konfliktmanagement — Qualifizierungsreihe 2026";
  const EXERCISE = "Übungsplan Abschlussmodul: Einwohnerversammlung in Dorndorf";

  test("the trainer finds the final module's exercise plan in the series and copies it into a real draft", async ({ page }) => {
    await signIn(page, ACCOUNTS[3].email);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Qualifizierung" }).click();
    await page.getByRole("link", { name: SERIES }).click();
    const section = page.getByRole("region", { name: "Übungspläne" });
    await expect(section.getByRole("link", { name: EXERCISE })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await section.getByRole("link", { name: EXERCISE }).click();
    await expect(page.getByRole("heading", { level: 1, name: EXERCISE })).toBeVisible();
    await expect(page.getByText("Übungsplan einer Qualifizierungsreihe – zählt nicht als echter Plan.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Als echten Entwurf kopieren" }).click();
    const dialog = page.getByRole("dialog", { name: "Übungsplan als echten Entwurf kopieren" });
    await dialog.getByLabel("Verantwortlich für den Entwurf suchen").fill("Berger");
    await dialog.getByRole("combobox", { name: /^Verantwortlich für den Entwurf/ }).selectOption({ label: "Thomas Berger" });
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Entwurf anlegen" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Entwurf „${EXERCISE}“ für Thomas Berger angelegt.` })).toBeVisible();
  });

  test("the copy is a real draft of the coordinator, and the exercise plan stays out of the real plans", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/crisis-plans?status=draft");
    await page.getByRole("link", { name: EXERCISE }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: EXERCISE })).toBeVisible();
    await expect(page.getByText("Übungsplan einer Qualifizierungsreihe – zählt nicht als echter Plan.")).toHaveCount(0);
    await expect(page.getByText("Entwurf", { exact: true }).first()).toBeVisible();
  });
});
