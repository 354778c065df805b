// Starts a throw-away KoKoMa backend for the browser tests: a fresh SQLite database in a
// temporary directory, migrated and loaded with the demo data, serving the built frontend.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const frontend = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(frontend, "..");
const kokoma = process.env.KOKOMA_BIN ?? join(repo, ".venv", "bin", "kokoma");
const dist = join(frontend, "dist");
const port = process.env.KOKOMA_E2E_PORT ?? "8799";

function fail(message) {
  console.error(`e2e: ${message}`);
  process.exit(1);
}

if (!existsSync(kokoma)) fail(`${kokoma} not found; install the backend first (pip install -e backend).`);
if (!existsSync(join(dist, "index.html"))) fail("frontend/dist is missing; run `npm run build` first.");

const dataDir = mkdtempSync(join(tmpdir(), "kokoma-e2e-"));
const env = {
  ...process.env,
  KOKOMA_DATA_DIR: dataDir,
  KOKOMA_DATABASE_URL: `sqlite+aiosqlite:///${join(dataDir, "kokoma.db")}`,
  KOKOMA_FRONTEND_DIST: dist,
  // Where the browser reaches the app: the single sign-on callback is registered for it.
  KOKOMA_PUBLIC_URL: `http://127.0.0.1:${port}`,
  // Few free failed sign-ins per account, so that a test can make an account wait.
  KOKOMA_LOGIN_ACCOUNT_FREE_FAILURES: "3",
};
delete env.KOKOMA_SECRET_KEY; // generated inside the temporary data dir
delete env.KOKOMA_REDIS_URL;

function cleanUp() {
  rmSync(dataDir, { recursive: true, force: true });
}

for (const args of [["db", "upgrade"], ["demo-data"]]) {
  const result = spawnSync(kokoma, args, { env, stdio: "inherit", cwd: repo });
  if (result.status !== 0) {
    cleanUp();
    fail(`kokoma ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
  }
}

const server = spawn(kokoma, ["serve", "--host", "127.0.0.1", "--port", port], {
  env,
  stdio: "inherit",
  cwd: repo,
});

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.kill("SIGTERM");
  // uvicorn stops within a second or two; do not hang the test run if it does not.
  setTimeout(() => server.kill("SIGKILL"), 10_000).unref();
}

process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code, signal) => {
  cleanUp();
  process.exit(stopping ? 0 : (code ?? (signal ? 1 : 0)));
});
