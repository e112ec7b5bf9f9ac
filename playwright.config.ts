import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";
import { alternativeStack, localOidcPort, mainStack, shortLifespanStack, type E2eStack } from "./e2e/stack";

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

function stackServer(stack: E2eStack, args: string, appEnv: Record<string, string> = {}) {
  return {
    command: `node scripts/stack.mjs ${args}`,
    url: `${stack.appUrl}/api/health`,
    timeout: 15 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_STACK === "1",
    stdout: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    env: {
      STACK_DIR: stack.stackDir,
      APP_PORT: String(stack.ports.app),
      KRATOS_PUBLIC_PORT: String(stack.ports.kratosPublic),
      KRATOS_ADMIN_PORT: String(stack.ports.kratosAdmin),
      MAIL_SMTP_PORT: String(stack.ports.smtp),
      MAIL_WEB_PORT: String(stack.ports.mailWeb),
      ...(stack.dsn && { DSN: stack.dsn }),
      ...appEnv,
    },
  };
}

// Every test comes from 127.0.0.1: the per-client limit of the main stacks is
// far above what the suite sends. The alternative stack keeps low limits and
// its specs send their own X-Forwarded-For (the clientAddress fixture, e2e/fixtures/test.ts).
// The guard's timeout is raised too: CI's 2 cores run three stacks and two
// browsers, and a Kratos answer slower than the 3 s default is load, not a fault.
const suiteRateLimits = { RATE_LIMIT_PER_CLIENT: "100000/1m", GUARD_TIMEOUT_MS: "10000" };
const alternativeAppEnv = {
  RATE_LIMIT_PER_CLIENT: "30/1m",
  RATE_LIMIT_PER_IDENTIFIER: "5/1m",
  GUARD_TIMEOUT_MS: "1500",
};

// E2E_STACKS=main (or main,short) starts only those stacks and runs only their
// projects: a quicker loop while working on one area. The default is all three.
const stacksWanted = new Set((process.env.E2E_STACKS ?? "main,short,alternative").split(",").map((s) => s.trim()));
const onStack = <T>(name: "main" | "short" | "alternative", items: T[]): T[] => (stacksWanted.has(name) ? items : []);

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
  use: { baseURL: mainStack.appUrl, trace: "retain-on-failure" },
  projects: [
    ...onStack("main", [
      {
        name: "js",
        testIgnore: ["short-lifespans/**", "alternative/**", "faults/**"],
        use: { ...chromium, javaScriptEnabled: true },
      },
      {
        name: "no-js",
        testIgnore: ["short-lifespans/**", "alternative/**", "faults/**"],
        use: { ...chromium, javaScriptEnabled: false },
      },
    ]),
    ...onStack("short", [
      {
        name: "js-short-lifespans",
        testMatch: "short-lifespans/**",
        use: { ...chromium, javaScriptEnabled: true, baseURL: shortLifespanStack.appUrl },
      },
      {
        name: "no-js-short-lifespans",
        testMatch: "short-lifespans/**",
        use: { ...chromium, javaScriptEnabled: false, baseURL: shortLifespanStack.appUrl },
      },
    ]),
    ...onStack("alternative", [
      {
        name: "js-alternative",
        testMatch: "alternative/**",
        use: { ...chromium, javaScriptEnabled: true, baseURL: alternativeStack.appUrl },
      },
      {
        name: "no-js-alternative",
        testMatch: "alternative/**",
        use: { ...chromium, javaScriptEnabled: false, baseURL: alternativeStack.appUrl },
      },
      {
        // Stops and pauses the alternative stack's Kratos: only after its other tests.
        name: "faults",
        testMatch: "faults/**",
        dependencies: ["js-alternative", "no-js-alternative"],
        use: { ...chromium, baseURL: alternativeStack.appUrl },
      },
    ]),
  ],
  // Started in this order: the later stacks serve the production build the first one made.
  webServer: [
    // The main stack also runs a local OpenID provider for e2e/specs/oidc.spec.ts.
    ...onStack("main", [
      stackServer(mainStack, "--next=prod --fresh --local-oidc", {
        ...suiteRateLimits,
        LOCAL_OIDC_PORT: String(localOidcPort),
      }),
    ]),
    ...onStack("short", [
      stackServer(
        shortLifespanStack,
        `--next=prod --fresh ${stacksWanted.has("main") ? "--no-build " : ""}--profile=short-lifespans`,
        suiteRateLimits,
      ),
    ]),
    ...onStack("alternative", [
      stackServer(
        alternativeStack,
        `--next=prod --fresh ${stacksWanted.has("main") || stacksWanted.has("short") ? "--no-build " : ""}--profile=alternative-methods`,
        alternativeAppEnv,
      ),
    ]),
  ],
});
