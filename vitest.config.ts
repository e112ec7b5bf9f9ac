import { defineConfig } from "vitest/config";
export default defineConfig({ test: { include: ["**/*.test.ts"], exclude: ["node_modules/**", "e2e/**", ".next/**", ".stack/**"], testTimeout: 60000 }, resolve: { alias: { "@": new URL(".", import.meta.url).pathname } } });
