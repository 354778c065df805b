import { expect } from "@playwright/test";
import type { Page } from "@playwright/test";

export const DEMO_PASSWORD = "KoKoMa-Demo-2026";

/** Demo accounts (`kokoma demo-data`) with the areas their role should see in the navigation. */
export const ACCOUNTS = [
  {
    role: "admin",
    email: "admin@kokoma.example",
    roleLabel: "Systemadministration",
    nav: ["Übersicht", "Fallberatung", "Statistik", "Regionalanalyse", "Datenschutz", "Verwaltung", "Glossar"],
  },
  {
    role: "coordinator",
    email: "koordination@wartburgkreis.example",
    roleLabel: "Prozessbegleitung / Koordination",
    nav: [
      "Übersicht",
      "Anfragen",
      "Aufgaben",
      "Steuerungsgruppe",
      "Konfliktfälle",
      "Beratungen",
      "Netzwerk",
      "Qualifizierung",
      "Krisenvorsorge",
      "Fallberatung",
      "Statistik",
      "Regionalanalyse",
      "Sachbericht",
      "Datenschutz",
      "Verwaltung",
      "Glossar",
    ],
  },
  {
    role: "conflict_manager",
    email: "konfliktmanagement@wartburgkreis.example",
    roleLabel: "Kommunale:r Konfliktmanager:in",
    nav: [
      "Übersicht",
      "Anfragen",
      "Aufgaben",
      "Steuerungsgruppe",
      "Konfliktfälle",
      "Beratungen",
      "Netzwerk",
      "Krisenvorsorge",
      "Fallberatung",
      "Datenschutz",
      "Glossar",
    ],
  },
  {
    role: "trainer",
    email: "qualifizierung@wartburgkreis.example",
    roleLabel: "Qualifizierung",
    nav: ["Übersicht", "Aufgaben", "Qualifizierung", "Krisenvorsorge", "Glossar"],
  },
  {
    role: "steering_group",
    email: "steuerung@wartburgkreis.example",
    roleLabel: "Steuerungsgruppe",
    nav: ["Übersicht", "Aufgaben", "Steuerungsgruppe", "Krisenvorsorge", "Statistik", "Regionalanalyse", "Sachbericht", "Glossar"],
  },
] as const;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto("/login");
  await page.getByLabel("E-Mail-Adresse").fill(email);
  await page.getByLabel("Passwort").fill(password);
  await page.getByRole("button", { name: "Anmelden" }).click();
}

export async function expectDashboard(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: /^Guten Tag, / })).toBeVisible();
  await expect(page).toHaveURL(/\/$/);
}

/** The refresh-token cookie of the page's browser context (read by the test, never by the page). */
export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((cookie) => cookie.name.endsWith("kokoma_refresh")) ?? null;
}

/** Everything script on the page can read: cookies, sessionStorage and localStorage. */
export async function scriptReadableStorage(page: Page): Promise<string> {
  return page.evaluate(() =>
    JSON.stringify({ cookie: document.cookie, session: { ...sessionStorage }, local: { ...localStorage } }),
  );
}

/**
 * The German calendar day `days` from today (`2026-03-02`): the app and the server count
 * days in Germany, whatever zone the machine running the tests is in.
 */
export function germanDay(days = 0): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
  const day = new Date(`${today}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/** The current year in Germany. */
export function germanYear(): number {
  return Number(germanDay().slice(0, 4));
}
