import { expect, test } from "@playwright/test";
import { seriousViolations } from "./axe";
import {
  COORDINATOR,
  CONFLICT_MANAGER,
  createCase,
  endSessionBehindTheAppsBack,
  secondSession,
} from "./casework";
import { screenshot } from "./screenshots";
import { DEMO_PASSWORD, expectDashboard, signIn } from "./support";

test.describe("cases", () => {
  test("a conflict manager opens a case, after every field's error at once", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "Konfliktfälle" }).click();
    await page.getByRole("link", { name: "Neuen Fall anlegen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neuen Konfliktfall anlegen");

    await page.getByRole("button", { name: "Fall anlegen" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("Bitte prüfen Sie Ihre Angaben");
    await expect(summary).toContainText("Titel: Bitte ausfüllen – ohne diese Angabe geht es nicht.");
    const title = page.getByRole("textbox", { name: /^Titel/ });
    await expect(title).toHaveAttribute("aria-invalid", "true");
    expect(await seriousViolations(page)).toEqual([]);

    // Too much text is kept, counted and refused with the limit, for every field at once.
    const pasted = "Streitfall".repeat(70);
    await title.fill(pasted);
    await expect(title).toHaveValue(pasted);
    await expect(page.locator("#case-title-counter")).toHaveText("500 Zeichen zu viel");
    await page.getByLabel("Ort / Ortsteil").selectOption({ label: "Anderer Ort (nicht in der Liste)" });
    await page.getByLabel("Ort in Worten").fill("R".repeat(250));
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(summary).toContainText("Titel: Höchstens 200 Zeichen erlaubt – jetzt sind es 700.");
    await expect(summary).toContainText("Ort in Worten: Höchstens 200 Zeichen erlaubt – jetzt sind es 250.");
    await expect(page).toHaveURL(/\/cases\/new$/);
    expect(await seriousViolations(page)).toEqual([]);

    const name = "Konflikt um das Jugendzentrum in Ruhla";
    await title.fill(name);
    await page.getByLabel("Zusammenfassung").fill("Jugendliche und Anwohnende streiten über Öffnungszeiten.");
    await page.getByRole("checkbox", { name: "Jugend" }).check();
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption("4");
    await page.getByRole("checkbox", { name: "Demokratiegefährdend" }).check();
    await page.getByRole("checkbox", { name: "Einschüchterung der Zivilgesellschaft" }).check();
    await page.getByLabel("Ort / Ortsteil").selectOption({ label: "Ruhla" });
    await page.getByRole("button", { name: "Fall anlegen" }).click();

    await expect(page).toHaveURL(/\/cases\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("status").filter({ hasText: "wurde angelegt" })).toBeVisible();
    const header = page.locator(".case-header");
    await expect(header).toContainText(/WAK-\d{4}-\d{4}/);
    await expect(header).toContainText("Neu");
    await expect(header).toContainText("Stufe 4 – Sorge um Image und Koalition");
    await expect(header).toContainText("Demokratiegefährdend");
    await expect(page.getByRole("region", { name: "Zuständige" })).toContainText("Anna Schulze");
    await expect(page.getByRole("region", { name: "Verlauf" })).toContainText("Fall angelegt mit Status Neu");
  });

  test("filters, search and paging live in the address and survive a reload", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/cases?status=analysing");
    const rows = page.getByRole("region", { name: "Konfliktfälle" }).locator("tbody tr");
    await expect(rows.first()).toBeVisible();
    for (const status of await rows.locator("td:nth-child(2)").allTextContents()) expect(status).toBe("Analyse");

    // Active filters keep the filter panel open.
    await expect(page.getByText("Filter (1 aktiv)")).toBeVisible();
    await page.getByRole("checkbox", { name: "Bearbeitung" }).check();
    await expect(page).toHaveURL(/status=analysing&status=in_progress/);
    await page.getByLabel("Sortierung").selectOption("-escalation_level");
    await expect(page).toHaveURL(/sort=-escalation_level/);
    await page.reload();
    await expect(page.getByRole("checkbox", { name: "Bearbeitung" })).toBeChecked();
    await expect(page.getByLabel("Sortierung")).toHaveValue("-escalation_level");

    await page.goto("/cases");
    await page.getByLabel(/^Suche in Aktenzeichen/).fill("Montagsspaziergänge");
    await expect(page).toHaveURL(/q=Montagsspazierg/);
    await expect(rows.first()).toContainText("Montagsspaziergänge");

    await page.goto("/cases");
    const firstPage = await rows.first().textContent();
    await page.getByRole("button", { name: "Nächste Seite" }).click();
    await expect(page).toHaveURL(/cursor=/);
    await expect(page.getByText("Seite 2")).toBeVisible();
    await expect(rows.first()).not.toHaveText(firstPage ?? "");
    await page.reload();
    await expect(page.getByText("Seite 2")).toBeVisible();
    await page.getByRole("button", { name: "Vorherige Seite" }).click();
    await expect(page).not.toHaveURL(/cursor=/);
    await expect(rows.first()).toHaveText(firstPage ?? "");
  });

  test("the status menu offers only the steps the workflow allows", async ({ page, request }) => {
    const record = await createCase(request, { title: "Lärmbeschwerden gegen das Dorfgemeinschaftshaus Unterbreizbach" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${record.id}`);
    const status = page.getByRole("region", { name: "Status" });
    const steps = status.getByRole("list", { name: "Status ändern zu" }).getByRole("button");
    await expect(steps).toHaveText(["Auftragsklärung", "Abgeschlossen"]);

    await steps.filter({ hasText: "Auftragsklärung" }).click();
    await expect(status.getByRole("heading", { name: "Status ändern zu „Auftragsklärung“" })).toBeFocused();
    await status.getByLabel("Begründung").fill("Erstgespräch mit dem Angelverein geführt.");
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(status.getByRole("status")).toHaveText("Der Status ist jetzt „Auftragsklärung“.");
    await expect(steps).toHaveText(["Analyse", "Vermittelt", "Abgeschlossen"]);
    await expect(page.getByRole("region", { name: "Verlauf" })).toContainText("Status: Neu → Auftragsklärung");

    await steps.filter({ hasText: "Abgeschlossen" }).click();
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(status.getByRole("alert")).toContainText("Ergebnis: Bitte füllen Sie dieses Feld aus.");
    await status.getByRole("combobox", { name: /^Ergebnis/ }).selectOption("withdrawn");
    await status.getByRole("button", { name: "Status ändern" }).click();
    await expect(page.locator(".case-header")).toContainText("Abgeschlossen");
    // Not a dead end: the conflict manager handling the case may take it up again (with a reason).
    await expect(steps).toHaveText(["Bearbeitung"]);
    await expect(page.getByRole("region", { name: "Ergebnis" })).toContainText("Zurückgezogen");
  });

  test("a stale edit shows what changed meanwhile and re-applies the user's change", async ({ page, browser, request }) => {
    const record = await createCase(request, { title: "Parkplatzstreit am Bahnhof Marksuhl" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    const other = await secondSession(browser, COORDINATOR);

    await page.goto(`/cases/${record.id}/edit`);
    await other.goto(`/cases/${record.id}/edit`);
    await expect(page.getByLabel(/^Titel/)).toHaveValue(record.title);
    await expect(other.getByLabel(/^Titel/)).toHaveValue(record.title);

    // The coordinator saves first: a new title and place.
    await other.getByLabel(/^Titel/).fill(`${record.title} – Bürgerversammlung geplant`);
    await other.getByLabel("Ort / Ortsteil").selectOption({ label: "Marksuhl (Gerstungen)" });
    await other.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(other.getByRole("heading", { level: 1 })).toHaveText(`${record.title} – Bürgerversammlung geplant`);

    // The conflict manager, still on the old version, changes the summary and the level.
    await page.getByLabel("Zusammenfassung").fill("Der Angelverein droht mit einer Klage.");
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption("5");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();

    const conflict = page.getByRole("region", { name: "Jemand anderes hat diesen Eintrag inzwischen geändert" });
    await expect(conflict).toBeFocused();
    const mine = conflict.getByRole("table").locator("tbody tr");
    await expect(mine).toHaveCount(2);
    await expect(mine.nth(0)).toContainText("Zusammenfassung");
    await expect(mine.nth(0)).toContainText("Der Angelverein droht mit einer Klage.");
    await expect(mine.nth(1)).toContainText("Stufe 5 – Gesichtsverlust");
    await expect(conflict).toContainText("Außerdem von anderer Seite geändert:");
    await expect(conflict).toContainText("– Bürgerversammlung geplant");
    expect(await seriousViolations(page)).toEqual([]);

    await conflict.getByRole("button", { name: "Meine Änderungen auf die aktuelle Fassung übertragen" }).click();
    await expect(page.getByText("Ihre Änderungen wurden auf die aktuelle Fassung übertragen.")).toBeFocused();
    await expect(page.getByLabel(/^Titel/)).toHaveValue(`${record.title} – Bürgerversammlung geplant`);
    await expect(page.getByLabel("Ort / Ortsteil").locator("option:checked")).toHaveText("Marksuhl (Gerstungen)");
    await expect(page.getByLabel("Zusammenfassung")).toHaveValue("Der Angelverein droht mit einer Klage.");
    await page.getByLabel("Begründung der Eskalationsänderung").fill("Klage angedroht.");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${record.title} – Bürgerversammlung geplant`);
    await expect(page.locator(".case-header")).toContainText("Stufe 5 – Gesichtsverlust");
    await expect(page.getByRole("region", { name: "Zusammenfassung" })).toContainText("Der Angelverein droht mit einer Klage.");
    await expect(page.getByRole("region", { name: "Verlauf" })).toContainText("Klage angedroht.");
    await other.context().close();
  });

  test("keyboard only: a case is opened without touching the mouse", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/cases");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Konfliktfälle");

    await page.getByRole("main").focus();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Neuen Fall anlegen" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Neuen Konfliktfall anlegen");
    await expect(page.getByRole("main")).toBeFocused();

    const name = "Lärm am Marktplatz in Vacha";
    await page.keyboard.press("Tab");
    await expect(page.getByLabel(/^Titel/)).toBeFocused();
    await page.keyboard.type(name);
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Zusammenfassung")).toBeFocused();
    await page.keyboard.type("Gastronomie und Anwohnende streiten über die Sperrstunde.");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("checkbox", { name: "Rechtsextremismus" })).toBeFocused();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("checkbox", { name: "Nachbarschaft" })).toBeFocused();
    await page.keyboard.press("Space");
    await expect(page.getByRole("checkbox", { name: "Nachbarschaft" })).toBeChecked();
    // The first assessment is a choice: the keyboard picks it in the select.
    await page.getByLabel("Eskalationsstufe nach Glasl").focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await expect(page.getByLabel("Eskalationsstufe nach Glasl")).toHaveValue("1");
    // Enter in a text field submits the form.
    await page.getByLabel(/^Titel/).focus();
    await page.keyboard.press("Enter");

    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
    await expect(page.getByRole("region", { name: "Angaben" })).toContainText("Nachbarschaft");
  });

  test("an ended session keeps the half-filled case form, which comes back after signing in", async ({ page }) => {
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto("/cases/new");
    const name = "Streit um die Kirmes in Gerstungen";
    await page.getByLabel(/^Titel/).fill(name);
    await page.getByLabel("Zusammenfassung").fill("Halb geschrieben …");
    await page.getByLabel("Eskalationsstufe nach Glasl").selectOption({ label: "Noch nicht eingeschätzt" });

    await endSessionBehindTheAppsBack(page);
    await page.getByRole("button", { name: "Fall anlegen" }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByRole("status")).toHaveText("Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.");
    await page.getByLabel("E-Mail-Adresse").fill(CONFLICT_MANAGER);
    await page.getByLabel("Passwort").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Anmelden" }).click();

    await expect(page).toHaveURL(/\/cases\/new$/);
    await expect(page.getByText(/Ein nicht gespeicherter Entwurf vom .* wurde wiederhergestellt\./)).toBeVisible();
    await expect(page.getByLabel(/^Titel/)).toHaveValue(name);
    await expect(page.getByLabel("Zusammenfassung")).toHaveValue("Halb geschrieben …");
    await page.getByRole("button", { name: "Fall anlegen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  });
});

test.describe("cases: accessibility and screenshots", () => {
  test("list (with filters open), detail, new and edit pages have no serious axe violations", async ({ page, request }) => {
    const record = await createCase(request, {
      title: "Falschmeldungen über die Gemeinschaftsunterkunft in Dorndorf",
      topics: ["migration_integration"],
      endangers_democracy: true,
      democracy_indicators: ["disinformation"],
    });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);

    // The most escalated cases first: the demo data, not what the tests before have opened.
    await page.goto("/cases?sort=-escalation_level");
    await expect(page.getByRole("region", { name: "Konfliktfälle" })).toBeVisible();
    await screenshot(page, "cases-list");
    await page.getByText("Filter", { exact: true }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/cases/${record.id}`);
    await expect(page.getByRole("region", { name: "Verlauf" }).getByRole("listitem").first()).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByRole("region", { name: "Status" }).getByRole("button", { name: "Abgeschlossen" }).click();
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto(`/cases/${record.id}/edit`);
    await expect(page.getByLabel(/^Titel/)).toHaveValue(record.title);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto("/cases/new");
    await expect(page.getByLabel(/^Titel/)).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("a coordinator's case page with assignees to change, and the screenshot of a case", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    await page.goto("/cases?status=analysing&sort=-escalation_level");
    await page.getByRole("region", { name: "Konfliktfälle" }).locator("tbody tr").first().getByRole("link").click();
    await expect(page.getByRole("region", { name: "Verlauf" }).getByRole("listitem").first()).toBeVisible();
    await expect(page.getByRole("region", { name: "Beratungen" }).getByRole("article").first()).toBeVisible();
    await screenshot(page, "case-detail");

    await page.getByRole("button", { name: "Zuständige ändern" }).click();
    await expect(page.getByRole("group", { name: "Konfliktmanager:innen und Koordination" })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
  });
});
