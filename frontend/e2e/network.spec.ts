import { expect, test } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, DEMO_PASSWORD, expectDashboard, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const CONFLICT_MANAGER = ACCOUNTS[2].email;

async function accessToken(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post("/api/v1/auth/token", {
    form: { grant_type: "password", username: email, password: DEMO_PASSWORD },
  });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { access_token: string }).access_token;
}

test.describe("network", () => {
  test("the map draws the contacts by actor group, and a node opens its contact (mouse and keyboard)", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/network/map");

    const map = page.getByRole("group", { name: /^Netzwerkkarte mit \d+ Kontakten und \d+ Beziehungen$/ });
    await expect(map).toBeVisible();
    const nodes = map.getByRole("link");
    expect(await nodes.count()).toBeGreaterThan(20);
    await expect(page.getByRole("complementary", { name: "Legende" })).toContainText("Zivilgesellschaft");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "network", page.locator("#map-hint"));

    // Mouse: a click on a node opens the contact.
    const first = nodes.first();
    const label = (await first.getAttribute("aria-label")) ?? "";
    const name = label.slice(0, label.indexOf(" ("));
    await first.click();
    await expect(page).toHaveURL(/\/network\/contacts\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);

    // Keyboard: one node is in the tab order, arrows move, Enter opens.
    await page.goBack();
    await expect(map).toBeVisible();
    await nodes.first().focus();
    const focused = page.locator(".map-node:focus");
    let focusedLabel = label;
    for (const key of ["ArrowRight", "ArrowDown", "ArrowLeft", "ArrowUp"]) {
      await page.keyboard.press(key);
      focusedLabel = (await focused.getAttribute("aria-label")) ?? "";
      if (focusedLabel !== label) break;
    }
    expect(focusedLabel).not.toBe(label);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(focusedLabel.slice(0, focusedLabel.indexOf(" (")));
  });

  test("the map filters by actor group and lists the same contacts as a table", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/network/map");
    const map = page.getByRole("group", { name: /^Netzwerkkarte mit/ });
    await expect(map).toBeVisible();

    await page.getByRole("button", { name: "Keine auswählen" }).click();
    await expect(page.getByText("Keine Kontakte für diese Auswahl.")).toBeVisible();
    await page.getByRole("checkbox", { name: /Politik/ }).check();
    await expect(page).toHaveURL(/group=politics/);
    await expect(map).toBeVisible();
    await expect(map).toHaveAccessibleName(/^Netzwerkkarte mit \d+ Kontakten/);
    await expect(map.getByRole("link").first()).toHaveAccessibleName(/Politik/);

    await page.getByText("Kontakte und Beziehungen als Tabelle").click();
    const table = page.getByRole("table", { name: "Kontakte der Netzwerkkarte mit ihren Beziehungen" });
    const rows = table.locator("tbody tr");
    expect(await rows.count()).toBe(await map.getByRole("link").count());
    for (const cell of await table.locator("tbody td:nth-child(2)").allInnerTexts()) expect(cell).toContain("Politik");
  });

  test("contacts: filter, create with messages from the API, relate, remove the relation", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Netzwerk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Kontakte" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Akteursgruppe").selectOption({ label: "Polizei" });
    await page.getByRole("button", { name: "Filtern" }).click();
    await expect(page).toHaveURL(/actor_group=police/);
    await expect(page.getByRole("table")).not.toHaveAttribute("aria-busy", "true");
    const rows = page.getByRole("table").locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const group of await page.getByRole("table").locator("tbody td:nth-child(3)").allInnerTexts()) {
      expect(group).toContain("Polizei");
    }

    // A new organisation: every missing field is named at once before anything is sent …
    await page.getByRole("link", { name: "Neuer Kontakt" }).click();
    await page.getByLabel("Organisation", { exact: true }).check();
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
    await expect(summary).toBeVisible();
    await expect(summary).toContainText("Akteursgruppe: Bitte ausfüllen");
    await expect(summary).toContainText("Rechtsgrundlage der Speicherung: Bitte ausfüllen");
    await expect(page.getByLabel(/^Akteursgruppe/)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(/^Rechtsgrundlage/)).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);

    // … and what only the server knows (an organisation needs a name) still appears at its field.
    await page.getByLabel(/^Akteursgruppe/).selectOption({ label: "Vereine und Verbände" });
    await page.getByLabel(/^Rechtsgrundlage/).selectOption({ label: "Öffentlich zugängliche Angaben" });
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    await expect(page.getByLabel(/^Name/)).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByLabel(/^Akteursgruppe/)).not.toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(/^Name/).fill("Jugendforum Werratal e. V.");
    await page.getByLabel("Themen").fill("Jugend, Beteiligung");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Jugendforum Werratal e. V." })).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "Der Kontakt wurde gespeichert." })).toBeVisible();

    // Relate it to a contact found by name.
    await page.getByLabel("Anderer Kontakt suchen").fill("Bohn");
    await expect(page.getByLabel(/^Anderer Kontakt auswählen/).locator("option", { hasText: "Klaus Bohn" })).toHaveCount(1);
    await page.getByLabel(/^Anderer Kontakt auswählen/).selectOption({ label: "Klaus Bohn" });
    await page.getByLabel(/^Art der Beziehung/).selectOption({ label: "Zusammenarbeit" });
    await page.getByRole("button", { name: "Beziehung speichern" }).click();
    const relations = page.getByRole("table", { name: "Beziehungen von Jugendforum Werratal e. V." });
    await expect(relations.getByRole("row", { name: /Klaus Bohn/ })).toContainText("Zusammenarbeit");
    expect(await seriousViolations(page)).toEqual([]);

    await relations.getByRole("button", { name: "Entfernen (Klaus Bohn)" }).click();
    const dialog = page.getByRole("dialog", { name: "Entfernen" });
    await expect(dialog.getByRole("button", { name: "Abbrechen" })).toBeFocused();
    await dialog.getByRole("button", { name: "Entfernen" }).click();
    await expect(page.getByText("Noch keine Beziehungen erfasst.")).toBeVisible();
  });

  test("a stale contact edit shows what changed meanwhile and re-applies the user's change", async ({ page, request }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/network?q=Bohn");
    await page.getByRole("link", { name: "Klaus Bohn" }).click();
    await page.getByRole("link", { name: "Bearbeiten" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Klaus Bohn bearbeiten" })).toBeVisible();
    const contactId = page.url().split("/").at(-2)!;

    // Someone else changes the contact after the form was opened.
    const token = await accessToken(request, COORDINATOR);
    const current = await request.get(`/api/v1/contacts/${contactId}`, { headers: { Authorization: `Bearer ${token}` } });
    const changed = await request.patch(`/api/v1/contacts/${contactId}`, {
      headers: { Authorization: `Bearer ${token}`, "If-Match": current.headers()["etag"]! },
      data: { phone: "+49 3695 550123" },
    });
    expect(changed.status()).toBe(200);

    await page.getByLabel("Funktion").fill("Bürgermeister der Stadt");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();

    const conflict = page.getByRole("region", { name: "Jemand anderes hat diesen Eintrag inzwischen geändert" });
    await expect(conflict).toBeFocused();
    await expect(conflict.getByRole("row", { name: /Funktion/ })).toContainText("Bürgermeister der Stadt");
    await expect(conflict).toContainText("Telefon");
    expect(await seriousViolations(page)).toEqual([]);

    await conflict.getByRole("button", { name: "Meine Änderungen auf die aktuelle Fassung übertragen" }).click();
    await expect(page.getByLabel("Telefon")).toHaveValue("+49 3695 550123");
    await expect(page.getByLabel("Funktion")).toHaveValue("Bürgermeister der Stadt");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Klaus Bohn" })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("Bürgermeister der Stadt");
    await expect(page.getByRole("main")).toContainText("+49 3695 550123");
  });
});
