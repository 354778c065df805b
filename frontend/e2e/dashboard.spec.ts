import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR, CONFLICT_MANAGER } from "./casework";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

test.describe("dashboard per role", () => {
  test("a conflict manager sees own open cases, this week's follow-ups and recent consultations", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    const mine = page.getByRole("region", { name: "Meine offenen Fälle" });
    await expect(mine.getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Wiedervorlagen bis Sonntag" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Letzte Beratungen" }).getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Noch niemandem zugewiesen" })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "dashboard");

    await mine.getByRole("link", { name: "Alle meine offenen Fälle" }).click();
    await expect(page).toHaveURL(/\/cases\?.*assignee=me/);
    await expect(page.getByLabel("Zuständig")).toHaveValue("me");
  });

  test("a coordinator also sees unassigned and escalating cases", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await expect(page.getByRole("region", { name: "Noch niemandem zugewiesen" })).toBeVisible();
    const escalating = page.getByRole("region", { name: "Eskalierende Fälle (ab Stufe 5)" });
    await expect(escalating.getByRole("listitem").first()).toBeVisible();
    for (const level of await escalating.locator(".badge", { hasText: /^Stufe \d$/ }).allTextContents()) {
      expect(Number(level.replace("Stufe ", ""))).toBeGreaterThanOrEqual(5);
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the steering group sees headline figures only, a trainer the next sessions", async ({ page }) => {
    const steering = ACCOUNTS.find((account) => account.role === "steering_group")!;
    await signIn(page, steering.email);
    await expectDashboard(page);
    const figures = page.getByRole("region", { name: /^Kennzahlen \d{4}$/ });
    await expect(figures.getByRole("definition").first()).toBeVisible();
    await expect(figures).toContainText("Offene Fälle");
    await expect(page.getByRole("region", { name: "Meine offenen Fälle" })).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Abmelden" }).click();
    const trainer = ACCOUNTS.find((account) => account.role === "trainer")!;
    await signIn(page, trainer.email);
    await expectDashboard(page);
    await expect(page.getByRole("region", { name: "Nächste Qualifizierungstermine" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
