import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".stack/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx"],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      // Auth pages navigate with full page loads on purpose: Kratos's redirects and
      // cookies must reach the browser itself, and it all works without JavaScript.
      "@next/next/no-html-link-for-pages": "off",
    },
  },
  {
    // Presentational components render data: they never reach for the server-only
    // folders of lib/ (the Kratos gateway, the environment, the HTTP edge, flow
    // loading, account actions). Types may cross: they vanish at build time.
    files: ["components/**/*.{ts,tsx}"],
    // Unit tests build their inputs with the lib functions that make them in production.
    ignores: ["components/**/*.test.{ts,tsx}"],
    rules: {
      "no-restricted-imports": "off",
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/config/*", "@/lib/kratos/*", "@/lib/http/*", "@/lib/flows/*", "@/lib/account/*"],
              allowTypeImports: true,
              message: "Components render data; server modules are called from app/ and lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright's fixtures use `use` as a callback name, which the React hooks rule mistakes for a hook.
    files: ["e2e/**/*.ts"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
);
