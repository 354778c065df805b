import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { expectDashboard, signIn } from "./support";

const ADMIN = "admin@kokoma.example";

test.describe("e-mail outbox", () => {
  test("without an SMTP server the administrator reads the messages that were not sent", async ({ page }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);
    await page.goto("/administration");
    await page.getByRole("navigation", { name: "Bereiche der Verwaltung" }).getByRole("link", { name: "E-Mail-Ausgang" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("E-Mail-Ausgang");
    await expect(page.getByTestId("smtp-state")).toContainText("Kein SMTP-Server eingerichtet");
    const table = page.getByRole("table", { name: "E-Mail-Ausgang" });
    await expect(table.getByText("nicht versandt").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "mail-outbox");

    // A message reads as it would be sent: reference number and link, no case contents.
    // Newest first: the demo's later invitations and digests may fill the first pages.
    const assigned = table.getByRole("button", { name: /Ihnen wurde der Fall/ }).first();
    for (let page_ = 1; page_ < 5 && !(await assigned.isVisible()); page_++) {
      await page.getByRole("button", { name: "Nächste Seite" }).click();
      await expect(page.getByText(`Seite ${page_ + 1}`)).toBeVisible();
      await expect(table).not.toHaveAttribute("aria-busy", "true");
    }
    await assigned.click();
    const text = page.getByLabel("Text der E-Mail");
    await expect(text).toContainText("zur Bearbeitung zugewiesen");
    await expect(text).toContainText("/cases/");
    await expect(page.getByText("Noch kein Zustellversuch.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
