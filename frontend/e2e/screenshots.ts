import { fileURLToPath } from "node:url";
import type { Locator, Page } from "@playwright/test";

const DIR = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

/**
 * Saves what the page shows at 1280×800 as `docs/screenshots/<name>.png` for the README:
 * the top of the page, or from `at` down.
 */
export async function screenshot(page: Page, name: string, at?: Locator): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  if (at) await at.evaluate((element) => element.scrollIntoView({ block: "start" }));
  else await page.evaluate(() => window.scrollTo(0, 0));
  // Let layout settle after the resize (charts measure their width).
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}${name}.png`, animations: "disabled" });
}
