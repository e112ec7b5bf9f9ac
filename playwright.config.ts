import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { appUrl, e2ePorts, shortLifespanAppUrl, shortLifespanPorts } from "./e2e/stack";

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

function stackServer(url: string, ports: typeof e2ePorts, stackDir: string, args: string) {
  return {
    command: `node scripts/stack.mjs ${args}`,
    url: `${url}/api/health`,
    timeout: 15 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_STACK === "1",
    stdout: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    env: {
      STACK_DIR: `.stack/${stackDir}`,
      APP_PORT: String(ports.app),
      KRATOS_PUBLIC_PORT: String(ports.kratosPublic),
      KRATOS_ADMIN_PORT: String(ports.kratosAdmin),
      MAIL_SMTP_PORT: String(ports.smtp),
      MAIL_WEB_PORT: String(ports.mailWeb),
    },
  };
}

export default defineConfig({
  testDir: "./e2e/specs",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  // One retry in CI only: the expiry tests measure seconds on a 2-core machine running two stacks.
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: { baseURL: appUrl, trace: "retain-on-failure" },
  projects: [
    { name: "js", testIgnore: "short-lifespans/**", use: { ...chromium, javaScriptEnabled: true } },
    { name: "no-js", testIgnore: "short-lifespans/**", use: { ...chromium, javaScriptEnabled: false } },
    {
      name: "js-short-lifespans",
      testMatch: "short-lifespans/**",
      use: { ...chromium, javaScriptEnabled: true, baseURL: shortLifespanAppUrl },
    },
    {
      name: "no-js-short-lifespans",
      testMatch: "short-lifespans/**",
      use: { ...chromium, javaScriptEnabled: false, baseURL: shortLifespanAppUrl },
    },
  ],
  // Started in this order: the second stack serves the production build the first one made.
  webServer: [
    stackServer(appUrl, e2ePorts, "e2e", "--next=prod --fresh"),
    stackServer(
      shortLifespanAppUrl,
      shortLifespanPorts,
      "e2e-short",
      "--next=prod --fresh --no-build --profile=short-lifespans",
    ),
  ],
});
