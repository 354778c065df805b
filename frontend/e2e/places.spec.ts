import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR, CONFLICT_MANAGER, scrollsSideways } from "./casework";
import { expectDashboard, signIn } from "./support";

test.describe("places", () => {
  test("a place is chosen from the municipality's list or named in words, and the statistics count cases by place", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/cases/new");
    await page.getByLabel(/^Titel/).fill("Streit um den Bolzplatz in Marksuhl");
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption("3");
    const place = page.getByLabel("Ort / Ortsteil");
    // Towns with their Ortsteile, as the municipality keeps them.
    await expect(place.locator("optgroup[label='Gerstungen'] option")).toContainText(["Gerstungen", "Marksuhl (Gerstungen)"]);
    await place.selectOption({ label: "Marksuhl (Gerstungen)" });
    await expect(page.getByLabel("Ort in Worten")).toHaveCount(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Streit um den Bolzplatz in Marksuhl");
    await expect(page.getByText("Marksuhl", { exact: true })).toBeVisible();

    // Not in the list: the place in words, as a fallback.
    await page.getByRole("link", { name: "Bearbeiten" }).click();
    await expect(page.getByLabel("Ort / Ortsteil").locator("option:checked")).toHaveText("Marksuhl (Gerstungen)");
    await page.getByLabel("Ort / Ortsteil").selectOption({ label: "Anderer Ort (nicht in der Liste)" });
    await page.getByLabel("Ort in Worten").fill("Kaltennordheim");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Streit um den Bolzplatz in Marksuhl");
    await expect(page.getByText("Kaltennordheim", { exact: true })).toBeVisible();

    await page.goto("/cases/new");
    await page.getByLabel(/^Titel/).fill("Lärm am Marktplatz Vacha");
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption("2");
    await page.getByLabel("Ort / Ortsteil").selectOption({ label: "Vacha" });
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);

    // The coordinator reads new cases by place: Ortsteile count with their town.
    await page.getByRole("button", { name: "Abmelden" }).click();
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/statistics");
    const heading = page.getByRole("heading", { name: "Neue Fälle nach Ort" });
    await expect(heading).toBeVisible();
    const figure = page.locator("figure").filter({ has: heading });
    await expect(figure).toContainText("Vacha");
    await expect(figure).toContainText("Bad Salzungen");
    await expect(figure).toContainText("Ort nicht in der Liste");
    await expect(figure).toContainText("Ohne Ort");
    expect(await scrollsSideways(page)).toBe(false);
  });
});
