import { expect, test } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expectDashboard, scriptReadableStorage, sessionCookie, signIn } from "./support";

test.describe("sign-in", () => {
  for (const account of ACCOUNTS) {
    test(`${account.role} signs in and sees the dashboard with the navigation of the role`, async ({ page }) => {
      await signIn(page, account.email);

      await expectDashboard(page);
      await expect(page).toHaveTitle("Übersicht – KoKoMa");
      const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
      await expect(nav.getByRole("link")).toHaveText([...account.nav]);
      await expect(page.getByRole("banner")).toContainText(account.roleLabel);
      await expect(page.getByRole("main")).toContainText(account.email);
    });
  }

  test("a wrong password shows an error and no session", async ({ page }) => {
    await signIn(page, ACCOUNTS[2].email, "falsches-Passwort-1");

    await expect(page.getByRole("alert")).toHaveText("E-Mail-Adresse oder Passwort ist nicht korrekt.");
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel("Passwort")).toBeFocused();
    expect(await sessionCookie(page)).toBeNull();
  });

  test("a visitor without a session is sent to the login page and back after signing in", async ({ page }) => {
    await page.goto("/statistics");
    await expect(page).toHaveURL(/\/login$/);

    await page.getByLabel("E-Mail-Adresse").fill(ACCOUNTS[4].email);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();

    await expect(page).toHaveURL(/\/statistics$/);
    await expect(page.getByRole("heading", { level: 1, name: "Statistik" })).toBeVisible();
  });

  test("the session survives a reload through an HttpOnly cookie; script can read no token", async ({ page }) => {
    await signIn(page, ACCOUNTS[1].email);
    await expectDashboard(page);
    const before = await sessionCookie(page);
    expect(before).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth/session" });
    const readable = await scriptReadableStorage(page);
    expect(readable).not.toContain(before!.value);
    expect(readable).not.toContain("eyJ"); // no JWT (access token) either
    expect(await page.evaluate(() => document.cookie)).not.toContain("kokoma_refresh");

    await page.reload();

    await expectDashboard(page);
    const after = await sessionCookie(page);
    expect(after?.value).toBeTruthy();
    expect(after?.value).not.toBe(before!.value); // refresh tokens rotate
    const readableAfter = await scriptReadableStorage(page);
    expect(readableAfter).not.toContain(after!.value);
    expect(readableAfter).not.toContain("eyJ");
  });

  test("an area outside the role answers as not found", async ({ page }) => {
    await signIn(page, ACCOUNTS[3].email);
    await expectDashboard(page);

    await page.goto("/cases");

    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  });
});

test.describe("logout", () => {
  test("ends the session on the server and in the tab", async ({ page }) => {
    await signIn(page, ACCOUNTS[1].email);
    await expectDashboard(page);
    const refreshToken = (await sessionCookie(page))?.value;
    expect(refreshToken).toBeTruthy();

    await page.getByRole("button", { name: "Abmelden" }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toHaveText("Sie haben sich abgemeldet.");
    expect(await sessionCookie(page)).toBeNull();

    // The revoked refresh token no longer works.
    const response = await page.request.post("/api/v1/auth/refresh", { data: { refresh_token: refreshToken } });
    expect(response.status()).toBe(401);

    // Nor does going back bring the app back.
    await page.goto("/");
    await expect(page).toHaveURL(/\/login$/);
  });
});

test.describe("language", () => {
  test("switches between German and English, including the lang attribute, and keeps the choice", async ({ page }) => {
    await page.goto("/login");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");

    await page.getByRole("button", { name: "English" }).click();

    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
    await expect(page).toHaveTitle("Sign in – KoKoMa");

    await page.getByLabel("Email address").fill(ACCOUNTS[2].email);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();

    await page.reload();
    await expect(page.getByRole("heading", { level: 1, name: /^Hello, / })).toBeVisible();

    await page.getByRole("button", { name: "Deutsch" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("heading", { level: 1, name: /^Guten Tag, / })).toBeVisible();
  });
});
