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

/** Signs the conflict manager in and opens the analysis of the demo case; answers its id. */
async function openDemoAnalysis(page: Page, request: APIRequestContext): Promise<string> {
  const caseId = await demoAnalysedCase(request);
  await signIn(page, CONFLICT_MANAGER);
  await expectDashboard(page);
  await page.goto(`/cases/${caseId}/analysis`);
  return caseId;
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
    await expect(page.getByRole("group", { name: "Konfliktlandkarte" })).toBeVisible();
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

  test("actors move on the map by keyboard and by drag, and keep their places", async ({ page, request }) => {
    test.slow();
    const caseId = await demoAnalysedCase(request);
    const token = await apiToken(request, CONFLICT_MANAGER);
    const placeOf = async (label: string) => {
      const analysis = await request.get(`/api/v1/cases/${caseId}/analysis`, { headers: { Authorization: `Bearer ${token}` } });
      const actors = ((await analysis.json()) as { content: { actors: { label: string; position: { x: number; y: number } | null }[] } }).content.actors;
      return actors.find((actor) => actor.label === label)?.position ?? null;
    };
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${caseId}/analysis`);
    const map = page.getByRole("group", { name: "Konfliktlandkarte" });

    // Keyboard: Tab reaches the actor, arrow keys move it, a live region says where it stands.
    const council = map.getByRole("button", { name: "Gemeinderat (Mehrheit)", exact: true });
    await council.focus();
    const before = await council.getAttribute("transform");
    const stored = page.waitForResponse((r) => r.url().endsWith("/analysis/positions") && r.request().method() === "PUT");
    await page.keyboard.press("Shift+ArrowRight");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByText(/^Gemeinderat \(Mehrheit\) steht jetzt bei \d+ % von links und \d+ % von oben\.$/)).toBeAttached();
    expect((await stored).status()).toBe(200);
    expect(await council.getAttribute("transform")).not.toBe(before);
    const moved = await placeOf("Gemeinderat (Mehrheit)");
    expect(moved).not.toBeNull();

    // Pointer: drag another actor some way to the left and up.
    const initiative = map.getByRole("button", { name: "Bürgerinitiative Gegenwind", exact: true });
    const box = (await initiative.boundingBox())!;
    const start = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const dragged = page.waitForResponse((r) => r.url().endsWith("/analysis/positions") && r.request().method() === "PUT");
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x - 40, start.y - 20, { steps: 5 });
    await page.mouse.move(start.x - 80, start.y - 40, { steps: 5 });
    await page.mouse.up();
    expect((await dragged).status()).toBe(200);

    // Both places survive a reload.
    await page.reload();
    const after = (await map.getByRole("button", { name: "Bürgerinitiative Gegenwind", exact: true }).boundingBox())!;
    expect(after.x).toBeLessThan(box.x - 40);
    expect(await placeOf("Gemeinderat (Mehrheit)")).toEqual(moved);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a suggested network contact is referred in one click, ending on the case's timeline", async ({ page, request }) => {
    test.slow();
    const caseId = await openDemoAnalysis(page, request);
    const guidance = page.getByRole("region", { name: "Orientierung: passende Hilfe durch Dritte" });
    await expect(guidance.getByRole("heading", { name: "Passende Kontakte aus dem Netzwerk" })).toBeVisible();
    const refer = guidance.getByRole("button", { name: /^An .+ vermitteln$/ }).first();
    const name = (await refer.textContent())!.replace(/^An /, "").replace(/ vermitteln$/, "");
    expect(await seriousViolations(page)).toEqual([]);
    await refer.click();
    await expect(page).toHaveURL(new RegExp(`/cases/${caseId}#case-timeline$`));
    await expect(page.getByRole("status").filter({ hasText: "Die Vermittlung wurde als Vorschlag erfasst" })).toBeVisible();
    const timeline = page.getByRole("region", { name: "Verlauf" });
    await expect(timeline).toContainText(`Vermittlung an ${name} erfasst`);
  });

  test("the course chart shows the stage over time per pair, with its table", async ({ page, request }) => {
    test.slow();
    await openDemoAnalysis(page, request);
    const section = page.getByRole("region", { name: "Verlauf der Eskalation je Paar" });
    await expect(section.getByRole("img", { name: "Verlauf der Eskalation je Paar" })).toBeVisible();
    const table = section.getByRole("table", { name: "Verlauf je Paar: Stufe über die Zeit" });
    const pair = table.getByRole("row").filter({ hasText: "Bürgerinitiative Gegenwind – Gemeinderat (Mehrheit)" });
    // Several saved versions with different stages, and the turning points between them.
    expect(await pair.filter({ hasText: /Version \d/ }).count()).toBeGreaterThanOrEqual(2);
    await expect(pair.filter({ hasText: "Wendepunkt" }).first()).toBeVisible();
    const stages = new Set(await pair.getByRole("cell").filter({ hasText: /^Stufe \d/ }).allTextContents());
    expect(stages.size).toBeGreaterThanOrEqual(2);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "course-chart", section);
  });

  test("the analysis prints map, course, tables and texts without navigation or controls", async ({ page, request }) => {
    test.slow();
    await openDemoAnalysis(page, request);
    await expect(page.getByRole("button", { name: "Drucken" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Verlauf der Eskalation je Paar" }).getByRole("table")).toBeVisible();
    await page.emulateMedia({ media: "print" });
    // What prints: the map, its and the course's tables, the texts of the analysis.
    await expect(page.getByRole("group", { name: "Konfliktlandkarte" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Akteure der Konfliktlandkarte" })).toBeVisible();
    await expect(page.getByRole("table", { name: "Verlauf je Paar: Stufe über die Zeit" })).toBeVisible();
    await expect(page.getByRole("img", { name: "Verlauf der Eskalation je Paar" })).toBeVisible();
    const details = page.getByRole("region", { name: "Die Analyse im Einzelnen" });
    await expect(details).toBeVisible();
    await expect(details).toContainText("Empfehlungen");
    // What does not: navigation, header, footer, the form and every button.
    await expect(page.getByRole("navigation", { name: "Hauptnavigation" })).toBeHidden();
    await expect(page.getByRole("banner")).toBeHidden();
    await expect(page.getByRole("contentinfo")).toBeHidden();
    await expect(page.getByRole("navigation", { name: "Brotkrumennavigation" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Analyse speichern" })).toBeHidden();
    await expect(page.getByRole("button", { name: "Drucken" })).toBeHidden();
    await expect(page.getByRole("button", { name: /vermitteln$/ }).first()).toBeHidden();
    await expect(page.getByRole("region", { name: "Als PDF weitergeben" })).toBeHidden();
    await page.emulateMedia({ media: "screen" });
    await expect(page.getByRole("region", { name: "Die Analyse im Einzelnen" })).toBeHidden();
  });

  test("a demo analysis reads well, on a phone too", async ({ page, request }) => {
    await openDemoAnalysis(page, request);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Konfliktanalyse: WAK-/);
    await expect(page.getByRole("table", { name: "Akteure der Konfliktlandkarte" })).toContainText("Bürgerinitiative Gegenwind");
    await expect(page.getByRole("table", { name: "Gespeicherte Versionen" })).toContainText("Vor der Bürgerversammlung");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "conflict-map", page.locator("#analysis-map-heading"));

    await page.setViewportSize(PHONE);
    await page.reload();
    await expect(page.getByRole("group", { name: "Konfliktlandkarte" })).toBeVisible();
    await page.waitForLoadState("networkidle");
    await noSidewaysScroll(page);
  });

  test("the analysis downloads as a PDF, with labels instead of names unless ticked", async ({ page, request }) => {
    await openDemoAnalysis(page, request);
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
