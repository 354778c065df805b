import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, scriptReadableStorage, sessionCookie, signIn } from "./support";

// The same OpenID provider as the backend tests (tests/idp, the `oidc-provider` package).
const IDP_SERVER = resolve(dirname(fileURLToPath(import.meta.url)), "../../tests/idp/server.js");
const GROUP = "kokoma-konfliktmanagement";

interface IdpUser {
  login: string;
  password: string;
  sub: string;
  email: string;
  name: string;
  groups: string[];
}

let idp: ChildProcessWithoutNullStreams;
let issuer = "";
let workDir = "";

function person(groups: string[]): IdpUser {
  const tag = Math.random().toString(36).slice(2, 10);
  return {
    login: `person-${tag}`,
    password: `Passwort-${tag}`,
    sub: `sub-${tag}`,
    email: `person-${tag}@kyffhaeuserkreis.example`,
    name: `Kim Beispiel ${tag}`,
    groups,
  };
}

async function startIdp(): Promise<string> {
  const config = join(workDir, "idp.json");
  writeFileSync(config, JSON.stringify({ port: 0 }));
  idp = spawn("node", [IDP_SERVER, config]);
  const lines = createInterface({ input: idp.stdout });
  const first = await new Promise<string>((done) => lines.once("line", done));
  return (JSON.parse(first) as { issuer: string }).issuer;
}

async function addUser(page: Page, user: IdpUser) {
  const answer = await page.request.post(`${issuer}/test/user`, { data: user });
  expect(answer.ok()).toBe(true);
}

test.describe("single sign-on", () => {
  test.describe.configure({ mode: "serial" });

  test.beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), "kokoma-e2e-idp-"));
    issuer = await startIdp();
  });

  test.afterAll(() => {
    idp?.kill("SIGTERM");
    rmSync(workDir, { recursive: true, force: true });
  });

  test("an administrator sets up the directory; staff sign in through it and out again", async ({ page, browser }) => {
    // The administrator configures the Kyffhäuserkreis's provider in the web UI …
    await signIn(page, ACCOUNTS[0].email);
    await expectDashboard(page);
    await page.goto("/administration");
    await page.getByRole("navigation", { name: "Bereiche der Verwaltung" }).getByRole("link", { name: "Single Sign-on" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Single Sign-on" })).toBeVisible();
    await page.getByRole("link", { name: "Anmeldedienst einrichten" }).click();
    await page.getByLabel(/^Kommune/).selectOption({ label: "Kyffhäuserkreis" });
    await page.getByLabel(/^Bezeichnung/).fill("Verzeichnis Kyffhäuserkreis");
    await page.getByLabel(/^Aussteller/).fill(issuer);
    await page.getByLabel(/^Client-ID/).fill("noch-offen");
    const secretFile = join(workDir, "client-secret");
    await page.getByLabel(/^Fundort des Client-Geheimnisses/).fill(`file:${secretFile}`);
    await page.getByLabel(/^Scopes/).fill("openid email profile groups");
    await page.getByLabel(/^Claim mit Gruppen/).fill("groups");
    await page.getByLabel(/^Zuordnung zu KoKoMa-Rollen/).fill(`${GROUP} = conflict_manager`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Anmeldedienst: Verzeichnis Kyffhäuserkreis" })).toBeVisible();
    const redirectUri = await page.locator("dd code").first().innerText();
    const backchannelUri = await page.locator("dd code").nth(1).innerText();
    const origin = new URL(redirectUri).origin;

    // … registers KoKoMa at the provider with the addresses the page names …
    const registered = await page.request.post(`${issuer}/reg`, {
      data: {
        redirect_uris: [redirectUri],
        post_logout_redirect_uris: [`${origin}/login`],
        backchannel_logout_uri: backchannelUri,
        backchannel_logout_session_required: true,
        response_types: ["code"],
        grant_types: ["authorization_code"],
      },
    });
    const client = (await registered.json()) as { client_id: string; client_secret: string };
    writeFileSync(secretFile, client.client_secret);
    await page.getByLabel(/^Client-ID/).fill(client.client_id);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Die Änderungen wurden gespeichert." })).toBeVisible();
    await page.getByRole("button", { name: "Verbindung prüfen" }).click();
    await expect(page.getByText(/Die Verbindung funktioniert \(\d+ Signaturschlüssel\)/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "sso-admin");

    // … and a member of staff signs in through the provider's own page.
    const staff = person([GROUP, "alle-mitarbeitenden"]);
    await addUser(page, staff);
    const context = await browser.newContext();
    const visitor = await context.newPage();
    await visitor.goto("/login");
    await expect(visitor.getByRole("link", { name: "Anmelden über Verzeichnis Kyffhäuserkreis" })).toBeVisible();
    expect(await seriousViolations(visitor)).toEqual([]);
    await screenshot(visitor, "sso-sign-in");
    await visitor.getByRole("link", { name: "Anmelden über Verzeichnis Kyffhäuserkreis" }).click();
    await expect(visitor.getByRole("heading", { name: "Test-Anmeldedienst" })).toBeVisible();
    await visitor.getByLabel("Benutzername").fill(staff.login);
    await visitor.getByLabel("Passwort").fill(staff.password);
    await visitor.getByRole("button", { name: "Anmelden" }).click();

    await expectDashboard(visitor);
    await expect(visitor.getByRole("main")).toContainText(staff.email);
    await expect(visitor.getByRole("banner")).toContainText("Kommunale:r Konfliktmanager:in");
    const cookie = await sessionCookie(visitor);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/api/v1/auth/session" });
    const readable = await scriptReadableStorage(visitor);
    expect(readable).not.toContain(cookie!.value);
    expect(readable).not.toContain("eyJ");
    await visitor.reload();
    await expectDashboard(visitor);

    // Logging out ends the provider's session too (RP-initiated logout).
    await visitor.getByRole("button", { name: "Abmelden" }).click();
    await expect(visitor).toHaveURL(new RegExp(`^${issuer}/session/end`));
    await visitor.getByRole("button", { name: /sign me out/i }).click();
    await expect(visitor).toHaveURL(/\/login(\?state=[\w-]+)?$/);
    await expect(visitor.getByRole("heading", { level: 1, name: "Anmelden" })).toBeVisible();
    expect(await sessionCookie(visitor)).toBeNull();
    await context.close();
  });

  test("a person without a mapped group is refused with a German message", async ({ page }) => {
    const guest = person(["kantine"]);
    await addUser(page, guest);
    await page.goto("/login");
    await page.getByRole("link", { name: "Anmelden über Verzeichnis Kyffhäuserkreis" }).click();
    await page.getByLabel("Benutzername").fill(guest.login);
    await page.getByLabel("Passwort").fill(guest.password);
    await page.getByRole("button", { name: "Anmelden" }).click();

    await expect(page).toHaveURL(/\/login\?sso_error=no-role$/);
    await expect(page.getByRole("alert")).toHaveText(/Ihr Verwaltungskonto hat keine Rolle in KoKoMa/);
    expect(await sessionCookie(page)).toBeNull();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
