import "server-only";

/** The validated configuration of the app, read once from the environment. */
export type AppEnv = {
  /** Where browsers reach this app, e.g. https://auth.example.com. */
  appUrl: URL;
  /** Where this server reaches Kratos's public API. */
  kratosPublicUrl: URL;
  /** Where browsers reach Kratos's public API (flow start, WebAuthn script, mail links). */
  kratosBrowserUrl: URL;
  /** Where this server reaches Kratos's admin API; never sent to a browser. */
  kratosAdminUrl: URL;
  /** Origins that `return_to` may point at, besides the app itself. */
  returnToOrigins: string[];
  /** Origins of the OIDC providers Kratos sends browsers to (its sign-in, registration and settings redirects). */
  oidcProviderOrigins: string[];
  /** Kratos's `session.cookie.name` and `session.cookie.domain`, for clearing and counting by session. */
  sessionCookie: { name: string; domain?: string };
  /** The app's own database: PostgreSQL at DATABASE_URL, else embedded PGlite in APP_DATABASE_DIR. */
  appDatabase: { kind: "postgres"; url: string } | { kind: "embedded"; dir: string };
  /** The key Kratos's web hooks send in X-Webhook-Key (WEBHOOK_API_KEY); unset refuses every hook. */
  webhookApiKey?: string;
  /** The proxy's session check (PROTECTED_ROUTES, GUARD_TIMEOUT_MS). */
  guard: GuardSettings;
  /** Attempt limits of the submission endpoints (RATE_LIMIT_*, TRUSTED_PROXIES). */
  rateLimits: RateLimitSettings;
  /** How recent a login account deletion asks for (PRIVILEGED_SESSION_MAX_AGE_SECONDS). */
  privilegedSessionMaxAgeSeconds: number;
  /** Serves Next's empty floor page for `npm run bench:server` (BENCH_FLOOR=1); never set in production. */
  benchFloor: boolean;
  /** Whether the doctor's checks run as warnings at start-up (KRATOS_DOCTOR_AT_STARTUP, "off" to skip). */
  doctorAtStartup: boolean;
  /** Product name, logo, favicon and primary colours on every page (README, "Branding"). */
  brand: Brand;
  /** Where the rate limiter's shared counters live (REDIS_URL); unset counts in this instance's memory. */
  redisUrl?: string;
  /** The port of the Prometheus endpoint /metrics (METRICS_PORT), apart from the app's; unset serves none. */
  metrics?: { port: number; host: string };
  /** After SIGTERM, how long the instance goes on serving while answering "not ready" (SHUTDOWN_DELAY_MS). */
  shutdownDelayMs: number;
};

export type GuardSettings = {
  /** Path prefixes whose pages need a session, each matched on whole segments. */
  protectedRoutes: string[];
  /** How long to wait for Kratos's whoami before showing the "try again" page. */
  timeoutMs: number;
};

/** `max` events per `windowMs`; undefined turns that budget off. */
export type RateLimit = { max: number; windowMs: number };

export type RateLimitSettings = {
  /** Every form post from one client address (fixed windows). */
  perClient?: RateLimit;
  /** Wrong answers (and mails sent) for one account from one client address, before waits start. */
  perIdentifier?: RateLimit;
  /** Wrong answers (and mails sent) for one account from all addresses, before waits start. */
  perAccount?: RateLimit;
  /** How many reverse proxies in front of this app append to X-Forwarded-For. */
  trustedProxies: number;
  /** Most keys the in-memory store holds before it drops the least recently used. */
  maxKeys: number;
  /** Kratos's session cookie name (KRATOS_SESSION_COOKIE_NAME). */
  sessionCookieName?: string;
};

export type Brand = {
  name: string;
  /** A path of a file in public/, e.g. /brand/logo.svg. */
  logoPath?: string;
  faviconPath: string;
  /** `#rrggbb`, for light and dark colour schemes. */
  primaryColor?: string;
  primaryColorDark?: string;
};

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

type Source = Record<string, string | undefined>;

function readUrl(source: Source, name: string, problems: string[], fallback?: string): URL | undefined {
  const raw = source[name] || fallback;
  if (!raw) {
    problems.push(`${name} is missing`);
    return undefined;
  }
  try {
    const url = new URL(raw);
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error("not http(s)");
    return url;
  } catch {
    problems.push(`${name} must be an absolute http(s) URL, got "${raw}"`);
    return undefined;
  }
}

