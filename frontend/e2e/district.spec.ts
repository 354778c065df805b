import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { pdfText } from "./pdf";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const STEERING_GROUP = ACCOUNTS[4].email;

test.describe("regional analysis", () => {
  test("the steering group reads fields, figures and the expertise document, without case titles", async ({ page }) => {
    await signIn(page, STEERING_GROUP);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Regionalanalyse" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Regionalanalyse" })).toBeVisible();

    const fields = page.getByRole("region", { name: "Konfliktfelder" });
    await expect(fields.getByRole("article")).toHaveCount(4);
    await expect(fields.getByRole("heading", { name: "Energiewende vor Ort" })).toBeVisible();
    await expect(fields.getByText("Die Zahl der Fälle steht in den Kennzahlen unten").first()).toBeVisible();
    // No case title, no reference, no link into a case.
    await expect(page.getByRole("main").getByText(/Streit um Windvorranggebiet|WAK-\d{4}-\d{4}/)).toHaveCount(0);
    await expect(page.locator('main a[href^="/cases/"]')).toHaveCount(0);

    const figures = page.getByRole("region", { name: "Kennzahlen aus den Fällen" });
    await expect(figures.getByText(/werden Anzahlen von 1 bis unter 3 nicht angezeigt/)).toBeVisible();
    const heat = figures.getByRole("table", { name: "Orte × Themen" });
    await expect(heat).toBeVisible();
    await expect(heat.getByRole("columnheader").first()).toHaveText("Ort");
    await expect(figures.getByRole("table", { name: "Konfliktlinien zwischen Akteursgruppen" })).toBeVisible();
    const chart = figures.getByRole("figure", { name: /Eskalation im Zeitverlauf/ });
    await chart.getByText("Daten als Tabelle").click();
    await expect(chart.getByRole("table")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    const reports = page.getByRole("region", { name: "Gutachten" });
    await expect(reports.getByRole("button", { name: "Neue Fassung speichern" })).toHaveCount(0);
    const download = page.waitForEvent("download");
    await reports.getByRole("button", { name: "PDF herunterladen (Fassung 1)" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe("regionalanalyse-fassung-1.pdf");
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    expect(text).toContain("Regionale Konfliktanalyse Wartburgkreis");
    expect(text).toContain("Beschlossen von der Steuerungsgruppe");
    expect(text).not.toMatch(/WAK-\d{4}-\d{4}/);
  });

  test("the coordinator names a conflict field by keyboard and saves a new version", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/district-analysis");
    const fields = page.getByRole("region", { name: "Konfliktfelder" });
    // Coordinators see which cases belong to a field, and exact figures.
    await expect(fields.locator('a[href^="/cases/"]').first()).toBeVisible();
    const heat = page.getByRole("table", { name: "Orte × Themen" });
    await expect(heat).toBeVisible();
    await screenshot(page, "district-analysis", page.getByRole("heading", { name: "Orte × Themen" }));
    await page.setViewportSize({ width: 1280, height: 720 });

    await fields.getByRole("button", { name: "Konfliktfeld anlegen" }).focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: "Konfliktfeld anlegen" });
    await expect(dialog.getByLabel("Name")).toBeFocused();
    await page.keyboard.type("Jugend ohne Treffpunkt");
    await page.keyboard.press("Tab");
    await page.keyboard.press("ArrowRight"); // trend: from "stable" on to "falling"
    await expect(dialog.getByRole("radio", { name: "abnehmend" })).toBeChecked();
    await dialog.getByRole("checkbox", { name: "Bildung" }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await dialog.getByRole("button", { name: "Speichern" }).press("Enter");
    await expect(dialog).toBeHidden();
    const card = fields.getByRole("article", { name: "Jugend ohne Treffpunkt" });
    await expect(card).toContainText("abnehmend");
    await expect(card).toContainText("Bildung");

    const reports = page.getByRole("region", { name: "Gutachten" });
    await reports.getByRole("button", { name: "Neue Fassung speichern" }).click();
    const write = page.getByRole("dialog", { name: "Neue Fassung des Gutachtens" });
    await expect(write.getByLabel("Titel")).toHaveValue("Regionale Konfliktanalyse Wartburgkreis");
    await write.getByLabel("Befund: Jugend ohne Treffpunkt").fill("Jugendliche treffen sich an der Tankstelle.");
    await write.getByLabel("Anzahl der Interviews").fill("31");
    await write.getByRole("button", { name: "Neue Fassung speichern" }).click();
    await expect(write).toBeHidden();
    await expect(reports.getByText("Fassung 3", { exact: true })).toBeVisible();

    const download = page.waitForEvent("download");
    await reports.getByRole("button", { name: "Als HTML-Seite herunterladen (Fassung 3)" }).click();
    const html = await readFile((await (await download).path())!, "utf8");
    expect(html).toContain("Jugendliche treffen sich an der Tankstelle.");
    expect(html).toContain("Interviews: 31");

    // Tidy up for the next run: the field goes again.
    await card.getByRole("button", { name: "Entfernen (Jugend ohne Treffpunkt)" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Entfernen" }).click();
    await expect(card).toHaveCount(0);
  });

  test("on a phone nothing scrolls sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, STEERING_GROUP);
    await expectDashboard(page);
    await page.goto("/district-analysis");
    await expect(page.getByRole("table", { name: "Orte × Themen" })).toBeVisible();
    const beyond = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(beyond).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
