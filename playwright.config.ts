import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { defineConfig, devices } from "@playwright/test";
import {
  alternativeStack,
  httpCourierUrl,
  isTargetRun,
  localOidcPort,
  mainStack,
  productionTarget,
  shortLifespanStack,
  type E2eStack,
} from "./e2e/stack";

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

// The production topology's browser resolves *.example.test to this machine
// and trusts the proxy's CA through the NSS database in a HOME of its own
// (made by scripts/production-stack.mjs), never by ignoring certificate errors;
// the user's real HOME is untouched.
const productionChromium = {
  ...chromium,
  launchOptions: {
    ...chromium.launchOptions,
    args: [
      ...chromium.launchOptions.args,
      ...(productionTarget.hostResolverRules ? [`--host-resolver-rules=${productionTarget.hostResolverRules}`] : []),
    ],
    ...(productionTarget.browserHome && {
      env: { ...process.env, HOME: resolve(productionTarget.browserHome) } as Record<string, string>,
    }),
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
      ...(stack.httpCourier && { MAIL_HTTP_PORT: String(stack.httpCourier.port) }),
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
// The account-wide count is low enough for e2e/specs/abuse.spec.ts to reach it with 50 addresses.
const suiteRateLimits = {
  RATE_LIMIT_PER_CLIENT: "100000/1m",
  RATE_LIMIT_PER_ACCOUNT: "20/10m",
  GUARD_TIMEOUT_MS: "10000",
};
const alternativeAppEnv = {
  RATE_LIMIT_PER_CLIENT: "30/1m",
  RATE_LIMIT_PER_IDENTIFIER: "5/1m",
  GUARD_TIMEOUT_MS: "1500",
};

// E2E_STACKS=main (or main,short) starts only those stacks and runs only their
// projects: a quicker loop while working on one area. The default is all three.
// E2E_TARGET_URL (QA against a deployment, see README) runs only the production
// projects, against that deployment, and starts nothing.
const stacksWanted = new Set(
  (isTargetRun ? "production" : (process.env.E2E_STACKS ?? "main,short,alternative,production"))
    .split(",")
    .map((s) => s.trim()),
);
const onStack = <T>(name: "main" | "short" | "alternative" | "production", items: T[]): T[] =>
  stacksWanted.has(name) ? items : [];

export default defineConfig({
  testDir: "./e2e/specs",
  // A target deployment's CA goes into the browser's NSS database first (README, "QA against a deployment").
  globalSetup: isTargetRun ? "./e2e/target-setup.ts" : undefined,
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
        testIgnore: ["short-lifespans/**", "alternative/**", "faults/**", "production/**"],
        use: { ...chromium, javaScriptEnabled: true },
      },
      {
        name: "no-js",
        testIgnore: ["short-lifespans/**", "alternative/**", "faults/**", "production/**"],
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
    ...onStack("production", [
      {
        name: "production",
        testMatch: "production/**",
        use: { ...productionChromium, javaScriptEnabled: true, baseURL: productionTarget.appUrl },
      },
      {
        name: "no-js-production",
        testMatch: "production/**",
        use: { ...productionChromium, javaScriptEnabled: false, baseURL: productionTarget.appUrl },
      },
    ]),
  ],
  // Started in this order: the later stacks serve the production build the first one made.
  webServer: [
    // The main stack also runs a local OpenID provider for e2e/specs/oidc.spec.ts.
    ...onStack("main", [
      stackServer(mainStack, `--next=prod --fresh --local-oidc${httpCourierUrl ? " --profile=courier-http" : ""}`, {
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
    // The production topology (scripts/production-stack.mjs) on its own ports behind the proxy on 443.
    ...(isTargetRun ? [] : onStack("production", [productionServer()])),
  ],
});

function productionServer() {
  const ports = productionTarget.ports!;
  const otherStackBuilds = ["main", "short", "alternative"].some((name) => stacksWanted.has(name));
  return {
    command: `node scripts/production-stack.mjs --fresh${otherStackBuilds ? " --no-build" : ""}`,
    // Next's own port; the stack says "ready" only once the proxy answers with our health too.
    url: `http://127.0.0.1:${ports.app}/api/health`,
    wait: { stdout: /\[stack\] ready \(production topology\)/ },
    timeout: 15 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_STACK === "1",
    stdout: "pipe" as const,
    gracefulShutdown: { signal: "SIGTERM" as const, timeout: 15_000 },
    env: {
      STACK_DIR: productionTarget.stackDir,
      APP_PORT: String(ports.app),
      KRATOS_PUBLIC_PORT: String(ports.kratosPublic),
      KRATOS_ADMIN_PORT: String(ports.kratosAdmin),
      MAIL_SMTP_PORT: String(ports.smtp),
      MAIL_WEB_PORT: String(ports.mailWeb),
      EXAMPLE_APP_PORT: String(ports.exampleApp),
      APP_SECOND_PORT: String(ports.appSecond),
      METRICS_PORT: String(ports.metrics),
      HOOKS_PORT: String(ports.hooks),
      REDIS_PORT: String(ports.redis),
      PRODUCTION_DSN:
        process.env.E2E_PRODUCTION_DSN ?? "postgres://postgres@127.0.0.1:5432/kratos_e2e_production?sslmode=disable",
      ...suiteRateLimits,
    },
  };
}
