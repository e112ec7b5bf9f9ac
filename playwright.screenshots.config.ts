import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

// `npm run screenshots`: the real main stack (the suite's own, started the same
// way) photographed page by page into docs/screenshots/, light and dark, at a
// desktop and a phone width. Not part of the test suite.
const browser = base.projects?.find((project) => project.name === "js")?.use ?? {};

export default defineConfig({
  ...base,
  testDir: "./e2e/screenshots",
  retries: 0,
  reporter: [["list"]],
  projects: [
    { name: "desktop", use: { ...browser, viewport: { width: 1280, height: 900 } } },
    {
      name: "phone",
      use: { ...browser, viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
  ],
});
