import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, DEMO_PASSWORD, expectDashboard, signIn } from "./support";

const ADMIN = ACCOUNTS[0].email;
const COORDINATOR = ACCOUNTS[1].email;

test.describe("administration", () => {
  test("an API client is created and its secret shown once; it works, and is revoked", async ({ page, request }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Verwaltung" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Verwaltung" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("navigation", { name: "Bereiche der Verwaltung" }).getByRole("link", { name: "API-Zugänge" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "API-Zugänge" })).toBeVisible();

    // The API names what is missing.
    await page.getByRole("button", { name: "API-Zugang anlegen" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel(/^Name/).fill("Fachverfahren Ordnungsamt Eisenach");
    await page.getByLabel(/^Kommune/).selectOption({ label: "Wartburgkreis" });
    await page.getByRole("checkbox", { name: /Statistik lesen/ }).check();
    await page.getByRole("button", { name: "API-Zugang anlegen" }).click();

    const dialog = page.getByRole("dialog", { name: "Client-Geheimnis für „Fachverfahren Ordnungsamt Eisenach“" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("alert")).toContainText("nur jetzt ein einziges Mal angezeigt");
    const secret = await dialog.getByLabel("Client-Geheimnis").inputValue();
    expect(secret.length).toBeGreaterThan(20);
    const clientId = (await dialog.locator("code").first().innerText()).trim();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "admin");

    // It stays until the user confirms having stored the secret; Escape does not close it.
    const close = dialog.getByRole("button", { name: "Schließen" });
    await expect(close).toBeDisabled();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeVisible();
    await dialog.getByLabel("Ich habe das Geheimnis sicher gespeichert.").check();
    await close.click();
    await expect(dialog).toBeHidden();
    expect(await page.content()).not.toContain(secret);

    // The secret works for the client-credentials flow, and is nowhere to be seen again.
    const token = await request.post("/api/v1/auth/token", {
      form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
    });
    expect(token.status()).toBe(200);
    await page.reload();
    const row = page.getByRole("row", { name: /Fachverfahren Ordnungsamt Eisenach/ });
    await expect(row).toContainText("Statistik lesen");
    expect(await page.content()).not.toContain(secret);

    await row.getByRole("button", { name: /^Widerrufen/ }).click();
    const confirm = page.getByRole("dialog", { name: "API-Zugang widerrufen?" });
    await expect(confirm.getByRole("button", { name: "Abbrechen" })).toBeFocused();
    await confirm.getByRole("button", { name: "Widerrufen" }).click();
    await expect(page.getByRole("status").filter({ hasText: "wurde widerrufen" })).toBeVisible();
    const refused = await request.post("/api/v1/auth/token", {
      form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
    });
    expect(refused.status()).toBe(401);
  });

  test("user accounts, municipalities and the audit log, each checked with axe", async ({ page }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);

    await page.goto("/administration/users");
    const users = page.getByRole("table", { name: "Benutzerkonten" });
    await expect(users.getByRole("row", { name: /konfliktmanagement@wartburgkreis.example/ })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByLabel("Rolle").selectOption({ label: "Steuerungsgruppe" });
    await expect(page).toHaveURL(/role=steering_group/);
    await expect(users).not.toHaveAttribute("aria-busy", "true");
    for (const role of await users.locator("tbody td:nth-child(3)").allInnerTexts()) expect(role).toBe("Steuerungsgruppe");

    await users.getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1, name: /^Konto von / })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/administration/users/new");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Bitte prüfen Sie Ihre Angaben" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/administration/municipalities");
    await expect(page.getByRole("table", { name: "Kommunen" })).toContainText("Wartburgkreis");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: "Wartburgkreis" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Wartburgkreis bearbeiten" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/administration/municipalities/new");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/administration/audit");
    await page.getByLabel(/^Aktion beginnt mit/).fill("auth.");
    await page.getByRole("button", { name: "Filtern" }).click();
    await expect(page).toHaveURL(/action=auth\./);
    const entries = page.getByRole("table", { name: "Protokolleinträge, neueste zuerst" });
    await expect(entries).not.toHaveAttribute("aria-busy", "true");
    await expect(entries.locator("tbody tr").first()).toBeVisible();
    // Each entry is a sentence about signing in, not a code.
    for (const entry of await entries.locator("tbody td:nth-child(2)").allInnerTexts()) {
      expect(entry).toMatch(/(an|ab)gemeldet|Anmeldung|Zugangstoken|Erneuerungstoken/);
      expect(entry).not.toContain("auth.");
    }
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a coordinator manages the accounts of the own municipality only", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/administration");
    const parts = page.getByRole("navigation", { name: "Bereiche der Verwaltung" });
    await expect(parts.getByRole("link")).toHaveText(["Benutzerkonten"]);

    await parts.getByRole("link", { name: "Benutzerkonten" }).click();
    await page.getByRole("link", { name: "Neues Konto" }).click();
    await expect(page.getByText("Das Konto wird in Ihrer Kommune (Wartburgkreis) angelegt.")).toBeVisible();
    const roles = await page.getByLabel(/^Rolle/).locator("option").allInnerTexts();
    expect(roles).not.toContain("Systemadministration");
    expect(roles).toContain("Steuerungsgruppe");

    const stamp = Date.now();
    await page.getByLabel(/^Name/).fill("Paula Probe");
    await page.getByLabel(/^E-Mail-Adresse/).fill(`paula.probe.${stamp}@wartburgkreis.example`);
    await page.getByLabel(/^Rolle/).selectOption({ label: "Qualifizierung" });
    await page.getByLabel(/^Passwort/).fill("kurz");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByLabel(/^Passwort/)).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel(/^Passwort/).fill("Werratal-Wartburg-2026!");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Konto von Paula Probe" })).toBeVisible();

    // Lock the account: a versioned write.
    await page.getByLabel("Konto ist aktiv (Anmeldung möglich)").uncheck();
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Die Änderungen wurden gespeichert." })).toBeVisible();
    await expect(page.getByRole("main")).toContainText("gesperrt");

    await page.goto("/administration/municipalities");
    await expect(page.getByRole("heading", { level: 1, name: "Seite nicht gefunden" })).toBeVisible();
  });

  test("a coordinator sees that an account waits after failed sign-ins and lifts the wait", async ({ page }) => {
    const colleague = "m.keller@wartburgkreis.example";
    const token = (password: string) =>
      page.request.post("/api/v1/auth/token", { form: { username: colleague, password }, failOnStatusCode: false });
    for (let attempt = 0; attempt < 3; attempt++) expect((await token("Falsch-geraten-1")).status()).toBe(401);
    expect((await token(DEMO_PASSWORD)).status()).toBe(429);

    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/administration/users");
    await page.getByRole("link", { name: "Markus Keller" }).click();
    const signInPart = page.getByRole("region", { name: "Anmeldung" });
    await expect(signInPart).toContainText("Nach 3 Fehlversuchen wartet die Anmeldung bis");
    expect(await seriousViolations(page)).toEqual([]);
    await signInPart.getByRole("button", { name: "Wartezeit aufheben" }).click();
    await expect(signInPart.getByRole("status")).toHaveText("Die Wartezeit ist aufgehoben; die Anmeldung ist wieder möglich.");
    await expect(signInPart).toContainText("Die Anmeldung ist möglich.");
    expect((await token(DEMO_PASSWORD)).status()).toBe(200);
  });
});
