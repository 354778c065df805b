import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

const DIR = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

/** Saves what the page shows at 1280×800 as `docs/screenshots/<name>.png` for the README. */
export async function screenshot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  // Let layout settle after the resize (charts measure their width).
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${DIR}${name}.png`, animations: "disabled" });
}
