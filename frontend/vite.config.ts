/// <reference types="vitest/config" />
import { readFileSync, writeFileSync } from "node:fs";
import { brotliCompressSync, constants as zlib, gzipSync } from "node:zlib";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defineConfig } from "vite";
import type { Plugin } from "vite";
import react from "@vitejs/plugin-react";

// During `npm run dev` the API runs separately (`kokoma serve`, default port 8000).
const apiTarget = process.env.KOKOMA_API_URL ?? "http://127.0.0.1:8000";

/**
 * Ships Swagger UI's script and stylesheet under /api-docs/, where the API's
 * documentation page (/api/v1/docs) loads them: no CDN, so no visit leaks to a third party.
 */
function swaggerUiAssets(): Plugin {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve("swagger-ui-dist/package.json"));
  const files: Record<string, string> = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
  };
  return {
    name: "kokoma-swagger-ui-assets",
    generateBundle() {
      for (const name of Object.keys(files)) {
        this.emitFile({ type: "asset", fileName: `api-docs/${name}`, source: readFileSync(join(root, name)) });
      }
    },
    configureServer(server) {
      server.middlewares.use("/api-docs", (req, res, next) => {
        const name = (req.url ?? "").replace(/^\//, "").split("?")[0] ?? "";
        const type = files[name];
        if (!type) return next();
        res.setHeader("Content-Type", type);
        res.end(readFileSync(join(root, name)));
      });
    },
  };
}

/** Pages a person loads first: signing in, then the overview inside the app shell. */
const FIRST_VISIT_PAGES = ["src/auth/LoginPage.tsx", "src/layout/AppShell.tsx", "src/dashboard/DashboardPage.tsx"];
const FIRST_VISIT_BUDGET_KIB = 300;

/** Fails the build when the JavaScript for login and dashboard exceeds its gzipped budget. */
function firstVisitBudget(): Plugin {
  return {
    name: "kokoma-first-visit-budget",
    apply: "build",
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((item) => item.type === "chunk");
      const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
      const start = chunks.filter(
        (chunk) =>
          chunk.isEntry ||
          FIRST_VISIT_PAGES.some((page) => chunk.facadeModuleId?.replaceAll("\\", "/").endsWith(page)),
      );
      const needed = new Set<string>();
      const visit = (fileName: string) => {
        if (needed.has(fileName)) return;
        needed.add(fileName);
        for (const imported of byName.get(fileName)?.imports ?? []) visit(imported);
      };
      start.forEach((chunk) => visit(chunk.fileName));
      if (start.length !== FIRST_VISIT_PAGES.length + 1) {
        this.error(`first-visit budget: expected an entry and ${FIRST_VISIT_PAGES.join(", ")} as chunks`);
      }
      const bytes = [...needed].reduce((sum, name) => sum + gzipSync(byName.get(name)?.code ?? "").length, 0);
      const kib = bytes / 1024;
      const line = `first visit (login + dashboard): ${needed.size} JS chunks, ${kib.toFixed(1)} KiB gzipped (budget ${FIRST_VISIT_BUDGET_KIB} KiB)`;
      if (kib > FIRST_VISIT_BUDGET_KIB) this.error(line);
      this.info(line);
    },
  };
}

/** Text files worth compressing; images other than SVG and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|map)$/;
const COMPRESS_MIN_BYTES = 1024;

/**
 * Writes a gzip and a brotli copy next to every text asset of the build (`x.js.gz`,
 * `x.js.br`). `kokoma serve` (and nginx's gzip_static) sends them as they are, so no
 * request pays for compression and the strongest levels cost nothing at run time.
 */
function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "kokoma-precompress",
    apply: "build",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    writeBundle(_options, bundle) {
      for (const fileName of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(fileName)) continue;
        const path = join(outDir, fileName);
        const source = readFileSync(path);
        if (source.length < COMPRESS_MIN_BYTES) continue;
        writeFileSync(`${path}.gz`, gzipSync(source, { level: 9 }));
        writeFileSync(
          `${path}.br`,
          brotliCompressSync(source, { params: { [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY } }),
        );
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), swaggerUiAssets(), firstVisitBudget(), precompress()],
  server: {
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    reportCompressedSize: true,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
    css: false,
    testTimeout: 20_000,
    // Far from Germany, so that a day or time taken from the machine's zone instead of
    // German time (src/ui/calendar.ts) shows in the tests at any hour.
    env: { TZ: "Pacific/Honolulu" },
  },
});
