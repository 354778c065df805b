import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, germanYear, signIn } from "./support";

const STEERING_GROUP = ACCOUNTS[4].email;
const ADMIN = ACCOUNTS[0].email;
const COORDINATOR = ACCOUNTS[1].email;

test.describe("statistics", () => {
  test("charts with tables for the current year, suppressed figures named as such, another period chosen", async ({ page }) => {
    const year = germanYear();
    await signIn(page, STEERING_GROUP);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Statistik" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Statistik" })).toBeVisible();

    await expect(page.getByLabel("Jahr")).toHaveValue(String(year));
    await expect(page.getByRole("button", { name: "Dieses Jahr" })).toHaveAttribute("aria-pressed", "true");

    const cases = page.getByRole("region", { name: "Konfliktfälle" });
    const byMonth = cases.getByRole("figure", { name: "Neue und abgeschlossene Fälle je Monat" });
    await expect(byMonth.getByRole("img", { name: "Neue und abgeschlossene Fälle je Monat" })).toBeVisible();
    await byMonth.getByText("Daten als Tabelle").click();
    const table = byMonth.getByRole("table");
    await expect(table.getByRole("row")).toHaveCount(13);
    await expect(table.getByRole("row", { name: new RegExp(`^Januar ${year}`) })).toBeVisible();

    // The demo data has small counts: for the steering group they are withheld, and say so.
    await expect(page.getByText(/werden Anzahlen von 1 bis unter 3 nicht angezeigt/)).toBeVisible();
    await expect(page.locator(".figure-suppressed").first()).toContainText("unterdrückt");
    await expect(page.locator(".bar-suppressed").first()).toBeAttached();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "statistics", cases);

    await page.getByRole("button", { name: "Vorjahr" }).click();
    await expect(page).toHaveURL(new RegExp(`from=${year - 1}-01-01&to=${year - 1}-12-31`));
    await expect(page.getByRole("status").filter({ hasText: `Angezeigt: 01.01.${year - 1} bis 31.12.${year - 1}` })).toBeVisible();

    // The steering group chooses whole calendar years only: no other period would be answered.
    await expect(page.getByRole("button", { name: "Letzte 12 Monate" })).toHaveCount(0);
    await expect(page.getByLabel("Von")).toHaveCount(0);
    await page.getByLabel("Jahr").selectOption(String(year - 2));
    await expect(page).toHaveURL(new RegExp(`from=${year - 2}-01-01&to=${year - 2}-12-31`));
    await expect(page.getByRole("status").filter({ hasText: `Angezeigt: 01.01.${year - 2} bis 31.12.${year - 2}` })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // A shorter period in the address is shown as its whole year, not refused.
    await page.goto(`/statistics?from=${year}-03-01&to=${year}-03-31`);
    await expect(page.getByRole("status").filter({ hasText: `Angezeigt: 01.01.${year} bis 31.12.${year}` })).toBeVisible();
    await expect(page.locator(".figure-suppressed").first()).toContainText("unterdrückt");
  });

  test("the coordinator chooses any period and is told when it is impossible", async ({ page }) => {
    const year = germanYear();
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/statistics");
    await page.getByRole("button", { name: "Letzte 12 Monate" }).click();
    await expect(page.getByRole("button", { name: "Letzte 12 Monate" })).toHaveAttribute("aria-pressed", "true");
    await expect(page.getByText("Sie sehen alle Werte genau; nichts ist unterdrückt.").first()).toBeVisible();

    await page.getByLabel("Von").fill(`${year}-06-30`);
    await page.getByLabel("Bis").fill(`${year}-06-01`);
    await page.getByRole("button", { name: "Zeitraum anzeigen" }).click();
    await expect(page.getByLabel("Bis")).toHaveAccessibleDescription("Das Enddatum darf nicht vor dem Anfangsdatum liegen.");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a section downloads as CSV with the same figures, suppressed ones left empty", async ({ page }) => {
    await signIn(page, STEERING_GROUP);
    await expectDashboard(page);
    await page.goto("/statistics");
    const cases = page.getByRole("region", { name: "Konfliktfälle" });
    await expect(cases.getByRole("figure").first()).toBeVisible();

    const requested = page.waitForRequest((request) => request.url().includes("/api/v1/statistics/cases") && request.headers()["accept"] === "text/csv");
    const download = page.waitForEvent("download");
    await cases.getByRole("button", { name: "CSV herunterladen (Konfliktfälle)" }).click();
    await requested;
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^kokoma-cases-\d{4}-01-01-\d{4}-12-31\.csv$/);

    const text = await readFile((await file.path())!, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff); // Excel opens UTF-8 with a byte-order mark
    const lines = text.slice(1).split("\r\n").filter(Boolean);
    // German names for people, each with its code in the next column for machines.
    expect(lines[0]).toBe(
      "Bereich;Bereich (Code);Kategorie;Kategorie (Code);Kennzahl;Kennzahl (Code);Wert (leer = unterdrückt oder nicht anwendbar)",
    );
    expect(lines).toContainEqual(expect.stringMatching(/^Gesamt;;;;Neu;new;\d+$/));
    expect(lines.some((line) => line.startsWith("Nach Status;by_status;Bearbeitung;in_progress;Anzahl;count;"))).toBe(true);
    expect(lines.some((line) => line.startsWith("Je Monat;by_month;") && line.endsWith(";"))).toBe(true);

    // The figures of the page and of the file agree.
    const newCases = lines.find((line) => line.startsWith("Gesamt;;;;Neu;new;"))!.split(";")[6];
    await expect(cases.locator(".totals").getByText("Neue Fälle").locator("..")).toContainText(newCases!);
  });

  test("the project lead sees the municipalities side by side", async ({ page }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);
    await page.goto("/statistics");
    const network = page.getByRole("region", { name: "Kommunen im Vergleich" });
    await expect(network.getByRole("table", { name: "Kommunen im Vergleich" })).toContainText("Wartburgkreis");
    await expect(network.getByRole("row", { name: /^Alle Kommunen/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test("the steering group reads how often crisis plans were activated, per level and month", async ({ page }) => {
  await signIn(page, STEERING_GROUP);
  await expectDashboard(page);
  await page.goto("/statistics");
  const activations = page.getByRole("region", { name: "Krisenvorsorge: Aktivierungen" });
  const byLevel = activations.getByRole("figure", { name: "Aktivierungen nach Planstufe" });
  await expect(byLevel).toBeVisible();
  await byLevel.getByText("Daten als Tabelle").click();
  await expect(byLevel.getByRole("row", { name: /^Stufe 2 – Lage/ })).toBeVisible();
  // The demo's one activation is a small count: withheld from the steering group, and said so.
  await expect(activations.locator(".figure-suppressed").first()).toContainText("unterdrückt");
  expect(await seriousViolations(page)).toEqual([]);
});
