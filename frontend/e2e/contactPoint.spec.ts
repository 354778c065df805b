import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { expectDashboard, signIn } from "./support";

const PHONE = { width: 390, height: 844 };
const PUBLIC_PAGE = "/kontakt/wartburgkreis";
const COORDINATOR = "koordination@wartburgkreis.example";
const LISTED_MANAGER = "konfliktmanagement@wartburgkreis.example";

async function sideways(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe.configure({ mode: "serial" });

let reference = "";

test("an anonymous visitor on a phone asks for help and gets a reference", async ({ page }) => {
  await page.setViewportSize(PHONE);
  await page.goto(PUBLIC_PAGE);
  await expect(page.getByRole("heading", { level: 1, name: /Wartburgkreis/ })).toBeVisible();
  await expect(page.getByText("Demokratiewerkstatt Bad Salzungen").first()).toBeVisible();
  await expect(page.getByText(/Polizei: 110/)).toBeVisible();
  await expect(page.getByRole("link", { name: /Leichter Sprache/ })).toHaveAttribute("href", "/leichte-sprache");
  await expect(page.getByText("Anna Schulze")).toBeVisible();
  expect(await sideways(page)).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);

  await page.getByRole("button", { name: "Um Hilfe bitten" }).click();
  await expect(page.getByRole("heading", { name: "Um Hilfe bitten" })).toBeFocused();
  // Sending without a description or consent names both problems.
  await page.getByRole("button", { name: "Anfrage senden" }).click();
  await expect(page.getByRole("alert")).toContainText("Bitte beschreiben Sie kurz");
  await page.getByLabel(/Was ist passiert/).fill("Auf dem Dorffest gab es Streit zwischen Verein und Anwohnenden.");
  await page.getByLabel("Wo?").selectOption({ label: "Tiefenort" });
  await page.getByLabel("Seit wann?").fill("seit dem Sommer");
  await page.getByLabel("So bald wie möglich").check();
  await page.getByLabel(/gar nicht – ich frage anonym/).check();
  await page.getByLabel(/Ich bin einverstanden/).check();
  expect(await sideways(page)).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
  // A person takes longer than the minimum fill time; the test waits as long.
  await page.waitForTimeout(3200);
  await page.getByRole("button", { name: "Anfrage senden" }).click();

  await expect(page.getByRole("heading", { name: /Ihre Anfrage ist angekommen/ })).toBeFocused();
  reference = (await page.getByTestId("request-reference").textContent()) ?? "";
  expect(reference).toMatch(/^A-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await expect(page.getByText(/anonym angefragt/)).toBeVisible();
  expect(await sideways(page)).toBe(0);
  expect(await seriousViolations(page)).toEqual([]);
});

test("the public page of an unknown municipality says so, without signing in", async ({ page }) => {
  await page.goto("/kontakt/gibt-es-nicht");
  await expect(page.getByText("Diese Seite gibt es nicht.")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
});

test("the coordinator finds the request in the inbox and turns it into a case", async ({ page }) => {
  test.skip(!reference, "needs the request of the first test");
  await signIn(page, COORDINATOR);
  await expect(page.getByRole("heading", { name: "Neue Anfragen" })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Anfragen" }).click();
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Anfrage ${reference}` })).toBeVisible();
  await expect(page.getByText("anonym", { exact: true })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole("button", { name: "Fall eröffnen" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Titel des Falls").fill("Streit beim Dorffest in Tiefenort");
  await dialog.getByRole("button", { name: "Fall eröffnen" }).click();
  await expect(page.getByText("Fall eröffnet")).toBeVisible();
  await page.getByRole("link", { name: "Zum Fall" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Streit beim Dorffest in Tiefenort/ })).toBeVisible();
  await expect(page.getByText("Tiefenort").first()).toBeVisible();
});

test("the coordinator edits the page with a preview", async ({ page }) => {
  await signIn(page, COORDINATOR);
  await expectDashboard(page);
  await page.goto("/requests/contact-page");
  await expect(page.getByRole("heading", { level: 1, name: "Öffentliche Kontaktseite" })).toBeVisible();
  const preview = page.locator(".contact-preview");
  await page.getByLabel("Öffnungszeiten").fill("Dienstag 10–16 Uhr");
  await expect(preview.getByText("Dienstag 10–16 Uhr")).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, "contact-page-editor");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Die Kontaktseite ist gespeichert.")).toBeVisible();
  await page.goto("/requests");
  await screenshot(page, "requests-inbox");
});

test("a listed conflict manager withdraws consent and disappears from the public page", async ({ page, browser }) => {
  await signIn(page, LISTED_MANAGER);
  await expectDashboard(page);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Auf der öffentlichen Kontaktseite" }) });
  await expect(panel.getByText(/Sie sind auf der öffentlichen Kontaktseite/)).toBeVisible();
  await panel.getByRole("button", { name: "Einwilligung widerrufen" }).click();
  await expect(panel.getByText(/Sie sind nicht auf der öffentlichen Kontaktseite genannt/)).toBeVisible();

  const visitor = await browser.newPage();
  await visitor.goto(PUBLIC_PAGE);
  await expect(visitor.getByText("Markus Keller")).toBeVisible();
  await expect(visitor.getByText("Anna Schulze")).toHaveCount(0);
  await screenshot(visitor, "contact-page-public");
  await visitor.close();

  // Consent given again: listed again.
  await panel.getByRole("button", { name: "Einwilligen und nennen" }).click();
  await expect(panel.getByText(/Sie sind auf der öffentlichen Kontaktseite/)).toBeVisible();
});
