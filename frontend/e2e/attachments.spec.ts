import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { CONFLICT_MANAGER, createCase, createConsultation } from "./casework";
import { expectDashboard, signIn } from "./support";

const LETTER = Buffer.from("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n", "latin1");
const DISGUISED = Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>");

async function attach(page: Page, panel: string, name: string, buffer: Buffer, description = "") {
  const section = page.getByRole("region", { name: panel });
  await section.getByLabel(/^Datei\b/).setInputFiles({ name, mimeType: "application/pdf", buffer });
  if (description) await section.getByLabel("Beschreibung").fill(description);
  await section.getByRole("button", { name: "Hochladen" }).click();
  return section;
}

async function downloaded(page: Page, section: ReturnType<Page["getByRole"]>, name: string) {
  const download = page.waitForEvent("download");
  await section.getByRole("button", { name: `${name} (herunterladen)` }).click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

test.describe("attachments", () => {
  test("a conflict manager keeps a letter with a case, downloads it and removes it", async ({ page, request }) => {
    const created = await createCase(request, { title: "Beschwerdebrief über das Dorffest in Gerstungen" });
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/cases/${created.id}`);
    await expect(page.getByRole("heading", { level: 1, name: created.title })).toBeVisible();
    const panel = page.getByRole("region", { name: "Anhänge" });
    await expect(panel).toContainText("Noch keine Dateien.");

    // A web page named like a PDF is refused by its content, in German.
    await attach(page, "Anhänge", "flyer.pdf", DISGUISED);
    await expect(panel.getByText(/Diese Art von Datei kann nicht angehängt werden/)).toBeVisible();

    const name = "Brief der Anwohnerinnen – März.pdf";
    await attach(page, "Anhänge", name, LETTER, "Beschwerde vom 12. März");
    await expect(panel.getByRole("status").filter({ hasText: `„${name}“ wurde angehängt.` })).toBeVisible();
    const item = panel.getByRole("listitem").filter({ hasText: name });
    await expect(item).toContainText("Beschwerde vom 12. März");
    await expect(item).toContainText(/PDF · 0,1 kB · Anna Schulze/);
    expect(await seriousViolations(page)).toEqual([]);

    const file = await downloaded(page, panel, name);
    expect(file.name).toBe(name);
    expect(file.bytes.equals(LETTER)).toBe(true);

    await item.getByRole("button", { name: `Entfernen (${name})` }).click();
    const dialog = page.getByRole("dialog", { name: "Datei entfernen?" });
    await dialog.getByRole("button", { name: "Endgültig entfernen" }).click();
    await expect(dialog).toBeHidden();
    await expect(panel).toContainText("Noch keine Dateien.");
  });

  test("minutes attached to a consultation download for a colleague, by keyboard", async ({ page, request }) => {
    const created = await createCase(request, { title: "Moderation im Gemeinderat Marksuhl" });
    const consultation = await createConsultation(request, created.id);
    await signIn(page, CONFLICT_MANAGER);
    await expectDashboard(page);
    await page.goto(`/consultations/${consultation.id}`);
    const section = await attach(page, "Anhänge", "Protokoll.txt", Buffer.from("Protokoll der Moderation\n"));
    await expect(section.getByRole("listitem").filter({ hasText: "Protokoll.txt" })).toContainText("Text");

    const download = page.waitForEvent("download");
    await section.getByRole("button", { name: "Protokoll.txt (herunterladen)" }).focus();
    await page.keyboard.press("Enter");
    expect((await download).suggestedFilename()).toBe("Protokoll.txt");
    expect(await seriousViolations(page)).toEqual([]);
  });
});
