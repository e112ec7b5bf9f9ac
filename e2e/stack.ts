// The stacks the e2e suite starts (playwright.config.ts). Their ports differ
// from `./stack up`'s defaults so that the suite can run beside a development
// stack; E2E_* variables point the suite at stacks already running.

export type StackPorts = { app: number; kratosPublic: number; kratosAdmin: number; smtp: number; mailWeb: number };

export type E2eStack = {
  ports: StackPorts;
  /** Kratos's database when not the stack's own SQLite file (scripts/e2e-postgres.sh sets one per stack). */
  dsn?: string;
  /** Where scripts/stack.mjs keeps this stack's logs, database and pid files. */
  stackDir: string;
  appUrl: string;
  kratosPublicUrl: string;
  kratosAdminUrl: string;
  mailApiUrl: string;
  /**
   * scripts/http-courier.mjs, which every stack the suite starts runs: Kratos's
   * SMS channel posts there (and its mail too under E2E_COURIER=http). Absent
   * for the production topology.
   */
  httpCourier?: { port: number; url: string };
};

// Shifts every default port, so that two checkouts can run the suite side by side.
const portOffset = Number(process.env.E2E_PORT_OFFSET ?? 0);

function portsFrom(prefix: string, defaults: StackPorts): StackPorts {
  const read = (name: string, fallback: number) => Number(process.env[`${prefix}${name}`] ?? fallback + portOffset);
  return {
    app: read("APP_PORT", defaults.app),
    kratosPublic: read("KRATOS_PUBLIC_PORT", defaults.kratosPublic),
    kratosAdmin: read("KRATOS_ADMIN_PORT", defaults.kratosAdmin),
    smtp: read("MAIL_SMTP_PORT", defaults.smtp),
    mailWeb: read("MAIL_WEB_PORT", defaults.mailWeb),
  };
}

function stack(prefix: string, defaultDir: string, defaults: StackPorts, httpCourierDefault: number): E2eStack {
  const ports = portsFrom(prefix, defaults);
  const httpCourierPort = Number(process.env[`${prefix}MAIL_HTTP_PORT`] ?? httpCourierDefault + portOffset);
  return {
    httpCourier: { port: httpCourierPort, url: `http://127.0.0.1:${httpCourierPort}` },
    ports,
    stackDir: process.env[`${prefix}STACK_DIR`] ?? defaultDir,
    dsn: process.env[`${prefix}DSN`] || undefined,
    appUrl: `http://localhost:${ports.app}`,
    kratosPublicUrl: `http://localhost:${ports.kratosPublic}`,
    kratosAdminUrl: `http://127.0.0.1:${ports.kratosAdmin}`,
    mailApiUrl: `http://127.0.0.1:${ports.mailWeb}`,
  };
}

/** The main stack: kratos/kratos.yml as shipped. */
export const mainStack = stack(
  "E2E_",
  ".stack/e2e",
  {
    app: 3100,
    kratosPublic: 4533,
    kratosAdmin: 4534,
    smtp: 1125,
    mailWeb: 1180,
  },
  1190,
);

/** Expiry tests: kratos/profiles/short-lifespans.yml. */
export const shortLifespanStack = stack(
  "E2E_SHORT_",
  ".stack/e2e-short",
  {
    app: 3300,
    kratosPublic: 4733,
    kratosAdmin: 4734,
    smtp: 1325,
    mailWeb: 1380,
  },
  1390,
);

/**
 * The other settings Kratos offers (kratos/profiles/alternative-methods.yml),
 * low rate limits, and Kratos stopped and paused by the fault tests.
 */
export const alternativeStack = stack(
  "E2E_ALT_",
  ".stack/e2e-alt",
  {
    app: 3500,
    kratosPublic: 4933,
    kratosAdmin: 4934,
    smtp: 1525,
    mailWeb: 1580,
  },
  1590,
);

/**
 * The production topology (scripts/production-stack.mjs): this app, Kratos and
 * an example app on *.example.test behind a TLS proxy, or, with E2E_TARGET_URL,
 * a deployment someone else runs (QA against staging): see `targetDeployment`.
 */
export type ProductionTarget = {
  /** The UI, e.g. https://auth.example.test. */
  appUrl: string;
  /** Kratos's public API as browsers reach it (through the proxy). */
  kratosPublicUrl: string;
  /** A protected app on another subdomain that signs in through the UI, if any. */
  exampleAppUrl?: string;
  /** Kratos's admin API, if the tests may use it (cleanup only). */
  kratosAdminUrl?: string;
  /** MailDev's API, if the deployment's mail can be read (the journeys need it). */
  mailApiUrl?: string;
  /** The domain Kratos's cookies are set for, e.g. example.test. */
  cookieDomain: string;
  /** A PEM file with the CA that signed the deployment's certificates, when not a public one. */
  caFile?: string;
  /** Chromium's --host-resolver-rules, when the names do not resolve by DNS. */
  hostResolverRules?: string;
  /** A HOME whose $HOME/.pki/nssdb trusts `caFile`, for the browser. */
  browserHome?: string;
  /** Ports of the stack this suite starts itself; absent for a target deployment. */
  ports?: StackPorts & { exampleApp: number; appSecond: number; metrics: number; hooks: number; redis: number };
  stackDir: string;
};

