import { expect, test } from "@playwright/test";
import type { APIRequestContext } from "@playwright/test";
import { seriousViolations } from "./axe";
import { CONFLICT_MANAGER, COORDINATOR, apiToken, createCase, secondSession } from "./casework";
import { screenshot } from "./screenshots";
import { expectDashboard, signIn } from "./support";

const NEIGHBOUR = "konfliktmanagement@unstrut-hainich.example";
const ADMIN = "admin@kokoma.example";
const GROUP = "Kollegiale Fallberatung Thüringen";

/** A case of the demo conflict manager with a party whose name is in its summary. */
async function caseWithParty(request: APIRequestContext): Promise<{ id: string; reference: string }> {
  const token = await apiToken(request, CONFLICT_MANAGER);
  const headers = { Authorization: `Bearer ${token}` };
  const contact = await request.post("/api/v1/contacts", {
    headers,
    data: {
      kind: "person",
      given_name: "Renate",
      family_name: "Köhler",
      actor_group: "civil_society",
      legal_basis: "public_task",
    },
  });
  expect(contact.status()).toBe(201);
  const created = await createCase(request, {
    title: "Streit um den Spielplatz",
    summary: "Renate Köhler beschwert sich über Lärm am Spielplatz; die Nachbarn widersprechen.",
  });
  const parties = await request.put(`/api/v1/cases/${created.id}/parties`, {
    headers: { ...headers, "If-Match": `"${created.version}"` },
    data: { parties: [{ contact_id: ((await contact.json()) as { id: string }).id, role_in_conflict: "affected" }] },
  });
  expect(parties.status()).toBe(200);
  return created;
}

