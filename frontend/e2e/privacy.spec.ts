import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { apiToken, createCase, createConsultation } from "./casework";
import { screenshot } from "./screenshots";
import { ACCOUNTS, expectDashboard, signIn } from "./support";

const COORDINATOR = ACCOUNTS[1].email;
const CONFLICT_MANAGER = ACCOUNTS[2].email;
const LETTER = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");

/** Tabs forward until `name` has the focus (at most `limit` times). */
async function tabTo(page: Page, locator: ReturnType<Page["getByRole"]>, limit = 40) {
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    if (await locator.evaluate((element) => element === document.activeElement)) return;
  }
  throw new Error("not reached by keyboard");
}

test.describe("public accessibility pages", () => {
  test("the accessibility statement takes a report of a barrier, by keyboard only", async ({ page }) => {
    await page.goto("/barrierefreiheit");
    await expect(page.getByRole("heading", { level: 1, name: "Erklärung zur Barrierefreiheit" })).toBeVisible();
    await expect(page.getByText("teilweise vereinbar")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "accessibility-statement");

    const message = page.getByLabel("Was funktioniert nicht?");
    await tabTo(page, message);
    await page.keyboard.type("Der Kalender lässt sich nicht mit der Tastatur bedienen.");
    await page.keyboard.press("Tab");
    await page.keyboard.type("/consultations");
    await tabTo(page, page.getByRole("button", { name: "Meldung senden" }), 5);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("Vielen Dank! Ihre Meldung ist eingegangen.");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("Leichte Sprache is reachable from every page's footer, without signing in", async ({ page }) => {
    await page.goto("/login");
    const footer = page.getByRole("navigation", { name: "Rechtliches" });
    const link = footer.getByRole("link", { name: "Leichte Sprache" });
    await tabTo(page, link, 30);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "KoKoMa in Leichter Sprache" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Wie bekomme ich Hilfe?" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "leichte-sprache");

    await page.goto("/datenschutz");
    await expect(page.getByRole("heading", { level: 1, name: "Datenschutzhinweise" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test.describe.serial("data protection", () => {
  test("a coordinator exports what is stored about a person, as PDF", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Datenschutz" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Datenschutz" })).toBeVisible();
    await page.getByLabel("Name oder E-Mail-Adresse").fill("Heike Stein");
    await page.getByRole("checkbox", { name: /Heike Stein/ }).check();
    await page.getByRole("button", { name: "Auskunft erstellen" }).click();
    const report = page.getByRole("table", { name: "Gespeichert über Heike Stein" });
    await expect(report.getByRole("row", { name: /Netzwerkkontakte/ })).toContainText("1");
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "privacy");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Als PDF herunterladen" }).click();
    expect((await download).suggestedFilename()).toBe("auskunft.pdf");

    await expect(page.getByRole("heading", { level: 2, name: "Aufbewahrung" })).toBeVisible();
    await page.getByLabel("Abgeschlossene Fälle anonymisieren nach (Jahren)").fill("4");
    await page.getByRole("button", { name: "Fristen speichern" }).click();
    await expect(page.getByText("Die Fristen wurden gespeichert.")).toBeVisible();
    await expect(page.getByLabel("Abgeschlossene Fälle anonymisieren nach (Jahren)")).toHaveValue("4");
    // The audit log's own period, and contacts whose consent runs out soon.
    await expect(page.getByLabel("Protokoll aufbewahren (Jahre)")).toHaveValue("2");
    await expect(page.getByRole("link", { name: "Uwe Altmann" })).toBeVisible();
  });

  test("the coordinator keeps the Art. 30 record and the privacy notice the public reads", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/privacy");
    await page.getByRole("link", { name: "Verzeichnis von Verarbeitungstätigkeiten (Art. 30 DSGVO)" }).click();
    const record = page.getByRole("textbox", { name: /^Verzeichnis/ });
    await expect(record).toHaveValue(/API-Client|Keine: Die Kommune hat keine API-Clients/);
    await expect(record).toHaveValue(/Protokoll: 2 Jahre/);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "processing-record");
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Als PDF herunterladen" }).click();
    expect((await download).suggestedFilename()).toBe("processing_record.pdf");

    // The privacy notice, edited by keyboard only and saved.
    await page.goto("/privacy/texts/privacy_notice");
    const notice = page.getByRole("textbox", { name: /^Datenschutzhinweise/ });
    await tabTo(page, notice);
    await page.keyboard.press("Control+End");
    await page.keyboard.type("\n\n## Sprechzeiten\nDienstags 9 bis 12 Uhr im Landratsamt.");
    await tabTo(page, page.getByRole("button", { name: "Fassung speichern" }), 5);
    await page.keyboard.press("Enter");
    await expect(page.getByRole("status")).toHaveText("Die Fassung wurde gespeichert.");
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/datenschutz/wak");
    await expect(page.getByRole("heading", { level: 2, name: "Sprechzeiten" })).toBeVisible();
    await expect(page.getByText("Dienstags 9 bis 12 Uhr im Landratsamt.")).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.goto("/barrierefreiheit/wak");
    await expect(page.getByText(/Standardangabe: Die Kommune hat die zuständige Stelle/)).toBeVisible();
    await expect(page.getByLabel("Kürzel Ihrer Kommune", { exact: false })).toHaveValue("wak");
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a conflict manager asks for an erasure, the coordinator confirms it with redaction", async ({ page, request }) => {
    test.setTimeout(120_000); // two accounts, data arranged through the API, two pages of checks
    // A consultation the person took part in, with a letter of theirs attached.
    const token = await apiToken(request, CONFLICT_MANAGER);
    const auth = { Authorization: `Bearer ${token}` };
    const found = await request.get("/api/v1/contacts", { headers: auth, params: { q: "Birgit Koch" } });
    const [person] = ((await found.json()) as { items: { id: string }[] }).items;
    const consultation = await createConsultation(request, (await createCase(request)).id, {
      participant_ids: [person.id],
    });
    const files = `/api/v1/consultations/${consultation.id}/attachments`;
    const uploaded = await request.post(files, {
      headers: auth,
      multipart: { file: { name: "Schreiben Frau Koch.pdf", mimeType: "application/pdf", buffer: LETTER } },
    });
    expect(uploaded.status()).toBe(201);

    // A mention of the person in another contact's notes, to be redacted.
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/network?q=Walther");
    await page.getByRole("link", { name: /Walther/ }).first().click();
    await page.getByRole("link", { name: "Bearbeiten" }).click();
    await page.getByLabel("Notizen (intern)").fill("Kennt Birgit Koch aus dem Ortschaftsrat.");
    await page.getByRole("button", { name: "Kontakt speichern" }).click();
    await expect(page.getByText("Kennt Birgit Koch aus dem Ortschaftsrat.")).toBeVisible();

    await page.goto("/privacy");
    await page.getByLabel("Name oder E-Mail-Adresse").fill("Birgit Koch");
    await page.getByRole("checkbox", { name: /Birgit Koch/ }).check();
    await page.getByLabel("Grund").fill("Antrag von Frau Koch vom 1. Dezember 2026");
    await page.getByRole("checkbox", { name: /offene Fälle/ }).check();
    await page.getByRole("button", { name: "Löschung beantragen" }).click();
    await expect(page.getByRole("status")).toContainText("Der Löschantrag wurde gestellt.");

    await page.getByRole("button", { name: "Abmelden" }).click();
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/privacy");
    await page.getByRole("table").getByRole("link", { name: "Birgit Koch" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Löschantrag" })).toBeVisible();
    const mention = page.getByRole("checkbox", { name: /Kennt Birgit Koch/ });
    await expect(mention).toBeChecked();
    // Files are kept unless chosen: the coordinator ticks the letter, by keyboard.
    const letter = page.getByRole("checkbox", { name: /^Beratung: Schreiben Frau Koch\.pdf/ });
    await expect(letter).not.toBeChecked();
    await letter.focus();
    await page.keyboard.press("Space");
    await expect(letter).toBeChecked();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, "erasure");
    await page.getByRole("button", { name: "Löschung bestätigen" }).click();
    await expect(page.getByRole("status")).toContainText("Person A");
    const left = await request.get(files, { headers: auth });
    expect(((await left.json()) as { items: unknown[] }).items).toEqual([]);

    await page.goto("/network?q=Walther");
    await page.getByRole("link", { name: /Walther/ }).first().click();
    await expect(page.getByText("Kennt Person A aus dem Ortschaftsrat.")).toBeVisible();
  });
});
