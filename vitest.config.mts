import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    exclude: ["node_modules/**", "e2e/**", ".next/**", ".stack/**"],
    testTimeout: 60000,
    // The app's environment as the stack sets it; lib/config/env.ts validates it on first use.
    env: {
      APP_URL: "http://localhost:3000",
      KRATOS_PUBLIC_URL: "http://127.0.0.1:4433",
      KRATOS_BROWSER_URL: "http://localhost:4433",
      KRATOS_ADMIN_URL: "http://127.0.0.1:4434",
    },
  },
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // Unit tests run server code directly, as the react-server condition would.
      "server-only": fileURLToPath(new URL("./node_modules/server-only/empty.js", import.meta.url)),
    },
  },
});