const productionPorts = {
  ...portsFrom("E2E_PRODUCTION_", {
    app: 3700,
    kratosPublic: 5133,
    kratosAdmin: 5134,
    smtp: 1725,
    mailWeb: 1780,
  }),
  exampleApp: Number(process.env.E2E_PRODUCTION_EXAMPLE_APP_PORT ?? 3780 + portOffset),
  /** The second app instance behind the proxy. */
  appSecond: Number(process.env.E2E_PRODUCTION_APP_SECOND_PORT ?? 3701 + portOffset),
  /** The first instance's /metrics; the second's is the next port. */
  metrics: Number(process.env.E2E_PRODUCTION_METRICS_PORT ?? 9564 + portOffset),
  hooks: Number(process.env.E2E_PRODUCTION_HOOKS_PORT ?? 3790 + portOffset),
  redis: Number(process.env.E2E_PRODUCTION_REDIS_PORT ?? 6490 + portOffset),
};
const productionStackDir = process.env.E2E_PRODUCTION_STACK_DIR ?? ".stack/e2e-production";

/** The deployment named by E2E_TARGET_* (QA against staging), if any. */
function targetDeployment(): ProductionTarget | undefined {
  const appUrl = process.env.E2E_TARGET_URL;
  if (!appUrl) return undefined;
  const kratosPublicUrl = process.env.E2E_TARGET_KRATOS_URL;
  if (!kratosPublicUrl)
    throw new Error("E2E_TARGET_URL needs E2E_TARGET_KRATOS_URL (Kratos's public URL as browsers reach it)");
  const host = new URL(appUrl).hostname;
  return {
    appUrl: new URL(appUrl).origin,
    kratosPublicUrl: new URL(kratosPublicUrl).origin,
    exampleAppUrl: process.env.E2E_TARGET_EXAMPLE_APP_URL || undefined,
    kratosAdminUrl: process.env.E2E_TARGET_ADMIN_URL || undefined,
    mailApiUrl: process.env.E2E_TARGET_MAIL_URL || undefined,
    cookieDomain: process.env.E2E_TARGET_COOKIE_DOMAIN || host.split(".").slice(1).join("."),
    caFile: process.env.E2E_TARGET_CA || undefined,
    hostResolverRules: process.env.E2E_TARGET_HOST_RESOLVER_RULES || undefined,
    stackDir: ".stack/e2e-target",
    browserHome: process.env.E2E_TARGET_CA ? ".stack/e2e-target/browser-home" : undefined,
  };
}

/** Where the production specs run: a target deployment, or the topology the suite starts. */
export const productionTarget: ProductionTarget = targetDeployment() ?? {
  appUrl: "https://auth.example.test",
  kratosPublicUrl: "https://kratos.example.test",
  exampleAppUrl: "https://app.example.test",
  kratosAdminUrl: `http://127.0.0.1:${productionPorts.kratosAdmin}`,
  mailApiUrl: `http://127.0.0.1:${productionPorts.mailWeb}`,
  cookieDomain: "example.test",
  caFile: `${productionStackDir}/caddy/pki/authorities/local/root.crt`,
  hostResolverRules: "MAP *.example.test 127.0.0.1",
  browserHome: `${productionStackDir}/browser-home`,
  ports: productionPorts,
  stackDir: productionStackDir,
};

/** Whether the suite runs against a deployment it did not start (E2E_TARGET_URL). */
export const isTargetRun = productionTarget.ports === undefined;

// The production target seen as a stack by the shared fixtures (mail, admin).
// Absent parts are empty strings; the specs skip what needs them.
const productionStack: E2eStack = {
  ports: productionTarget.ports ?? { app: 0, kratosPublic: 0, kratosAdmin: 0, smtp: 0, mailWeb: 0 },
  stackDir: productionTarget.stackDir,
  appUrl: productionTarget.appUrl,
  kratosPublicUrl: productionTarget.kratosPublicUrl,
  kratosAdminUrl: productionTarget.kratosAdminUrl ?? "",
  mailApiUrl: productionTarget.mailApiUrl ?? "",
};
export { productionStack };

const stacks = [mainStack, shortLifespanStack, alternativeStack, productionStack];

let current: E2eStack = mainStack;

/** The stack whose app serves `baseURL`. */
export function stackServing(baseURL: string | undefined): E2eStack {
  return stacks.find((candidate) => candidate.appUrl === baseURL) ?? mainStack;
}

/**
 * The stack this worker's tests run against. A Playwright worker serves one
 * project, so the fixtures set it once per worker (e2e/fixtures/test.ts).
 */
export function currentStack(): E2eStack {
  return current;
}

export function useStack(stackForWorker: E2eStack): void {
  current = stackForWorker;
}

/**
 * The local OpenID provider (scripts/oidc-provider.mjs) the main stack starts
 * with --local-oidc; E2E_LOCAL_OIDC_PORT points the suite at another one.
 */
export const localOidcPort = Number(process.env.E2E_LOCAL_OIDC_PORT ?? 4550 + portOffset);
export const localOidcUrl = `http://localhost:${localOidcPort}`;

// The main stack's addresses, for specs that only run there.
export const appUrl = mainStack.appUrl;
export const kratosPublicUrl = mainStack.kratosPublicUrl;
/**
 * E2E_COURIER=http runs the main stack with kratos/profiles/courier-http.yml:
 * Kratos mails over HTTP to the main stack's scripts/http-courier.mjs, which the
 * mail fixtures read instead of MailDev. The other stacks keep SMTP.
 */
export const httpCourierUrl = process.env.E2E_COURIER === "http" ? mainStack.httpCourier!.url : undefined;