function readOrigins(source: Source, name: string, problems: string[]): string[] {
  const origins: string[] = [];
  for (const entry of (source[name] ?? "").split(",").map((value) => value.trim())) {
    if (!entry) continue;
    try {
      origins.push(new URL(entry).origin);
    } catch {
      problems.push(`${name} must be a comma-separated list of origins, got "${entry}"`);
    }
  }
  return origins;
}

function readAppDatabase(source: Source, problems: string[]): AppEnv["appDatabase"] {
  const url = source.DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) problems.push("DATABASE_URL must be a postgres:// or postgresql:// URL");
    return { kind: "postgres", url };
  }
  return { kind: "embedded", dir: source.APP_DATABASE_DIR?.trim() || ".data/app-db" };
}

/** Parses and validates the environment, naming every missing or wrong variable. */
export function parseEnv(source: Source): AppEnv {
  const problems: string[] = [];
  const appUrl = readUrl(source, "APP_URL", problems);
  const kratosPublicUrl = readUrl(source, "KRATOS_PUBLIC_URL", problems);
  const kratosBrowserUrl = readUrl(source, "KRATOS_BROWSER_URL", problems, source.KRATOS_PUBLIC_URL);
  const kratosAdminUrl = readUrl(source, "KRATOS_ADMIN_URL", problems);
  const returnToOrigins = readOrigins(source, "RETURN_TO_ORIGINS", problems);
  const oidcProviderOrigins = readOrigins(source, "OIDC_PROVIDER_ORIGINS", problems);
  const sessionCookieName = source.KRATOS_SESSION_COOKIE_NAME?.trim() || "ory_kratos_session";
  if (!/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(sessionCookieName)) {
    problems.push(`KRATOS_SESSION_COOKIE_NAME must be a cookie name, got "${sessionCookieName}"`);
  }
  const sessionCookieDomain = source.KRATOS_COOKIE_DOMAIN?.trim() || undefined;
  if (sessionCookieDomain && !/^\.?[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/.test(sessionCookieDomain)) {
    problems.push(`KRATOS_COOKIE_DOMAIN must be a domain such as .example.com, got "${sessionCookieDomain}"`);
  }
  const appDatabase = readAppDatabase(source, problems);
  const webhookApiKey = source.WEBHOOK_API_KEY?.trim() || undefined;
  if (webhookApiKey && webhookApiKey.length < 32) {
    problems.push("WEBHOOK_API_KEY must be at least 32 characters (a random secret), or unset");
  }
  // Each part names its own problems; all of them are reported together.
  const part = <T>(parse: (source: Source) => T, fallback: T): T => {
    try {
      return parse(source);
    } catch (error) {
      if (!(error instanceof EnvError)) throw error;
      problems.push(...error.problems);
      return fallback;
    }
  };
  const guard = part(parseGuardSettings, { protectedRoutes: [], timeoutMs: defaultGuardTimeoutMs });
  const rateLimits = part(parseRateLimitSettings, { trustedProxies: 0, maxKeys: defaultMaxKeys });
  const privilegedSessionMaxAgeSeconds = part(parsePrivilegedMaxAge, defaultPrivilegedMaxAgeSeconds);
  const doctorSetting = source.KRATOS_DOCTOR_AT_STARTUP?.trim() || "on";
  if (doctorSetting !== "on" && doctorSetting !== "off") {
    problems.push(`KRATOS_DOCTOR_AT_STARTUP must be "on" or "off", got "${doctorSetting}"`);
  }
  const brand = readBrand(source, problems);
  const redisUrl = source.REDIS_URL?.trim() || undefined;
  if (redisUrl && !/^rediss?:\/\/[^/?#]+(\/\d{1,2})?$/.test(redisUrl)) {
    problems.push("REDIS_URL must be redis://[user:password@]host[:port][/db] or rediss://…");
  }
  const metrics = part(parseMetricsSettings, undefined);
  const rawDelay = source.SHUTDOWN_DELAY_MS?.trim();
  const shutdownDelayMs = rawDelay ? Number(rawDelay) : defaultShutdownDelayMs;
  if (rawDelay && (!/^\d+$/.test(rawDelay) || shutdownDelayMs > 60_000)) {
    problems.push(`SHUTDOWN_DELAY_MS must be a whole number of milliseconds from 0 to 60000, got "${rawDelay}"`);
  }
  if (problems.length > 0 || !appUrl || !kratosPublicUrl || !kratosBrowserUrl || !kratosAdminUrl) {
    throw new EnvError(problems);
  }
  return {
    appUrl,
    kratosPublicUrl,
    kratosBrowserUrl,
    kratosAdminUrl,
    returnToOrigins,
    oidcProviderOrigins,
    sessionCookie: { name: sessionCookieName, domain: sessionCookieDomain },
    appDatabase,
    webhookApiKey,
    guard,
    rateLimits: { ...rateLimits, sessionCookieName },
    privilegedSessionMaxAgeSeconds,
    benchFloor: source.BENCH_FLOOR === "1",
    doctorAtStartup: doctorSetting === "on",
    brand,
    redisUrl,
    metrics,
    shutdownDelayMs,
  };
}

/**
 * After SIGTERM, serving goes on this long while readiness says no: a proxy
 * checking every 2 s (deploy/proxy/Caddyfile) has taken the instance out by then.
 */
export const defaultShutdownDelayMs = 5_000;

// Strict shapes: the colours go into a <style> and the paths into src/href attributes.
const publicPath = /^\/[A-Za-z0-9][A-Za-z0-9._-]*(?:\/[A-Za-z0-9][A-Za-z0-9._-]*)*$/;
const hexColour = /^#[0-9a-fA-F]{6}$/;

function readBrand(source: Source, problems: string[]): Brand {
  const name = source.BRAND_NAME?.trim() || "Account";
  if (name.length > 60) problems.push("BRAND_NAME must be at most 60 characters");
  const optional = (variable: string, shape: RegExp, what: string): string | undefined => {
    const value = source[variable]?.trim() || undefined;
    if (value && !shape.test(value)) problems.push(`${variable} must be ${what}, got "${value}"`);
    return value;
  };
  return {
    name,
    logoPath: optional("BRAND_LOGO", publicPath, "a path in public/ such as /brand/logo.svg"),
    faviconPath: optional("BRAND_FAVICON", publicPath, "a path in public/ such as /favicon.svg") ?? "/favicon.svg",
    primaryColor: optional("BRAND_PRIMARY_COLOR", hexColour, "a colour such as #4338ca"),
    primaryColorDark: optional("BRAND_PRIMARY_COLOR_DARK", hexColour, "a colour such as #a5b4fc"),
  };
}

/** Reads METRICS_PORT and METRICS_HOST (default 0.0.0.0: a scraper reaches the pod's address). */
export function parseMetricsSettings(source: Source): AppEnv["metrics"] {
  const rawPort = source.METRICS_PORT?.trim();
  if (!rawPort) return undefined;
  const port = Number(rawPort);
  const problems: string[] = [];
  if (!/^\d+$/.test(rawPort) || port < 1 || port > 65_535) {
    problems.push(`METRICS_PORT must be a TCP port, got "${rawPort}"`);
  }
  if (source.PORT?.trim() === rawPort)
    problems.push("METRICS_PORT must differ from PORT: /metrics is not for the public");
  const host = source.METRICS_HOST?.trim() || "0.0.0.0";
  if (!/^[0-9A-Za-z.:-]+$/.test(host)) problems.push(`METRICS_HOST must be an address, got "${host}"`);
  if (problems.length > 0) throw new EnvError(problems);
  return { port, host };
}

// The parts of the environment each concern reads, kept apart so each can be tested alone.

/** Pages guarded when PROTECTED_ROUTES is not set. */
export const defaultProtectedRoutes: readonly string[] = ["/settings", "/sessions", "/account"];

/** How long the guard waits for Kratos when GUARD_TIMEOUT_MS is not set. */
export const defaultGuardTimeoutMs = 3_000;

/** Reads PROTECTED_ROUTES and GUARD_TIMEOUT_MS, naming every malformed value. */
export function parseGuardSettings(source: Source): GuardSettings {
  const problems: string[] = [];
  const protectedRoutes: string[] = [];
  const rawRoutes = source.PROTECTED_ROUTES?.trim() ? source.PROTECTED_ROUTES : defaultProtectedRoutes.join(",");
  for (const entry of rawRoutes.split(",").map((value) => value.trim())) {
    if (!entry) continue;
    if (!/^\/[^\s?#*\\]*$/.test(entry)) {
      problems.push(`PROTECTED_ROUTES entries must be paths such as /settings, got "${entry}"`);
      continue;
    }
    protectedRoutes.push(entry.length > 1 ? entry.replace(/\/+$/, "") || "/" : entry);
  }
  let timeoutMs = defaultGuardTimeoutMs;
  const rawTimeout = source.GUARD_TIMEOUT_MS?.trim();
  if (rawTimeout) {
    timeoutMs = Number(rawTimeout);
    if (!/^\d+$/.test(rawTimeout) || timeoutMs < 1 || timeoutMs > 60_000) {
      problems.push(`GUARD_TIMEOUT_MS must be a whole number of milliseconds from 1 to 60000, got "${rawTimeout}"`);
    }
  }
  if (problems.length > 0) throw new EnvError(problems);
  return { protectedRoutes, timeoutMs };
}

/** Budgets used when the RATE_LIMIT_* variables are not set (ARCHITECTURE.md "Rate limits"). */
export const defaultRateLimits = {
  perClient: { max: 60, windowMs: 60_000 },
  perIdentifier: { max: 10, windowMs: 5 * 60_000 },
  perAccount: { max: 100, windowMs: 60 * 60_000 },
} as const satisfies Record<string, RateLimit>;

/** Keys the in-memory rate-limit store holds when RATE_LIMIT_MAX_KEYS is not set. */
export const defaultMaxKeys = 200_000;

const units: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000 };

function parseLimit(name: string, raw: string | undefined, fallback: RateLimit, problems: string[]) {
  const value = raw?.trim();
  if (!value) return fallback;
  if (value === "off") return undefined;
  const match = /^(\d+)\/(\d+)?(s|m|h)$/.exec(value);
  const max = Number(match?.[1]);
  const windowMs = Number(match?.[2] ?? 1) * (units[match?.[3] ?? ""] ?? 0);
  if (!match || max < 1 || windowMs < 1_000 || windowMs > 24 * 3_600_000) {
    problems.push(`${name} must be "off" or a count per window such as 10/5m (s, m or h, at most 24h), got "${value}"`);
    return fallback;
  }
  return { max, windowMs };
}

/** Reads RATE_LIMIT_PER_CLIENT, RATE_LIMIT_PER_IDENTIFIER, RATE_LIMIT_PER_ACCOUNT, RATE_LIMIT_MAX_KEYS and TRUSTED_PROXIES. */
export function parseRateLimitSettings(source: Source): RateLimitSettings {
  const problems: string[] = [];
  const limit = (name: keyof typeof defaultRateLimits, variable: string) =>
    parseLimit(variable, source[variable], defaultRateLimits[name], problems);
  const perClient = limit("perClient", "RATE_LIMIT_PER_CLIENT");
  const perIdentifier = limit("perIdentifier", "RATE_LIMIT_PER_IDENTIFIER");
  const perAccount = limit("perAccount", "RATE_LIMIT_PER_ACCOUNT");
  const rawProxies = source.TRUSTED_PROXIES?.trim() || "0";
  const trustedProxies = Number(rawProxies);
  if (!/^\d+$/.test(rawProxies) || trustedProxies > 10) {
    problems.push(
      `TRUSTED_PROXIES must be the number of reverse proxies in front of the app (0 to 10), got "${rawProxies}"`,
    );
  }
  const rawKeys = source.RATE_LIMIT_MAX_KEYS?.trim() || String(defaultMaxKeys);
  const maxKeys = Number(rawKeys);
  if (!/^\d+$/.test(rawKeys) || maxKeys < 1_000 || maxKeys > 10_000_000) {
    problems.push(`RATE_LIMIT_MAX_KEYS must be a whole number from 1000 to 10000000, got "${rawKeys}"`);
  }
  if (problems.length > 0) throw new EnvError(problems);
  return { perClient, perIdentifier, perAccount, trustedProxies, maxKeys };
}

/** Matches kratos/kratos.yml's `privileged_session_max_age: 15m`. */
export const defaultPrivilegedMaxAgeSeconds = 900;

/** Reads PRIVILEGED_SESSION_MAX_AGE_SECONDS (whole seconds, 1 to a day). */
export function parsePrivilegedMaxAge(source: Source): number {
  const raw = source.PRIVILEGED_SESSION_MAX_AGE_SECONDS?.trim();
  if (!raw) return defaultPrivilegedMaxAgeSeconds;
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw) || seconds < 1 || seconds > 86_400) {
    throw new EnvError([`PRIVILEGED_SESSION_MAX_AGE_SECONDS must be whole seconds from 1 to 86400, got "${raw}"`]);
  }
  return seconds;
}

let cached: AppEnv | undefined;

/** The app's configuration; throws EnvError on the first call if it is invalid. */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
