import { defineConfig, devices } from "@playwright/test";
import { launchOptions } from "./e2e/chromium.mjs";

const port = Number(process.env.KOKOMA_E2E_PORT ?? 8799);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "./e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    locale: "de-DE",
    // The users' zone; the app counts days in German time whatever the browser's zone
    // (src/ui/calendar.ts, tested far from Germany in the unit tests).
    timezoneId: "Europe/Berlin",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    // Debian's Chromium (e2e/chromium.mjs); no browser is downloaded.
    launchOptions,
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: "node e2e/start-backend.mjs",
    url: `${baseURL}/api/v1/health`,
    env: { KOKOMA_E2E_PORT: String(port) },
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
  },
});
