import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

const CONFLICT_MANAGER = ACCOUNTS[2].email;

test.describe("the user's language", () => {
  test("the server's messages on a form come in German, and in English after switching", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/network/contacts/new");
    await page.getByLabel("Person", { exact: true }).check();
    await page.getByLabel(/^Vorname/).fill("Klara");
    await page.getByLabel(/^Nachname/).fill("Sommer");
    await page.getByLabel(/^Akteursgruppe/).selectOption({ index: 1 });
    await page.getByLabel(/^Rechtsgrundlage/).selectOption({ label: "Einwilligung (Art. 6 Abs. 1 lit. a DSGVO)" });
    await page.getByRole("button", { name: "Kontakt speichern" }).click();

    // A rule only the server knows, said in German at its field.
    const summary = page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" });
    await expect(summary).toContainText("Bei einer Einwilligung bitte das Datum angeben, an dem sie erteilt wurde.");
    await expect(page.getByLabel(/^Einwilligung erteilt am/)).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator("main")).not.toContainText("Consent needs");
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "English" }).click();
    await page.getByRole("button", { name: "Save contact" }).click();
    const english = page.getByRole("alert").filter({ hasText: "Consent needs the date it was given." });
    await expect(english).toBeVisible();
    await page.getByRole("button", { name: "Deutsch" }).click();
  });

  test("a taken municipality code is refused in German", async ({ page }) => {
    await signIn(page, ACCOUNTS[0].email);
    await expectDashboard(page);
    await page.goto("/administration/municipalities/new");
    await page.getByLabel(/^Name/).fill("Wartburgkreis (Doppel)");
    await page.getByLabel(/^Kürzel/).fill("wak");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Das Kürzel „wak“ ist schon vergeben." })).toBeVisible();
    await expect(page.locator("main")).not.toContainText("already taken");
  });

  test("the audit log reads as sentences: who did what to which record, linked where it can be opened", async ({ page }) => {
    await signIn(page, ACCOUNTS[0].email);
    await expectDashboard(page);
    await page.goto("/administration/users");
    await page.getByRole("link", { name: "Petra Vogt" }).click();
    await page.getByLabel(/^Name/).fill("Petra Vogt-Ebert");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Die Änderungen wurden gespeichert." })).toBeVisible();

    await page.getByRole("navigation", { name: "Bereiche der Verwaltung" }).getByRole("link", { name: "Protokoll" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Protokoll" })).toBeVisible();
    const table = page.getByRole("table");
    const change = table.getByRole("row", { name: /hat das Konto von Petra Vogt-Ebert geändert/ });
    await expect(change).toContainText("Jana Albrecht hat das Konto von Petra Vogt-Ebert geändert.");
    await expect(change).toContainText("Geänderte Angaben: Name");
    await expect(change).toContainText("erfolgreich");
    await expect(table.getByRole("row", { name: /Jana Albrecht hat sich angemeldet\./ }).first()).toBeVisible();
    // No codes, ids or raw JSON for people to decipher.
    await expect(table).not.toContainText("user.update");
    await expect(table).not.toContainText('{"');
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "audit-log");

    await change.getByRole("link", { name: "das Konto von Petra Vogt-Ebert" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Konto von Petra Vogt-Ebert" })).toBeVisible();
  });

  test("the glossary explains the method's terms, from the navigation and from the Glasl field", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Glossar" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Glossar" })).toBeVisible();
    for (const term of ["Eskalationsstufen nach Glasl", "Vermittlung", "Kollegiale Fallberatung", "Krisenpräventionsplan"]) {
      await expect(page.getByRole("heading", { level: 2, name: term })).toBeVisible();
    }
    await expect(page.getByText("Stufe 9 – Gemeinsam in den Abgrund")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "glossary");

    // Rating a new case, the hint says what the stages mean and leads to them; the form
    // keeps what was typed meanwhile.
    await page.goto("/cases/new");
    await page.getByLabel(/^Titel/).fill("Streit um den Dorfplatz");
    const hint = page.locator("#case-escalation_level-hint");
    await expect(hint).toContainText("Erste Einschätzung nach Glasl");
    await hint.getByRole("link", { name: "Was die Stufen bedeuten (Glossar)" }).click();
    await expect(page).toHaveURL(/\/glossary#glasl$/);
    await expect(page.getByRole("heading", { level: 2, name: "Eskalationsstufen nach Glasl" })).toBeFocused();
    await page.goBack();
    await expect(page.getByLabel(/^Titel/)).toHaveValue("Streit um den Dorfplatz");
  });
});
