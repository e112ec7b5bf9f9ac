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

function stack(prefix: string, defaultDir: string, defaults: StackPorts): E2eStack {
  const ports = portsFrom(prefix, defaults);
  return {
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
export const mainStack = stack("E2E_", ".stack/e2e", {
  app: 3100,
  kratosPublic: 4533,
  kratosAdmin: 4534,
  smtp: 1125,
  mailWeb: 1180,
});

/** Expiry tests: kratos/profiles/short-lifespans.yml. */
export const shortLifespanStack = stack("E2E_SHORT_", ".stack/e2e-short", {
  app: 3300,
  kratosPublic: 4733,
  kratosAdmin: 4734,
  smtp: 1325,
  mailWeb: 1380,
});

/**
 * The other settings Kratos offers (kratos/profiles/alternative-methods.yml),
 * low rate limits, and Kratos stopped and paused by the fault tests.
 */
export const alternativeStack = stack("E2E_ALT_", ".stack/e2e-alt", {
  app: 3500,
  kratosPublic: 4933,
  kratosAdmin: 4934,
  smtp: 1525,
  mailWeb: 1580,
});

const stacks = [mainStack, shortLifespanStack, alternativeStack];

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
