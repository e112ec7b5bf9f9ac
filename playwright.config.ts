import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { appUrl, e2ePorts } from "./e2e/stack";

// Debian's Chromium where it is installed (browser downloads do not work on our
// machines); elsewhere Playwright's own, after `npx playwright install chromium`.
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    executablePath: chromiumPath,
    // No background traffic: the machine has no network beyond loopback.
    args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  },
};

export default defineConfig({
  testDir: "./e2e/specs",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: { baseURL: appUrl, trace: "retain-on-failure" },
  projects: [
    { name: "js", use: { ...chromium, javaScriptEnabled: true } },
    { name: "no-js", use: { ...chromium, javaScriptEnabled: false } },
  ],
  webServer: {
    command: "node scripts/stack.mjs --next=prod --fresh",
    url: `${appUrl}/api/health`,
    timeout: 15 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_STACK === "1",
    stdout: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      STACK_DIR: ".stack/e2e",
      APP_PORT: String(e2ePorts.app),
      KRATOS_PUBLIC_PORT: String(e2ePorts.kratosPublic),
      KRATOS_ADMIN_PORT: String(e2ePorts.kratosAdmin),
      MAIL_SMTP_PORT: String(e2ePorts.smtp),
      MAIL_WEB_PORT: String(e2ePorts.mailWeb),
    },
  },
});
