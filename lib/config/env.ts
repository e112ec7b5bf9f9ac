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
  };
}

let cached: AppEnv | undefined;

/** The app's configuration; throws EnvError on the first call if it is invalid. */
export function env(): AppEnv {
  cached ??= parseEnv(process.env);
  return cached;
}