test.describe("peer consultation", () => {
  test("a member sees the group across three municipalities", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.getByRole("navigation").getByRole("link", { name: "Fallberatung" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kollegiale Fallberatung");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("link", { name: GROUP }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(GROUP);
    const members = page.getByRole("table", { name: /^Mitglieder/ });
    await expect(members.getByRole("cell", { name: "Kyffhäuserkreis" }).first()).toBeVisible();
    await expect(members.getByRole("cell", { name: "Unstrut-Hainich-Kreis" }).first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Geteilte Fallvorstellungen" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "peer-group");
  });

  test("the check flags a name left in the summary, and sharing waits for it", async ({ page, browser, request }) => {
    const record = await caseWithParty(request);
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/peer/presentations/new?case=${record.id}`);
    const summary = page.getByLabel("Anonymisierte Fallschilderung");
    await expect(summary).toHaveValue(/^Person A beschwert sich/);
    await expect(page.getByText(/Ersetzt durch: Person A/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    // The author adds a sentence and forgets the family name in it.
    await summary.fill(`${await summary.inputValue()} Frau Köhler hat erneut angerufen.`);
    await page.getByLabel(/^Schlüsselfrage/).fill("Wie kann ich erreichen, dass die Nachbarn miteinander reden?");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByText("Der Entwurf ist gespeichert.", { exact: false })).toBeVisible();

    const findings = page.getByRole("list", { name: "Anonymisierungsprüfung" });
    await expect(findings.getByRole("listitem")).toHaveText([/^Name: Köhler/]);
    await expect(page.getByRole("button", { name: "Teilen" })).toBeDisabled();
    expect(await seriousViolations(page)).toEqual([]);

    // Removed, checked again, confirmed, shared.
    await summary.fill((await summary.inputValue()).replace("Frau Köhler", "Person A"));
    await page.getByRole("button", { name: "Entwurf speichern" }).click();
    await expect(page.getByText("Keine Namen, Orte oder Kontaktdaten gefunden.")).toBeVisible();
    await page.getByRole("button", { name: "Prüfung bestätigen" }).click();
    await expect(page.getByText("Prüfung bestätigt")).toBeVisible();
    await page.getByRole("button", { name: "Teilen" }).click();
    await expect(page.getByText("Geteilt", { exact: true })).toBeVisible();
    const url = page.url();

    // A member of another municipality reads it, without a way to the case.
    const neighbour = await secondSession(browser, NEIGHBOUR);
    await neighbour.goto(url);
    await expect(neighbour.getByRole("heading", { level: 1 })).toHaveText("Streit um den Spielplatz");
    await expect(neighbour.getByText("Vorgestellt von Anna Schulze (Wartburgkreis)")).toBeVisible();
    await expect(neighbour.getByRole("link", { name: "Zum Fall" })).toHaveCount(0);
    expect(await seriousViolations(neighbour)).toEqual([]);

    // The author sees who read it.
    await page.reload();
    await expect(page.getByText(/^Lukas Brandt \(Unstrut-Hainich-Kreis\)/)).toBeVisible();
    await neighbour.context().close();
  });

  test("two municipalities run a session through all six phases and the case giver takes it home", async ({ page, browser }) => {
    // The moderator (Wartburgkreis) opens the demo group's planned session.
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/peer");
    await page.getByRole("link", { name: GROUP }).click();
    const sessions = page.getByRole("region", { name: "Sitzungen" });
    await expect(sessions.getByText("geplant")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await sessions.getByRole("link", { name: /^Sitzung am/ }).first().click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Sitzung: ${GROUP}`);
    await expect(page.getByText("Die Sitzung hat noch nicht begonnen.")).toBeVisible();
    await page.getByRole("button", { name: "„Gemeinderat ohne Haushalt“ wählen" }).click();
    await expect(page.getByText("gewählt", { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    const url = page.url();

    // The case giver (Unstrut-Hainich-Kreis) follows in a browser of their own.
    const giver = await secondSession(browser, NEIGHBOUR);
    await giver.goto(url);
    await expect(giver.getByText("Meine Rolle").locator("..")).toContainText("Fallgeber:in");
    const phase = giver.getByRole("status").filter({ hasText: /Phase|Sitzung/ });

    const next = page.getByRole("button", { name: /^(Sitzung beginnen|Nächste Phase|Sitzung abschließen)$/ });
    const write = async (writer: typeof page, text: string, kind?: string) => {
      if (kind) await writer.getByLabel("Art des Beitrags").selectOption({ label: kind });
      await writer.getByLabel(/^Ihr Beitrag/).fill(text);
      await writer.getByRole("button", { name: "Beitrag schreiben" }).click();
      await expect(writer.getByText(text)).toBeVisible();
    };

    await next.click();
    // The second browser sees the phase change without reloading.
    await expect(phase).toHaveText("Phase 1 von 6: Rollen");
    await next.click();
    await expect(phase).toHaveText("Phase 2 von 6: Fallerzählung");
    await write(page, "Wer hat die Moderation angefragt?");
    await expect(giver.getByText("Wer hat die Moderation angefragt?")).toBeVisible();
    await next.click();
    await expect(phase).toHaveText("Phase 3 von 6: Schlüsselfrage");
    await write(giver, "Wie kann ich erreichen, dass beide Fraktionen zur Klausur kommen?");
    await next.click();
    await expect(phase).toHaveText("Phase 4 von 6: Methodenwahl");
    await write(page, "Hypothesen und gute Ratschläge");
    await next.click();
    await expect(phase).toHaveText("Phase 5 von 6: Beratung");
    await expect(giver.getByText("Als Fallgeber:in hören Sie in dieser Phase zu und schweigen.")).toBeVisible();
    await write(page, "Eine externe Moderation für die Klausur gewinnen", "Idee");
    expect(await seriousViolations(giver)).toEqual([]);
    await next.click();
    await expect(phase).toHaveText("Phase 6 von 6: Abschluss");
    await giver.getByLabel("Eine externe Moderation für die Klausur gewinnen").check();
    await giver.getByRole("button", { name: "Auswahl speichern" }).click();
    await expect(giver.getByText("Ihre Auswahl ist gespeichert.")).toBeVisible();
    await expect(page.getByText("aufgegriffen", { exact: true })).toBeVisible();
    await screenshot(page, "peer-session", page.getByRole("heading", { name: "Ablauf" }));
    await next.click();
    await expect(phase).toHaveText("Die Sitzung ist abgeschlossen.");

    // No sideways scrolling on a phone.
    await giver.setViewportSize({ width: 390, height: 844 });
    const wider = () => document.documentElement.scrollWidth - document.documentElement.clientWidth;
    expect(await giver.evaluate(wider)).toBe(0);

    // Back home: the case giver records the result in their own case.
    await giver.getByRole("button", { name: "In den Fall übernehmen" }).click();
    await expect(giver.getByText("Das Ergebnis ist als Beratung im Fall dokumentiert.")).toBeVisible();
    expect(await seriousViolations(giver)).toEqual([]);
    await giver.getByRole("link", { name: "Beratung öffnen" }).click();
    await expect(giver.getByText("Eine externe Moderation für die Klausur gewinnen")).toBeVisible();
    await expect(page.getByRole("button", { name: "In den Fall übernehmen" })).toHaveCount(0);
    await giver.context().close();
  });

  test("an administrator sets up a group", async ({ page }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);
    await page.goto("/peer/groups/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gruppe einrichten");
    await page.getByLabel(/^Name/).fill("Fallberatung Nord");
    await page
      .getByLabel(/^Mitglieder/)
      .fill(["m.keller@wartburgkreis.example", "koordination@unstrut-hainich.example", "koordination@kyffhaeuserkreis.example"].join("\n"));
    await page.getByLabel(/^Erste Moderation/).fill("m.keller@wartburgkreis.example");
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Fallberatung Nord");
    await expect(page.getByText("Die Gruppe „Fallberatung Nord“ ist eingerichtet.")).toBeVisible();
  });

  test("invitations answer the same for every address; the invited colleague accepts", async ({ page, browser }) => {
    await signIn(page, ADMIN);
    await expectDashboard(page);
    await page.goto("/peer");
    await page.getByRole("link", { name: GROUP }).click();
    const open = page.getByRole("region", { name: "Offene Einladungen" });
    await expect(open.getByText(COORDINATOR, { exact: true })).toBeVisible();
    // An address without an account gets the same answer as any other, by keyboard.
    await page.getByLabel("Kolleg:in einladen (E-Mail-Adresse)").fill("niemand@example.org");
    await page.getByLabel("Kolleg:in einladen (E-Mail-Adresse)").press("Enter");
    await expect(page.getByRole("status").filter({ hasText: "niemand@example.org" })).toHaveText(
      "Die Einladung an niemand@example.org ist vorgemerkt.",
    );
    await expect(open.getByText("niemand@example.org", { exact: true })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    const withdraw = open.getByRole("button", { name: "Einladung an niemand@example.org zurückziehen" });
    await withdraw.focus();
    await page.keyboard.press("Enter");
    await expect(open.getByText("niemand@example.org", { exact: true })).toHaveCount(0);

    const invitee = await secondSession(browser, COORDINATOR);
    await invitee.goto("/peer");
    const mine = invitee.getByRole("region", { name: "Einladungen an Sie" });
    await expect(mine.getByRole("heading", { name: GROUP })).toBeVisible();
    expect(await seriousViolations(invitee)).toEqual([]);
    await mine.getByRole("button", { name: `Einladung in die Gruppe ${GROUP} annehmen` }).click();
    await expect(invitee.getByRole("heading", { level: 1 })).toHaveText(GROUP);
    // Accepting the agreement stays a step of its own.
    await expect(invitee.getByRole("button", { name: "Vereinbarung annehmen" })).toBeVisible();
    await invitee.context().close();
  });
});
