// Lint rules that keep the structure described in README.md ("Where things live").
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * Feature folders. Another feature reaches one only through its public entries: `index.ts`
 * (components, values, types) and `queries.ts` (its data); the route table also imports `routes`.
 */
const FEATURES = "admin|analysis|cases|consultations|crisisPlans|dashboard|district|network|statistics|steering|tasks|trainings";

const intoFeature = {
  regex: `^(\\.\\.?/)+(${FEATURES})/(?!queries$)`,
  message: "Import another feature through its public entries (`../<feature>` or `../<feature>/queries`), not its files.",
};
const anyFeature = {
  regex: `^(\\.\\.?/)+(${FEATURES})(/|$)`,
  message: "Shared folders (api, auth, i18n, layout, ui) serve the features and import none of them.",
};

export default tseslint.config(
  { ignores: ["dist", "node_modules", "src/api/schema.d.ts", "test-results", "playwright-report"] },
  {
    files: ["**/*.{ts,tsx}"],
    extends: [js.configs.recommended, tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { patterns: [intoFeature] }] },
  },
  {
    files: ["src/{api,auth,i18n,layout,ui}/**/*.{ts,tsx}"],
    ignores: ["src/i18n/resources.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [anyFeature] }] },
  },
  {
    // The two places that register every feature: the route table and the texts.
    files: ["src/routes.tsx", "src/i18n/resources.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ ...intoFeature, regex: `^(\\.\\.?/)+(${FEATURES})/(?!queries$|routes$|locales/)` }] },
      ],
    },
  },
);
