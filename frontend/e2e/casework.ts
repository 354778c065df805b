import { expect } from "@playwright/test";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, sessionCookie, signIn } from "./support";

export const CONFLICT_MANAGER = "konfliktmanagement@wartburgkreis.example";
export const COORDINATOR = "koordination@wartburgkreis.example";

/** An access token for a demo account, for arranging data through the API. */
export async function apiToken(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: email, password: DEMO_PASSWORD },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface CreatedCase {
  id: string;
  reference: string;
  title: string;
  version: number;
}

/** A case opened by the demo conflict manager (tests find it by its id). */
export async function createCase(request: APIRequestContext, fields: Record<string, unknown> = {}): Promise<CreatedCase> {
  const token = await apiToken(request, CONFLICT_MANAGER);
  const response = await request.post("/api/v1/cases", {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      title: "Streit um den Dorfteich in Dippach",
      summary: "Anwohnende und Angelverein streiten über die Nutzung des Teichs.",
      topics: ["neighbourhood"],
      escalation_level: 3,
      ...fields,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as CreatedCase;
}

export async function createConsultation(
  request: APIRequestContext,
  caseId: string,
  fields: Record<string, unknown> = {},
): Promise<{ id: string }> {
  const token = await apiToken(request, CONFLICT_MANAGER);
  const response = await request.post(`/api/v1/cases/${caseId}/consultations`, {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      started_at: new Date(Date.now() - 2 * 3_600_000).toISOString(),
      duration_minutes: 60,
      format: "in_person",
      kind: "counselling",
      summary: "Gespräch mit dem Angelverein über die Teichordnung.",
      ...fields,
    },
  });
  expect(response.status()).toBe(201);
  return (await response.json()) as { id: string };
}

/** A second, independent browser session (own cookies and storage), signed in as `email`. */
export async function secondSession(browser: Browser, email: string): Promise<Page> {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await signIn(page, email);
  await expect(page.getByRole("heading", { level: 1, name: /^Guten Tag, / })).toBeVisible();
  return page;
}

/**
 * Ends the session of `page` behind the app's back, as an expiry would: the refresh token is
 * revoked on the server, which also stops its access tokens at once. The app notices on its
 * next API call, when the silent refresh fails.
 */
export async function endSessionBehindTheAppsBack(page: Page): Promise<void> {
  const refreshToken = (await sessionCookie(page))?.value;
  expect(refreshToken).toBeTruthy();
  const revoked = await page.request.post("/api/v1/auth/logout", { data: { refresh_token: refreshToken } });
  expect(revoked.status()).toBe(204);
}

/** Moves a case on through the API (as the demo conflict manager); returns the updated case. */
export async function moveCase(request: APIRequestContext, record: CreatedCase, status: string): Promise<CreatedCase> {
  const token = await apiToken(request, CONFLICT_MANAGER);
  const response = await request.post(`/api/v1/cases/${record.id}/status`, {
    headers: { Authorization: `Bearer ${token}`, "If-Match": `"${record.version}"` },
    data: { status },
  });
  expect(response.status()).toBe(200);
  return (await response.json()) as CreatedCase;
}

/** The page scrolls sideways at the current width (it must not, at 390 px either). */
export async function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
