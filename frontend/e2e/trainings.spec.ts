import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

const TRAINER = ACCOUNTS[3].email;
const SERIES = "Kommunales Konfliktmanagement — Qualifizierungsreihe 2026";
// In the demo data she missed modules; once present everywhere she completes the series.
const PARTICIPANT = "Sandra Möller";

async function openSeries(page: Page) {
  await page.goto("/trainings");
  await page.getByRole("link", { name: SERIES }).click();
  await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
}

test.describe.serial("trainings", () => {
  test("the attendance grid records a whole session day in one request, by keyboard", async ({ page }) => {
    // One page load and save per session day of the demo series (nine of them).
    test.slow();
    await signIn(page, TRAINER);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Qualifizierung" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Qualifizierung" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("link", { name: SERIES }).click();
    await expect(page.getByRole("heading", { level: 1, name: SERIES })).toBeVisible();
    const participants = page.getByRole("table", { name: "Teilnehmende der Reihe mit Abschluss und Zertifikat" });
    await expect(participants.getByRole("row", { name: new RegExp(PARTICIPANT) })).toContainText("noch nicht abgeschlossen");
    expect(await seriousViolations(page)).toEqual([]);

    const sessions = await page.getByRole("link", { name: /^Anwesenheit erfassen/ }).evaluateAll((links) =>
      links.map((link) => (link as HTMLAnchorElement).pathname),
    );
    expect(sessions.length).toBeGreaterThan(4);
    let saves = 0;
    page.on("request", (request) => {
      if (request.method() === "PUT" && request.url().endsWith("/attendance")) saves += 1;
    });

    for (const [index, path] of sessions.entries()) {
      await page.goto(path);
      const row = page.getByRole("radiogroup", { name: PARTICIPANT });
      await expect(row).toBeVisible();
      if (index === 0) {
        expect(await seriousViolations(page)).toEqual([]);
        // Keyboard: within a row's group the arrow keys change the choice.
        await row.getByRole("radio", { name: "Anwesend", exact: true }).focus();
        await page.keyboard.press("ArrowRight");
        await expect(row.getByRole("radio", { name: "Verspätet", exact: true })).toBeChecked();
        await page.keyboard.press("ArrowLeft");
        await expect(row.getByRole("radio", { name: "Anwesend", exact: true })).toBeChecked();
        await screenshot(page, "trainings");
      } else {
        await row.getByRole("radio", { name: "Anwesend", exact: true }).check();
      }
      await page.getByRole("button", { name: "Anwesenheit speichern" }).click();
      await expect(page.getByRole("status").filter({ hasText: "Die Anwesenheit wurde gespeichert." })).toBeVisible();
      // The whole register in one request.
      expect(saves).toBe(index + 1);
    }

    await openSeries(page);
    await expect(participants.getByRole("row", { name: new RegExp(PARTICIPANT) })).toContainText("abgeschlossen am");
  });

  test("a certificate is issued to the participant who completed, and downloads as a PDF", async ({ page, browser, baseURL }) => {
    await signIn(page, TRAINER);
    await expectDashboard(page);
    await openSeries(page);

    await page.getByRole("checkbox", { name: `Zertifikat für ${PARTICIPANT} ausstellen` }).check();
    await page.getByRole("button", { name: "Zertifikate für Ausgewählte ausstellen (1)" }).click();
    await expect(page.getByText("1 Zertifikat ausgestellt.")).toBeVisible();

    const certificates = page.getByRole("table", { name: "Ausgestellte Zertifikate" });
    const row = certificates.getByRole("row", { name: new RegExp(PARTICIPANT) });
    await expect(row).toContainText("gültig");
    const number = (await row.getByRole("rowheader").innerText()).trim();
    expect(number).toMatch(/^KOKOMA-WAK-\d{4}-\d{4}$/);
    expect(await seriousViolations(page)).toEqual([]);

    const download = page.waitForEvent("download");
    const response = page.waitForResponse((answer) => answer.url().endsWith("/pdf"));
    await row.getByRole("button", { name: `PDF (${number})` }).click();
    expect((await response).headers()["content-type"]).toBe("application/pdf");
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

    // Anyone can check the certificate by its code, without signing in.
    const code = (await row.getByRole("link").innerText()).split("\n")[0]!.trim();
    const stranger = await browser.newContext({ baseURL, locale: "de-DE" });
    const visitor = await stranger.newPage();
    await visitor.goto(`/zertifikat/pruefen/${encodeURIComponent(code)}`);
    await expect(visitor.getByRole("heading", { level: 1, name: "Zertifikat prüfen" })).toBeVisible();
    await expect(visitor.getByText("Dieses Zertifikat ist echt und gültig.")).toBeVisible();
    await expect(visitor.getByRole("main")).toContainText(PARTICIPANT);
    // The number and the issuer, as printed on the certificate.
    const facts = visitor.locator("dl");
    await expect(facts.getByRole("definition").filter({ hasText: number })).toBeVisible();
    await expect(facts).toContainText("Ausgestellt vonWartburgkreis");
    expect(await seriousViolations(visitor)).toEqual([]);

    await visitor.getByLabel("Prüfcode").fill("gibt-es-nicht-1234");
    await visitor.getByRole("button", { name: "Prüfen" }).click();
    await expect(visitor.getByText("Zu diesem Prüfcode gibt es kein Zertifikat.")).toBeVisible();
    await stranger.close();
  });

  test("the attendance page switches to English and back", async ({ page }) => {
    await signIn(page, TRAINER);
    await expectDashboard(page);
    await openSeries(page);
    await page.getByRole("link", { name: /^Anwesenheit erfassen/ }).first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Anwesenheit am / })).toBeVisible();

    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1, name: /^Attendance on \d{2}\/\d{2}\/\d{4}$/ })).toBeVisible();
    await expect(page.getByRole("radiogroup", { name: PARTICIPANT }).getByRole("radio", { name: "Present" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Save attendance" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("button", { name: "Anwesenheit speichern" })).toBeVisible();
  });
});
