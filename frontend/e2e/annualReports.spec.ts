import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { pdfText } from "./pdf";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, germanYear, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const STEERING_GROUP = ACCOUNTS[4].email;
const THIS_YEAR = germanYear();

async function openReport(page: Page) {
  await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Sachbericht" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Sachbericht" })).toBeVisible();
}

test.describe("annual report", () => {
  test("the coordinator writes, generates by keyboard and finds a figure in the PDF", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await openReport(page);
    const draft = page.getByRole("region", { name: `Entwurf ${THIS_YEAR}` });
    const figures = draft.getByRole("region", { name: `Zahlen ${THIS_YEAR}` });
    const newCases = figures.locator(".annual-key-figures div", { hasText: "Neue Fälle" }).locator("dd");
    await expect(newCases).toHaveText(/^\d+$/);
    const count = (await newCases.textContent())!.trim();
    expect(Number(count)).toBeGreaterThan(0);
    await expect(figures.getByRole("table", { name: "Neue Fälle nach Thema" })).toBeVisible();
    await screenshot(page, "annual-report", page.getByRole("heading", { name: `Entwurf ${THIS_YEAR}` }));
    expect(await seriousViolations(page)).toEqual([]);

    const marker = `Ziele ${Date.now()}: Nachsorge fest vereinbaren.`;
    await draft.getByLabel("Ziele").fill(marker);
    await draft.getByRole("button", { name: "Fassung erzeugen" }).focus();
    await page.keyboard.press("Enter");
    const done = draft.getByRole("status").filter({ hasText: /Fassung \d+ erzeugt\./ });
    await expect(done).toBeVisible();
    const number = (await done.textContent())!.match(/Fassung (\d+)/)![1];
    // The words were saved before the version was frozen.
    await expect(draft.getByText(/Zuletzt gespeichert am/)).toBeVisible();

    const versions = page.getByRole("region", { name: "Erzeugte Fassungen" });
    const download = page.waitForEvent("download");
    await versions
      .getByRole("button", { name: `PDF herunterladen (Sachbericht ${THIS_YEAR}, Fassung ${number})` })
      .press("Enter");
    const file = await download;
    expect(file.suggestedFilename()).toBe(`sachbericht-${THIS_YEAR}-fassung-${number}.pdf`);
    const bytes = await readFile((await file.path())!);
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(bytes);
    expect(text).toContain(`Sachbericht ${THIS_YEAR}`);
    expect(text).toContain(`Neue Fälle: ${count}`);
    expect(text).toContain(marker);

    const word = page.waitForEvent("download");
    await versions
      .getByRole("button", { name: `Word-Dokument herunterladen (Sachbericht ${THIS_YEAR}, Fassung ${number})` })
      .click();
    expect((await word).suggestedFilename()).toBe(`sachbericht-${THIS_YEAR}-fassung-${number}.docx`);
  });

  test("the steering group reads generated versions only", async ({ page }) => {
    await signIn(page, STEERING_GROUP);
    await expectDashboard(page);
    await openReport(page);
    await expect(page.getByRole("button", { name: "Fassung erzeugen" })).toHaveCount(0);
    await expect(page.getByRole("textbox")).toHaveCount(0);
    const versions = page.getByRole("region", { name: "Erzeugte Fassungen" });
    const last = `Sachbericht ${THIS_YEAR - 1}, Fassung 1`;
    await expect(versions.getByText(last, { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    const download = page.waitForEvent("download");
    await versions.getByRole("button", { name: `PDF herunterladen (${last})` }).click();
    const text = pdfText(await readFile((await (await download).path())!));
    expect(text).toContain(`Sachbericht ${THIS_YEAR - 1}`);
    expect(text).toContain("Zum Schutz der beteiligten Personen");
  });

  test("on a phone nothing scrolls sideways", async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/annual-reports");
    await expect(page.getByRole("heading", { name: `Zahlen ${THIS_YEAR}` })).toBeVisible();
    const beyond = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(beyond).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
  });
});
