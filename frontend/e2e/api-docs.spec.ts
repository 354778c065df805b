import { expect, test } from "@playwright/test";

test("the API documentation loads from this server only, without any CDN", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.protocol.startsWith("http") && url.origin !== origin) foreign.push(request.url());
  });

  await page.goto("/api/v1/docs");

  // Swagger UI parses the whole document (a few hundred operations) before it draws
  // anything; on a busy two-core machine that alone can take longer than the default wait.
  const rendering = { timeout: 30_000 };
  await expect(page.locator(".swagger-ui .info .title")).toContainText("KoKoMa API", rendering);
  // The operations are grouped by tag; large documents render the groups as a virtual list.
  await expect(page.getByRole("heading", { level: 3, name: /^health/ })).toBeVisible(rendering);
  expect(foreign).toEqual([]);
});
