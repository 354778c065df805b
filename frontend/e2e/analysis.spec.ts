import { readFile } from "node:fs/promises";
import { constants, inflateSync } from "node:zlib";
import { expect, test } from "@playwright/test";
import type { APIRequestContext, Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { CONFLICT_MANAGER, apiToken, createCase } from "./casework";
import { screenshot } from "./screenshots";
import { expectDashboard, signIn } from "./support";

const PHONE = { width: 390, height: 844 };

/** Presses a button the keyboard has reached. */
async function press(page: Page, name: string | RegExp) {
  await page.getByRole("button", { name }).focus();
  await page.keyboard.press("Enter");
}

/** The demo case whose analysis has saved versions (the wind farm dispute in the Wartburgkreis). */
async function demoAnalysedCase(request: APIRequestContext): Promise<string> {
  const token = await apiToken(request, CONFLICT_MANAGER);
  const headers = { Authorization: `Bearer ${token}` };
  const list = await request.get("/api/v1/cases", { headers, params: { q: "Windvorranggebiet", limit: 100 } });
  for (const item of ((await list.json()) as { items: { id: string }[] }).items) {
    const analysis = await request.get(`/api/v1/cases/${item.id}/analysis`, { headers });
    if (((await analysis.json()) as { version: number }).version > 0) return item.id;
  }
  throw new Error("no analysed demo case");
}

/** The text fpdf2 writes into a PDF's (compressed) page streams. */
function pdfText(bytes: Buffer): string {
  const source = bytes.toString("latin1");
  const parts: string[] = [];
  for (const match of source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    try {
      const data = Buffer.from(match[1]!, "latin1");
      parts.push(inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH }).toString("latin1"));
    } catch {
      parts.push(match[1]!);
    }
  }
  return parts.join("\n");
}

async function noSidewaysScroll(page: Page) {
  const beyond = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(beyond).toBeLessThanOrEqual(0);
}

test.describe("conflict analysis", () => {
  test("a conflict manager builds a map with the keyboard, saves and compares versions", async ({ page, request }) => {
    const created = await createCase(request, { title: "Streit um die Ortsumgehung in Dippach", escalation_level: 2 });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${created.id}`);
    await page.getByRole("link", { name: "Konfliktanalyse mit Konfliktlandkarte" }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Konfliktanalyse: ${created.reference}`);
    await expect(page.getByText("Für diesen Fall gibt es noch keine Analyse.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // Two actors: the new actor's first field has the focus at once.
    await press(page, "Akteur hinzufügen");
    await expect(page.getByRole("textbox", { name: /^Bezeichnung/ }).first()).toBeFocused();
    await page.keyboard.type("Bürgerinitiative Ortsumgehung");
    await press(page, "Akteur hinzufügen");
    await expect(page.getByRole("textbox", { name: /^Bezeichnung/ }).nth(1)).toBeFocused();
    await page.keyboard.type("Gemeinderat");

    // A conflict relationship between them (the defaults), and the stage of the pair.
    await press(page, "Beziehung hinzufügen");
    await expect(page.getByRole("combobox", { name: /^Von/ })).toBeFocused();
    await press(page, "Einschätzung hinzufügen");
    await expect(page.getByRole("combobox", { name: /^Partei A/ })).toBeFocused();
    await page.getByRole("combobox", { name: /^Eskalationsstufe nach Glasl/ }).focus();
    for (let i = 0; i < 3; i += 1) await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("combobox", { name: /^Eskalationsstufe nach Glasl/ })).toHaveValue("4");
    await expect(page.getByText("Ebene: Win-lose (Stufen 4–6)")).toBeVisible();

    await press(page, "Analyse speichern");
    await expect(page.getByRole("status").filter({ hasText: "Die Analyse wurde gespeichert." })).toBeVisible();
    const stages = page.getByRole("table", { name: "Eskalationsstufen je Paar" });
    await expect(stages).toContainText("Bürgerinitiative Ortsumgehung – Gemeinderat");
    await expect(stages).toContainText("Stufe 4 – Sorge um Image und Koalition");
    await expect(page.getByRole("table", { name: "Beziehungen der Konfliktlandkarte" })).toContainText("Konflikt");
    await expect(page.getByRole("img", { name: "Konfliktlandkarte" })).toBeVisible();
    const guidance = page.getByRole("region", { name: "Orientierung: passende Hilfe durch Dritte" });
    await expect(guidance).toContainText("Orientierungshilfe, keine Regel");
    await expect(guidance).toContainText("Mediation (Stufen 4–7)");

    // Version 1, then a higher stage as version 2.
    await page.getByRole("textbox", { name: "Notiz zur Version" }).focus();
    await page.keyboard.type("Nach dem Erstgespräch");
    await page.keyboard.press("Enter");
    await expect(page.getByText("Version 1 wurde gespeichert.")).toBeVisible();
    await page.getByRole("combobox", { name: /^Eskalationsstufe nach Glasl/ }).focus();
    await page.keyboard.press("ArrowDown");
    await press(page, "Analyse speichern");
    await expect(page.getByRole("status").filter({ hasText: "Die Analyse wurde gespeichert." })).toBeVisible();
    await press(page, "Als Version speichern");
    await expect(page.getByText("Version 2 wurde gespeichert.")).toBeVisible();
    const versions = page.getByRole("table", { name: "Gespeicherte Versionen" });
    await expect(versions).toContainText("Nach dem Erstgespräch");

    await press(page, "Vergleichen");
    const changes = page.getByRole("table", { name: "Änderungen von Version 1 zu Version 2" });
    await expect(changes.getByRole("row").filter({ hasText: "stage" })).toContainText("4");
    await expect(changes.getByRole("row").filter({ hasText: "stage" })).toContainText("5");
    expect(await seriousViolations(page)).toEqual([]);

    // The case's headline stage followed the highest pair.
    await page.getByRole("link", { name: created.reference }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Streit um die Ortsumgehung in Dippach");
    await expect(page.locator(".case-meta")).toContainText("Stufe 5");
  });

  test("a demo analysis reads well, on a phone too", async ({ page, request }) => {
    const caseId = await demoAnalysedCase(request);
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${caseId}/analysis`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Konfliktanalyse: WAK-/);
    await expect(page.getByRole("table", { name: "Akteure der Konfliktlandkarte" })).toContainText("Bürgerinitiative Gegenwind");
    await expect(page.getByRole("table", { name: "Gespeicherte Versionen" })).toContainText("Vor der Bürgerversammlung");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "conflict-map", page.locator("#analysis-map-heading"));

    await page.setViewportSize(PHONE);
    await page.reload();
    await expect(page.getByRole("img", { name: "Konfliktlandkarte" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await noSidewaysScroll(page);
  });

  test("the analysis downloads as a PDF, with labels instead of names unless ticked", async ({ page, request }) => {
    const caseId = await demoAnalysedCase(request);
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${caseId}/analysis`);
    const panel = page.getByRole("region", { name: "Als PDF weitergeben" });
    await expect(panel.getByRole("checkbox", { name: "Namen von Personen einbeziehen" })).not.toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    const download = page.waitForEvent("download");
    await panel.getByRole("button", { name: "PDF herunterladen" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^konfliktanalyse-WAK-\d{4}-\d{4}\.pdf$/);
    const text = pdfText(await readFile((await file.path())!));
    expect(text).toContain("Konfliktlandkarte");
    expect(text).toContain("Verlauf der Eskalation je Paar");
    expect(text).toContain("Bürgerinitiative Gegenwind"); // latin-1, as the core fonts write it
    expect(text).toContain("Personennamen sind nicht enthalten.");
  });
});
