import { expect, test } from "@playwright/test";
import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe";
import { COORDINATOR, createCase, createConsultation } from "./casework";
import { expectDashboard, signIn } from "./support";

const ADMIN = "admin@kokoma.example";
const PHONE = { width: 390, height: 844 };
// An unbroken word, as pasted from an address bar or a file name.
const LONG_WORD = "Bürgerbeteiligungsverfahrensdokumentationsarchivierungsvorschriftenentwurf".repeat(2);

/** How far the page reaches beyond the screen's width (0: no sideways scrolling), and the
 * innermost elements that stick out, to say where to look. */
function overflow(page: Page): Promise<{ beyond: number; culprits: string[] }> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > width + 1;
    const culprits = Array.from(document.querySelectorAll("body *"))
      .filter((element) => sticksOut(element) && !Array.from(element.children).some(sticksOut))
      .slice(0, 3)
      .map((element) => `${element.tagName.toLowerCase()}.${Array.from(element.classList).join(".")}`);
    return { beyond: document.documentElement.scrollWidth - width, culprits };
  });
}

/** The pages (of those given) that are wider than the screen, with what sticks out. */
async function tooWide(page: Page, paths: string[]): Promise<string[]> {
  const wide: string[] = [];
  for (const path of paths) {
    await page.goto(path);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading, path).toBeVisible();
    await expect(heading, path).not.toHaveText("Seite nicht gefunden");
    await page.waitForLoadState("networkidle");
    const { beyond, culprits } = await overflow(page);
    if (beyond > 0) wide.push(`${path}: ${beyond} px too wide (${culprits.join(", ")})`);
  }
  return wide;
}

async function firstLinkIn(page: Page, path: string, pattern: RegExp): Promise<string> {
  await page.goto(path);
  // The page's own links come first; the list's links arrive with its data.
  const matching = async () => {
    const hrefs = await page.locator("main a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    return hrefs.find((href) => pattern.test(href));
  };
  await expect.poll(matching, { message: `a link matching ${pattern} on ${path}` }).toBeTruthy();
  return (await matching()) ?? path;
}

test.describe("on a phone (390 px wide)", () => {
  test.use({ viewport: PHONE });

  test("the header folds behind a menu button that opens the navigation", async ({ page }) => {
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    const header = page.locator(".site-header");
    const menu = page.getByRole("button", { name: "Menü" });
    const navigation = page.getByRole("navigation", { name: "Hauptnavigation" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(navigation).toBeHidden();
    expect((await header.boundingBox())!.height).toBeLessThan(PHONE.height / 8);

    await menu.click();
    await expect(page.getByRole("button", { name: "Menü schließen" })).toHaveAttribute("aria-expanded", "true");
    await expect(navigation).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await navigation.getByRole("link", { name: "Beratungen" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Beratungen");
    await expect(navigation).toBeHidden();
  });

  test("no main page scrolls sideways, not even with a very long word in a title", async ({ page, request }) => {
    test.setTimeout(240_000); // about twenty pages, each loaded completely
    const record = await createCase(request, { title: LONG_WORD, summary: LONG_WORD, place: LONG_WORD });
    const consultation = await createConsultation(request, record.id, { summary: LONG_WORD });
    await signIn(page, COORDINATOR);
    await expectDashboard(page);
    const contact = await firstLinkIn(page, "/network", /^\/network\/contacts\/[0-9a-f-]{36}$/);
    const series = await firstLinkIn(page, "/trainings", /^\/trainings\/[0-9a-f-]{36}$/);
    const plan = await firstLinkIn(page, "/crisis-plans", /^\/crisis-plans\/[0-9a-f-]{36}$/);
    const meeting = await firstLinkIn(page, "/steering", /^\/steering\/[0-9a-f-]{36}$/);
    expect(
      await tooWide(page, [
        "/",
        "/cases",
        "/cases/new",
        `/cases/${record.id}`,
        `/cases/${record.id}/edit`,
        "/consultations",
        "/consultations/new",
        `/consultations/${consultation.id}`,
        "/network",
        "/network/map",
        "/network/contacts/new",
        contact,
        `${contact}/edit`,
        "/trainings",
        "/trainings/new",
        series,
        `${series}/edit`,
        "/crisis-plans",
        "/crisis-plans/new",
        plan,
        `${plan}/edit`,
        "/steering",
        meeting,
        "/statistics",
        "/district-analysis",
        "/glossary",
        "/requests",
        "/requests/contact-page",
        "/kontakt/wartburgkreis",
      ]),
    ).toEqual([]);
  });

  test("nor do the administration's pages", async ({ page }) => {
    test.setTimeout(120_000);
    await signIn(page, ADMIN);
    await expectDashboard(page);
    const pages = [
      "/administration/users",
      "/administration/municipalities",
      "/administration/api-clients",
      "/administration/sso",
      "/administration/sso/new",
      // The demo's provider of the Unstrut-Hainich-Kreis (kokoma/demo/sso.py).
      "/administration/sso/5d0c5a6e-2b7f-4c41-9d3e-8a1f0b6c7d21",
      "/administration/audit",
    ];
    expect(await tooWide(page, pages)).toEqual([]);
  });
});
