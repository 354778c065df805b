import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import { CONFLICT_MANAGER, createCase, createConsultation, endSessionBehindTheAppsBack } from "./casework";
import { DEMO_PASSWORD, expectDashboard, germanDay, signIn } from "./support";

test.describe("consultations", () => {
  test("a consultation is recorded from the case page in a few steps", async ({ page, request }) => {
    const record = await createCase(request, { title: "Nutzung des Dorfteichs in Dippach" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${record.id}`);
    const section = page.getByRole("region", { name: "Beratungen" });
    await expect(section).toContainText("Zu diesem Fall sind noch keine Beratungen erfasst.");

    await page.locator(".case-header").getByRole("button", { name: "Beratung erfassen" }).click();
    await expect(section.getByRole("heading", { name: "Beratung erfassen" })).toBeFocused();
    // Today, an hour ago, for an hour: usually nothing to change but kind and summary.
    await expect(section.getByLabel(/^Datum/)).toHaveValue(germanDay());
    await expect(section.getByLabel(/^Dauer in Minuten/)).toHaveValue("60");

    await section.getByLabel(/^Dauer in Minuten/).fill("");
    await section.getByRole("button", { name: "Beratung speichern" }).click();
    await expect(section.getByRole("alert")).toContainText("Dauer in Minuten:");
    await expect(section.getByLabel(/^Dauer in Minuten/)).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);

    await section.getByLabel(/^Dauer in Minuten/).fill("45");
    await section.getByLabel(/^Art/).selectOption("initial_talk");
    await section.getByLabel(/^Format/).selectOption("phone");
    await section.getByLabel("Zusammenfassung").fill("Erstgespräch mit dem Vorsitzenden des Angelvereins.");
    await section.getByText("Weitere Angaben").click();
    await section.getByLabel("Nächste Schritte").fill("Ortstermin am Teich vereinbaren.");
    await section.getByLabel("Vertrauliche Notizen").fill("Der Vorsitzende fühlt sich von der Gemeinde übergangen.");
    expect(await seriousViolations(page)).toEqual([]);
    await section.getByRole("button", { name: "Beratung speichern" }).click();

    await expect(section.getByRole("status")).toHaveText("Die Beratung wurde gespeichert.");
    await expect(section.getByRole("button", { name: "Beratung erfassen" })).toBeFocused();
    const entry = section.getByRole("article").first();
    await expect(entry).toContainText("Erstgespräch");
    await expect(entry).toContainText("Telefon · 45 Min.");
    await expect(entry).toContainText("mit vertraulichen Notizen");
    await expect(entry).not.toContainText("übergangen");
  });

  test("confidential notes are fetched only when asked for", async ({ page, request }) => {
    const record = await createCase(request, { title: "Streit im Kleingartenverein Bad Salzungen" });
    const consultation = await createConsultation(request, record.id, {
      confidential_notes: "Frau K. fürchtet um ihre Stelle.",
      agreements: "Nächstes Treffen im Gemeindehaus.",
    });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);

    const reads: string[] = [];
    page.on("request", (sent) => {
      // The consultation itself, not its attachments.
      const url = new URL(sent.url());
      if (url.pathname === `/api/v1/consultations/${consultation.id}`) reads.push(url.search);
    });
    await page.goto(`/consultations/${consultation.id}`);
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Beratung vom");
    await expect(page.getByRole("main")).toContainText("Nächstes Treffen im Gemeindehaus.");
    await expect(page.getByRole("main")).not.toContainText("fürchtet");
    expect(reads).toEqual(["?notes=false"]);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole("button", { name: "Vertrauliche Notizen anzeigen" }).click();
    await expect(page.getByText("Frau K. fürchtet um ihre Stelle.")).toBeVisible();
    expect(reads).toEqual(["?notes=false", ""]);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("the list filters by kind in the address", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Beratungen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beratungen");
    await page.getByRole("checkbox", { name: "Mediation" }).check();
    await expect(page).toHaveURL(/kind=mediation/);
    const kinds = page.getByRole("region", { name: "Beratungen" }).locator("tbody tr td:nth-child(2)");
    await expect(kinds.first()).toBeVisible();
    // The previous rows stay while the filtered page loads.
    await expect.poll(async () => (await kinds.allTextContents()).every((kind) => kind.startsWith("Mediation"))).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Mediation" })).toBeChecked();
    await page.getByRole("button", { name: "Alle Filter zurücksetzen" }).click();
    await expect(page).not.toHaveURL(/kind=/);
  });

  test("an ended session keeps the half-filled consultation, and the form opens again after signing in", async ({ page, request }) => {
    const record = await createCase(request, { title: "Konflikt um den Jugendclub in Tiefenort" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${record.id}`);
    const section = page.getByRole("region", { name: "Beratungen" });
    await section.getByRole("button", { name: "Beratung erfassen" }).click();
    await section.getByLabel("Zusammenfassung").fill("Moderation zwischen Angelverein und Anwohnenden, halb notiert");
    await section.getByLabel(/^Art/).selectOption("moderation");

    await endSessionBehindTheAppsBack(page);
    await section.getByRole("button", { name: "Beratung speichern" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.getByLabel("E-Mail-Adresse").fill(CONFLICT_MANAGER);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();

    await expect(page).toHaveURL(new RegExp(`/cases/${record.id}$`));
    const restored = page.getByRole("region", { name: "Beratungen" });
    await expect(restored.getByText(/Entwurf vom .* wurde wiederhergestellt/)).toBeVisible();
    await expect(restored.getByLabel("Zusammenfassung")).toHaveValue("Moderation zwischen Angelverein und Anwohnenden, halb notiert");
    await expect(restored.getByLabel(/^Art/)).toHaveValue("moderation");
    await restored.getByRole("button", { name: "Beratung speichern" }).click();
    await expect(restored.getByRole("article").first()).toContainText("Moderation");
  });
});
