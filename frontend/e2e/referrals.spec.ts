import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR, CONFLICT_MANAGER, createCase, moveCase, scrollsSideways } from "./casework";
import { expectDashboard, germanDay, signIn } from "./support";

const MOBIT = "Mobile Beratung in Thüringen (MOBIT)";

async function pickContact(page: Page, region: string, label: string, search: string, name: string) {
  const panel = page.getByRole("region", { name: region });
  await panel.getByLabel(`${label} suchen`).fill(search);
  await expect(panel.getByLabel(`${label} auswählen`).getByRole("option", { name })).toBeAttached();
  await panel.getByLabel(`${label} auswählen`).selectOption({ label: name });
}

test.describe("referrals and parties", () => {
  test("a conflict manager names the parties, refers the case to MOBIT, records the answer and takes it back", async ({ page, request }) => {
    const opened = await createCase(request, { title: "Drohschreiben an den Ortsteilrat Dippach" });
    const record = await moveCase(request, opened, "clarifying");
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${record.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(record.title);

    // Parties: one from the network, one new contact; a role changed, one removed.
    const parties = page.getByRole("region", { name: "Beteiligte" });
    await parties.getByRole("button", { name: "Beteiligte aus dem Netzwerk hinzufügen" }).click();
    await pickContact(page, "Beteiligte", "Kontakt", "Ritter", "Daniela Ritter");
    await parties.getByLabel("Rolle im Konflikt").selectOption({ label: "Anfragende Seite" });
    await parties.getByRole("button", { name: "Hinzufügen" }).click();
    await expect(parties.getByRole("status").first()).toHaveText("Daniela Ritter wurde als Beteiligte hinzugefügt.");
    await parties.getByRole("button", { name: "Neuen Kontakt als Beteiligte anlegen" }).click();
    await parties.getByLabel("Name").fill("Heimatverein Dippach");
    await parties.getByRole("button", { name: "Hinzufügen" }).click();
    await expect(parties.getByRole("status").first()).toHaveText("Heimatverein Dippach wurde als Beteiligte hinzugefügt.");
    await parties.getByLabel("Rolle von Heimatverein Dippach").selectOption({ label: "Betroffen" });
    await expect(parties.getByRole("status").first()).toHaveText("Die Rolle von Heimatverein Dippach wurde geändert.");
    await parties.getByRole("button", { name: "Daniela Ritter entfernen" }).click();
    await expect(parties.getByRole("status").first()).toHaveText("Daniela Ritter ist nicht mehr beteiligt.");
    await expect(parties.getByRole("link", { name: "Heimatverein Dippach" })).toBeVisible();
    await expect(parties.getByLabel("Rolle von Heimatverein Dippach")).toHaveValue("affected");

    // The referral: to a network contact, with consent for the personal data handed over.
    const referrals = page.getByRole("region", { name: "Vermittlungen" });
    await referrals.getByRole("button", { name: "Vermittlung erfassen" }).click();
    await pickContact(page, "Vermittlungen", "Aufnehmende Stelle aus dem Netzwerk", "MOBIT", MOBIT);
    await referrals.getByLabel("Grund der Vermittlung").fill("Drohschreiben mit rechtsextremem Hintergrund.");
    await referrals.getByLabel("Was übergeben wurde").fill("Kopie des Schreibens, Kontakt der Ortsteilbürgermeisterin.");
    await referrals.getByRole("checkbox", { name: "Personenbezogene Daten werden weitergegeben" }).check();
    await referrals.getByRole("button", { name: "Vermittlung speichern" }).click();
    await expect(referrals.getByRole("alert")).toContainText("Einwilligung erteilt am");
    await referrals.getByLabel("Einwilligung erteilt am").fill(germanDay());
    expect(await seriousViolations(page)).toEqual([]);
    await referrals.getByRole("button", { name: "Vermittlung speichern" }).click();
    await expect(referrals.getByRole("status").first()).toHaveText(`Die Vermittlung an ${MOBIT} wurde gespeichert.`);
    await expect(referrals.getByRole("listitem").first()).toContainText("Vorgeschlagen");

    await referrals.getByRole("button", { name: /Stand und Antwort erfassen/ }).click();
    await referrals.getByLabel("Stand", { exact: true }).selectOption({ label: "Vereinbart" });
    await referrals.getByLabel("Antwort der aufnehmenden Stelle").fill("Übernahme zugesagt, Termin am Montag.");
    await referrals.getByRole("button", { name: "Speichern" }).click();
    await expect(referrals.getByRole("status").first()).toHaveText(`Die Vermittlung an ${MOBIT} wurde aktualisiert.`);
    await expect(referrals).toContainText("Übernahme zugesagt, Termin am Montag.");

    // The case status reads the same record.
    const status = page.getByRole("region", { name: "Status" });
    await status.getByRole("button", { name: "Vermittelt" }).click();
    await status.getByLabel(/Vermittlung, über die der Fall abgegeben wird/).selectOption({ label: `${MOBIT} (Vereinbart)` });
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(status.getByRole("status").first()).toHaveText("Der Status ist jetzt „Vermittelt“.");
    const timeline = page.getByRole("region", { name: "Verlauf" });
    await expect(timeline).toContainText(`Vermittlung an ${MOBIT} erfasst (Vorgeschlagen)`);
    await expect(timeline).toContainText(`Vermittlung an ${MOBIT}: Vorgeschlagen → Vereinbart`);
    await expect(timeline).toContainText(`Status: Auftragsklärung → Vermittelt an ${MOBIT}`);

    // Not a dead end: the assignee takes the case back, with a reason.
    await status.getByRole("button", { name: "Auftragsklärung" }).click();
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(status.getByRole("alert")).toContainText("Begründung");
    await status.getByLabel(/^Begründung/).fill("MOBIT verweist an uns zurück.");
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(status.getByRole("status").first()).toHaveText("Der Status ist jetzt „Auftragsklärung“.");
    await expect(timeline).toContainText("MOBIT verweist an uns zurück.");

    // The receiving body's page lists the case, from the same record.
    await referrals.getByRole("link", { name: MOBIT }).click();
    const referred = page.getByRole("region", { name: "An diese Stelle vermittelte Fälle" });
    await expect(referred.getByRole("link", { name: new RegExp(record.title) })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("at 390 px the case page with its referral and party forms does not scroll sideways", async ({ page, request }) => {
    const record = await createCase(request, { title: "Streit um die Kirmes in Unterbreizbach" });
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${record.id}`);
    await page.getByRole("button", { name: "Vermittlung erfassen" }).click();
    await page.getByRole("button", { name: "Beteiligte aus dem Netzwerk hinzufügen" }).click();
    await expect(page.getByLabel("Grund der Vermittlung")).toBeVisible();
    expect(await scrollsSideways(page)).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe("finding, planning and tidying up", () => {
  test("search finds a case by its number and says where; consultations name their case and planned ones are marked", async ({ page, request }) => {
    const record = await createCase(request, { title: "Lärmkonflikt am Marktplatz Geisa", place: "Geisa" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    const number = record.reference.split("-").pop() ?? "";
    await page.goto(`/cases?q=${record.reference}`);
    const hit = page.getByRole("row").filter({ hasText: record.title });
    await expect(hit).toContainText("Gefunden in: Aktenzeichen");
    await page.goto(`/cases?q=${encodeURIComponent(`LÄRMKONFLIKT ${number}`)}`);
    await expect(page.getByRole("row").filter({ hasText: record.title })).toContainText("Gefunden in: Aktenzeichen, Titel");

    await page.goto(`/cases/${record.id}`);
    const section = page.getByRole("region", { name: "Beratungen" });
    await page.locator(".case-header").getByRole("button", { name: "Beratung erfassen" }).click();
    await section.getByLabel(/^Datum/).fill(germanDay(7));
    await expect(section.getByText("Das Datum liegt in der Zukunft")).toBeVisible();
    await section.getByLabel(/^Zusammenfassung/).fill("Runder Tisch mit Gastronomie und Anwohnenden.");
    await section.getByRole("button", { name: "Beratung speichern" }).click();
    await expect(page.getByText("Die Beratung wurde gespeichert.")).toBeVisible();

    await page.goto("/consultations?sort=-started_at");
    const row = page.getByRole("row").filter({ hasText: "Runder Tisch mit Gastronomie" });
    await expect(row).toContainText(record.reference);
    await expect(row).toContainText(record.title);
    await expect(row).toContainText("geplant");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a case starts unrated by choice, and a coordinator withdraws one opened by mistake", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/cases/new");
    await page.getByLabel(/^Titel/).fill("Doppelt angelegt: Streit um den Dorfteich");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(page.getByRole("alert")).toContainText("Bitte eine Eskalationsstufe wählen");
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption({ label: "Noch nicht eingeschätzt" });
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.locator(".case-header")).toContainText("Noch nicht eingeschätzt");
    await expect(page.getByRole("region", { name: "Verlauf" })).toContainText("Erste Einschätzung: Noch nicht eingeschätzt");

    const withdraw = page.getByRole("region", { name: "Versehentlich angelegt?" });
    await withdraw.getByRole("button", { name: "Fall zurückziehen" }).click();
    await withdraw.getByLabel(/^Grund/).fill("Doppelt angelegt, siehe Fall vom Vortag.");
    await withdraw.getByRole("button", { name: "Zurückziehen und archivieren" }).click();
    await expect(page.locator(".case-header")).toContainText("Archiviert");
    await expect(page.getByRole("region", { name: "Verlauf" })).toContainText("Doppelt angelegt, siehe Fall vom Vortag.");

    await page.goto("/statistics");
    await expect(page.getByRole("heading", { name: "Vermittlungen nach Akteursgruppe der aufnehmenden Stelle" })).toBeVisible();
    await expect(page.getByText("Noch nicht eingeschätzt").first()).toBeAttached();
  });
});
