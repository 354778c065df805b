import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR, CONFLICT_MANAGER } from "./casework";
import { screenshot } from "./screenshots";
import { expectDashboard, signIn } from "./support";

test.describe("tasks", () => {
  test("my tasks are grouped by due date and a task is done with the keyboard", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    // The dashboard counts the overdue tasks (the demo has some for every user).
    const widget = page.locator("section").filter({ has: page.getByRole("heading", { name: "Aufgaben", exact: true }) });
    await expect(widget.getByTestId("tasks-overdue")).toContainText(/überfällige Aufgabe/);

    await page.getByRole("navigation").getByRole("link", { name: "Aufgaben" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Meine Aufgaben");
    await expect(page.getByRole("heading", { name: /^Überfällig/ })).toBeVisible();
    await expect(page.getByRole("heading", { name: /^Heute/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "my-tasks");

    // A new task, typed and sent with Enter.
    const title = `Einladung verschicken ${Date.now()}`;
    await page.getByLabel("Was ist zu tun?").fill(title);
    await page.getByLabel("Was ist zu tun?").press("Enter");
    await expect(page.getByRole("status").filter({ hasText: `Angelegt: ${title}` })).toBeAttached();
    const today = page.locator("section").filter({ has: page.getByRole("heading", { name: /^Heute/ }) });
    const box = today.getByRole("checkbox", { name: `Erledigt: ${title}` });
    await expect(box).toBeVisible();

    // Done in one action with the keyboard: focus the box, press Space.
    await box.focus();
    await page.keyboard.press("Space");
    await expect(page.getByRole("status").filter({ hasText: `Erledigt: ${title}` })).toBeAttached();
    await expect(page.getByRole("checkbox", { name: `Erledigt: ${title}` })).toHaveCount(0);
  });

  test("the coordinator sees everyone's tasks and the stalled cases", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/tasks");
    await page.getByLabel("Aufgaben von").selectOption("all");
    await expect(page.getByText("Anna Schulze").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Ruhende Fälle" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ruhende Fälle");
    await expect(page.getByLabel("Tage ohne Aktivität")).toHaveValue("30");
    await expect(page.getByRole("table", { name: "Ruhende Fälle" }).or(page.getByText("Keine ruhenden Fälle."))).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
