// Web UI timing (issue 18): the dashboard's time to interactive and the case list's render
// time in Chromium, each measured on a cold cache, served by `kokoma serve`.
//
//   node bench/ui/timing.mjs [--runs 10] [--warmup 1] [--port 8798] [--url URL]
//                            [--quiet-ms 5000] [--budget-ms 1500] [--json FILE] [--trace FILE]
//
// Without --url it starts its own server the way the browser tests do
// (frontend/e2e/start-backend.mjs: a fresh SQLite database with the demo data and the built
// frontend) and stops it afterwards. It signs in once as the demo conflict manager; sign-in
// is not timed. Every measured load then runs in a fresh browser context, so its HTTP cache,
// code cache and storage are empty: a cold cache. Only the session cookie is carried from one
// context to the next. Refresh tokens rotate (and one used twice ends the session), so each
// context takes the cookie the previous one was handed.
//
// What a cold load of a signed-in page costs, and what is counted: the HTML, the entry
// bundle, one POST /auth/session/refresh for an access token (the app keeps that token in
// memory only, so every page load starts with this round trip), GET /auth/me, the page's
// chunks and its API calls. All of it lies inside the figures below.
//
// Definitions (all from the navigation's start, performance.timeOrigin, in the page's clock):
// - ready: the start of the last stretch in which the page's content is in the DOM, taken at
//   the next frame after the DOM change (a requestAnimationFrame callback and then one task,
//   i.e. once that frame has been produced). Dashboard: the greeting and the widget grid
//   with no loading indicator left in the page (every widget has its data). Case list: a
//   table row with a case link and no loading indicator left.
// - quiet window: the first span of --quiet-ms (5 s, as Lighthouse) starting at or after
//   ready in which no long task runs and at most two requests are in flight.
// - time to interactive (TTI): the later of ready and the end of the last long task
//   (PerformanceObserver "longtask", buffered; tasks over 50 ms) before the quiet window.
//   Lighthouse's TTI starts its search at the first contentful paint; an SPA paints its
//   loading indicator early, so this one starts at ready instead and is never earlier.
// - FCP and LCP: paint and largest-contentful-paint entries; DOMContentLoaded and load: the
//   ends of those events in the Navigation Timing entry.
// - long tasks: count and total duration up to TTI.
// p95 is the nearest rank (with 10 runs, the slowest).
import { spawn } from "node:child_process";
import { mkdirSync, openSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const frontend = join(repo, "frontend");
// The Playwright the frontend's browser tests use; no browser of its own is downloaded.
const { chromium } = createRequire(join(frontend, "package.json"))("@playwright/test");
// Debian's Chromium with the browser tests' flags.
const { launchOptions } = await import(pathToFileURL(join(frontend, "e2e", "chromium.mjs")).href);

const DEMO_LOGIN = "konfliktmanagement@wartburgkreis.example";
const DEMO_PASSWORD = "KoKoMa-Demo-2026";
const LOADING = '[role="status"].loading';

/** The pages measured, each with what "ready" means in the DOM. */
const PAGES = [
  { key: "dashboard", path: "/", present: ".dashboard h1 ~ .widget-grid", readyLabel: "content visible" },
  { key: "cases", path: "/cases", present: "table tbody tr a.case-link", readyLabel: "rows visible" },
];

const { values: options } = parseArgs({
  options: {
    runs: { type: "string", default: "10" },
    warmup: { type: "string", default: "1" },
    port: { type: "string", default: "8798" },
    url: { type: "string" },
    "quiet-ms": { type: "string", default: "5000" },
    "budget-ms": { type: "string", default: "1500" },
    json: { type: "string", default: join(repo, "build", "bench", "ui-timing.json") },
    trace: { type: "string" },
  },
});
const RUNS = Number(options.runs);
const WARMUP = Number(options.warmup);
const QUIET_MS = Number(options["quiet-ms"]);
const BUDGET_MS = Number(options["budget-ms"]);
// A load whose page never goes quiet is reported as such, not waited for forever.
const SETTLE_LIMIT_MS = 30_000;

const CONTEXT = { locale: "de-DE", viewport: { width: 1280, height: 720 } };

/**
 * Runs in the page before its own scripts: records long tasks, the largest contentful
 * paint and when the page's content became (and stayed) present.
 */
function observePage({ present, loading }) {
  const record = { longTasks: [], lcp: null, readyDom: null, ready: null };
  window.__uiTiming = record;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      record.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
    }
  }).observe({ type: "longtask", buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) record.lcp = entry.startTime;
  }).observe({ type: "largest-contentful-paint", buffered: true });

  const afterNextFrame = (callback) =>
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = callback;
      channel.port2.postMessage(null);
    });
  const check = () => {
    const shown = document.querySelector(present) !== null && document.querySelector(loading) === null;
    if (!shown) {
      record.readyDom = null;
      record.ready = null;
    } else if (record.readyDom === null) {
      const since = performance.now();
      record.readyDom = since;
      afterNextFrame(() => {
        if (record.readyDom === since) record.ready = performance.now();
      });
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

/** What the page knows about its own load, in milliseconds from the navigation's start. */
function readPage() {
  const [navigation] = performance.getEntriesByType("navigation");
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  const resources = performance.getEntriesByType("resource").map((entry) => ({
    name: entry.name,
    type: entry.initiatorType,
    start: entry.startTime,
    end: entry.responseEnd,
    transfer: entry.transferSize,
    body: entry.encodedBodySize,
  }));
  return {
    now: performance.now(),
    ...window.__uiTiming,
    fcp: fcp ? fcp.startTime : null,
    domContentLoaded: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
    requests: [
      { name: navigation.name, type: "navigation", start: 0, end: navigation.responseEnd, transfer: navigation.transferSize, body: navigation.encodedBodySize },
      ...resources,
    ],
  };
}

/** Most requests in flight at once within [from, to]. */
function mostInFlight(requests, from, to) {
  const events = [];
  for (const request of requests) {
    if (request.end <= from || request.start >= to) continue;
    events.push([Math.max(request.start, from), 1], [Math.min(request.end, to), -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let most = 0;
  for (const [, step] of events) {
    current += step;
    most = Math.max(most, current);
  }
  return most;
}

/** The first quiet window from `ready` on, or null if none has been observed completely yet. */
function quietWindowStart(sample) {
  const candidates = [
    sample.ready,
    ...sample.longTasks.map((task) => task.end),
    ...sample.requests.map((request) => request.end),
  ]
    .filter((time) => time >= sample.ready)
    .sort((a, b) => a - b);
  for (const start of candidates) {
    const end = start + QUIET_MS;
    if (end > sample.now) return null;
    const busy = sample.longTasks.some((task) => task.start < end && task.end > start);
    if (!busy && mostInFlight(sample.requests, start, end) <= 2) return start;
  }
  return null;
}

/** One cold load of a page: its figures and the session cookie to hand on. */
async function measure(browser, baseURL, page, storageState, trace) {
  const context = await browser.newContext({ ...CONTEXT, baseURL, storageState });
  await context.addInitScript(observePage, { present: page.present, loading: LOADING });
  const tab = await context.newPage();
  let pending = 0;
  tab.on("request", () => (pending += 1));
  tab.on("requestfinished", () => (pending -= 1));
  tab.on("requestfailed", () => (pending -= 1));
  if (trace) await browser.startTracing(tab, { path: trace, screenshots: false });
  await tab.goto(page.path, { waitUntil: "commit" });
  const shown = () =>
    tab.waitForFunction(() => window.__uiTiming && window.__uiTiming.ready !== null, null, {
      timeout: SETTLE_LIMIT_MS,
    });
  await shown();
  let sample;
  let quiet;
  for (;;) {
    sample = await tab.evaluate(readPage);
    if (sample.ready === null) {
      await shown(); // the content went away again (a refetch): ready is its return
      continue;
    }
    quiet = pending === 0 ? quietWindowStart(sample) : null;
    if (quiet !== null || sample.now - sample.ready > SETTLE_LIMIT_MS) break;
    await sleep(Math.max(250, sample.ready + QUIET_MS - sample.now + 50));
  }
  if (trace) await browser.stopTracing();
  if (new URL(tab.url()).pathname !== page.path) throw new Error(`${page.key}: ended on ${tab.url()}, not signed in?`);
  // A widget that failed shows its error instead of a spinner: that is no finished page.
  const failed = await tab.locator(".notice-error").allTextContents();
  if (failed.length > 0) throw new Error(`${page.key}: the page shows an error: ${failed.join("; ")}`);
  const nextState = await context.storageState();
  await context.close();
  return { figures: figuresOf(sample, quiet), storageState: nextState };
}

function figuresOf(sample, quiet) {
  const before = quiet ?? Infinity;
  const lastTaskEnd = Math.max(0, ...sample.longTasks.filter((task) => task.end <= before).map((task) => task.end));
  const tti = quiet === null ? null : Math.max(sample.ready, lastTaskEnd);
  const counted = sample.longTasks.filter((task) => tti === null || task.start < tti);
  const script = sample.requests.filter((request) => /\.m?js(\?|$)/.test(request.name));
  return {
    ready: sample.ready,
    tti,
    fcp: sample.fcp,
    lcp: sample.lcp,
    domContentLoaded: sample.domContentLoaded,
    load: sample.load,
    longTasks: counted.length,
    longTaskMs: counted.reduce((sum, task) => sum + task.end - task.start, 0),
    requests: sample.requests.length,
    transferKB: sample.requests.reduce((sum, request) => sum + request.transfer, 0) / 1024,
    scriptKB: script.reduce((sum, request) => sum + request.body, 0) / 1024,
    // A resource answered from the cache transfers nothing: a cold load has none.
    fromCache: sample.requests.filter((request) => request.transfer === 0).map((request) => request.name),
    waterfall: sample.requests.map(({ name, start, end, transfer }) => ({
      path: new URL(name).pathname + new URL(name).search,
      start: Math.round(start),
      end: Math.round(end),
      transfer,
    })),
  };
}

/** Signs in through the login form once; the context's state then carries the session cookie. */
async function signIn(browser, baseURL) {
  const context = await browser.newContext({ ...CONTEXT, baseURL });
  const tab = await context.newPage();
  await tab.goto("/login");
  await tab.getByLabel("E-Mail-Adresse").fill(DEMO_LOGIN);
  await tab.getByLabel("Passwort").fill(DEMO_PASSWORD);
  await tab.getByRole("button", { name: "Anmelden" }).click();
  await tab.locator(".dashboard h1").waitFor();
  await tab.waitForLoadState("networkidle");
  const state = await context.storageState();
  await context.close();
  return state;
}

/** Starts a throw-away server with the demo data, as the browser tests do; its output goes to a log. */
async function startServer(port) {
  const logPath = join(repo, "build", "bench", "ui-server.log");
  mkdirSync(dirname(logPath), { recursive: true });
  const log = openSync(logPath, "w");
  const server = spawn(process.execPath, [join(frontend, "e2e", "start-backend.mjs")], {
    env: { ...process.env, KOKOMA_E2E_PORT: String(port) },
    stdio: ["ignore", log, log],
  });
  const baseURL = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode}); see ${logPath}`);
    try {
      if ((await fetch(`${baseURL}/api/v1/health`)).ok) return { baseURL, server };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  server.kill("SIGTERM");
  throw new Error(`the server did not answer within 3 minutes; see ${logPath}`);
}

async function stopServer(server) {
  if (server.exitCode !== null) return;
  const stopped = new Promise((done) => server.once("exit", done));
  server.kill("SIGTERM");
  await stopped;
}

/** Nearest-rank percentile of numbers (nulls, from loads that never went quiet, count as slowest). */
function percentile(values, share) {
  const sorted = values.map((value) => value ?? Infinity).sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(share * sorted.length) - 1)];
}

const METRICS = [
  { key: "tti", label: "time to interactive", unit: "ms" },
  { key: "ready", label: null, unit: "ms" },
  { key: "fcp", label: "first contentful paint", unit: "ms" },
  { key: "lcp", label: "largest contentful paint", unit: "ms" },
  { key: "domContentLoaded", label: "DOMContentLoaded end", unit: "ms" },
  { key: "load", label: "load event end", unit: "ms" },
  { key: "longTasks", label: "long tasks before TTI (count)", unit: "" },
  { key: "longTaskMs", label: "long tasks before TTI (total)", unit: "ms" },
  { key: "requests", label: "requests", unit: "" },
  { key: "transferKB", label: "transferred", unit: "KiB" },
  { key: "scriptKB", label: "script (compressed)", unit: "KiB" },
];

function formatValue(value, unit) {
  if (value === null || value === Infinity) return "never quiet";
  const digits = unit === "KiB" ? 1 : 0;
  return `${value.toFixed(digits)}${unit ? ` ${unit}` : ""}`;
}

function table(results) {
  const lines = ["| page | metric | median | p95 | max |", "|---|---|---:|---:|---:|"];
  for (const page of PAGES) {
    for (const metric of METRICS) {
      const values = results[page.key].map((figures) => figures[metric.key]);
      if (values.every((value) => value === null)) continue;
      const label = metric.label ?? page.readyLabel;
      const cells = [0.5, 0.95, 1].map((share) => formatValue(percentile(values, share), metric.unit));
      lines.push(`| ${page.path} | ${label} | ${cells.join(" | ")} |`);
    }
  }
  return lines.join("\n");
}

async function main() {
  const started = options.url ? null : await startServer(Number(options.port));
  const baseURL = options.url ?? started.baseURL;
  const browser = await chromium.launch(launchOptions);
  const results = Object.fromEntries(PAGES.map((page) => [page.key, []]));
  try {
    let storageState = await signIn(browser, baseURL);
    // Turns: dashboard and case list alternate, so that load on the machine hits both alike.
    // The warm-up loads (not counted) meet a server that has not yet answered these routes.
    for (let run = 0; run < WARMUP + RUNS; run += 1) {
      for (const page of PAGES) {
        const trace = run === WARMUP && page.key === "dashboard" ? options.trace : undefined;
        const outcome = await measure(browser, baseURL, page, storageState, trace);
        storageState = outcome.storageState;
        if (run < WARMUP) continue;
        results[page.key].push(outcome.figures);
        const cached = outcome.figures.fromCache;
        if (cached.length > 0) console.error(`warning: ${page.key} run ${run}: from cache: ${cached.join(", ")}`);
      }
    }
  } finally {
    await browser.close();
    if (started) await stopServer(started.server);
  }

  const tti = results.dashboard.map((figures) => figures.tti);
  const median = percentile(tti, 0.5);
  const p95 = percentile(tti, 0.95);
  const verdict = (value) => (value <= BUDGET_MS ? "met" : "MISSED");
  console.log(`Web UI timing, cold cache, ${RUNS} runs per page (after ${WARMUP} warm-up), ${baseURL}\n`);
  console.log(table(results));
  console.log(
    `\nBudget: dashboard time to interactive ≤ ${BUDGET_MS} ms — median ${formatValue(median, "ms")}: ` +
      `${verdict(median)}; p95 ${formatValue(p95, "ms")}: ${verdict(p95)}`,
  );
  mkdirSync(dirname(options.json), { recursive: true });
  writeFileSync(options.json, JSON.stringify({ baseURL, runs: RUNS, quietMs: QUIET_MS, results }, null, 2));
  // Like the other benchmarks, a missed target fails the run (on the median: one slow load
  // on a shared machine should not).
  if (!(median <= BUDGET_MS)) process.exitCode = 1;
}

await main();
