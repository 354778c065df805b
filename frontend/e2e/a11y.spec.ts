import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

test.describe("accessibility (axe)", () => {
  test("login page, also with an error shown", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
    expect(await seriousViolations(page)).toEqual([]);

    await signIn(page, ACCOUNTS[0].email, "falsch-falsch-1");
    await expect(page.getByRole("alert")).not.toBeEmpty();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("dashboard", async ({ page }) => {
    await signIn(page, ACCOUNTS[1].email);
    await expectDashboard(page);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("dashboard in English", async ({ page }) => {
    await signIn(page, ACCOUNTS[1].email);
    await expectDashboard(page);
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the skip link is the first stop and moves focus to the main content", async ({ page }) => {
    await signIn(page, ACCOUNTS[1].email);
    await expectDashboard(page);

    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Zum Inhalt springen" });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    await page.keyboard.press("Enter");

    await expect(page.getByRole("main")).toBeFocused();
  });
});
