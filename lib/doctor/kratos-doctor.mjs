// The doctor: asks the live Kratos, through its public API, the questions whose
// wrong answers make a deployment fail in the browser (a CSRF violation, a
// cookie that never arrives, a redirect to the wrong host), and names each
// misconfiguration with its fix. `npm run doctor` prints every finding; the app
// logs them as warnings at start-up (instrumentation.ts).
//
// Plain JavaScript with types beside it (kratos-doctor.d.mts): the npm script
// runs it with Node alone, and the app and the tests import it as it is.

/**
 * @typedef {{ id: string, problem: string, fix: string }} Finding
 * @typedef {{
 *   appUrl: string,
 *   kratosPublicUrl: string,
 *   kratosBrowserUrl: string,
 *   kratosAdminUrl?: string,
 *   returnToOrigins?: string[],
 * }} DoctorSettings
 */

const loopbackNames = (host) =>
  host === "localhost" || host.endsWith(".localhost")
    ? "localhost"
    : host === "127.0.0.1" || host === "[::1]"
      ? "127.0.0.1"
      : undefined;

/** Parses one Set-Cookie header into its name and lower-cased attributes. */
export function parseSetCookie(header) {
  const [pair, ...parts] = header.split(";");
  const name = pair.slice(0, pair.indexOf("=")).trim();
  /** @type {Record<string, string | true>} */
  const attributes = {};
  for (const part of parts) {
    const [key, ...value] = part.split("=");
    attributes[key.trim().toLowerCase()] = value.length > 0 ? value.join("=").trim() : true;
  }
  return { name, attributes };
}

/**
 * Whether a cookie with `domain` (its Domain attribute; undefined: host-only,
 * set by `setterHost`) is sent to `host`.
 */
export function cookieReaches(domain, setterHost, host) {
  if (domain === undefined || domain === true) return host === setterHost;
  const bare = String(domain).replace(/^\./, "").toLowerCase();
  return host === bare || host.endsWith(`.${bare}`);
}

async function get(base, path, { json = true, cookie, timeoutMs }) {
  const response = await fetch(new URL(path, base), {
    headers: { Accept: json ? "application/json" : "text/html", ...(cookie && { Cookie: cookie }) },
    redirect: "manual",
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return {
    status: response.status,
    body,
    location: response.headers.get("location"),
    setCookies: response.headers.getSetCookie(),
  };
}

/** The problem and fix for a cookie that does not reach the app, in words. */
function cookieFinding(kind, cookie, appHost, kratosHost) {
  const domain = cookie.attributes.domain;
  const label = kind === "csrf" ? "Kratos's CSRF cookie" : "Kratos's session cookie";
  const setting = kind === "csrf" ? "cookies.domain" : "session.cookie.domain (or cookies.domain)";
  const shared = commonParent(appHost, kratosHost);
  return {
    id: `${kind}-cookie-domain`,
    problem: `${label} is set ${typeof domain === "string" ? `for the domain "${domain}"` : `for ${kratosHost} only (no Domain)`}, which does not include APP_URL's host ${appHost}: the browser will not send it to the app, and every form ends in a CSRF violation${kind === "session" ? " or a signed-out page" : ""}.`,
    fix: shared
      ? `Set Kratos's ${setting} to "${shared}", the domain the app (${appHost}) and Kratos (${kratosHost}) share.`
      : `Serve the app and Kratos's public API under one parent domain (e.g. auth.example.com and kratos.example.com) and set Kratos's ${setting} to it.`,
  };
}

/** The longest parent domain shared by two host names, if it has a dot (never a bare TLD). */
function commonParent(a, b) {
  if (a === b) return a;
  const left = a.split(".").reverse();
  const right = b.split(".").reverse();
  const shared = [];
  for (let i = 0; i < Math.min(left.length, right.length) && left[i] === right[i]; i++) shared.push(left[i]);
  return shared.length >= 2 ? shared.reverse().join(".") : undefined;
}

/**
 * Signs a throwaway identity in through a browser flow to see the session
 * cookie Kratos sets, then deletes it. Needs the admin API; undefined without.
 */
async function observeSessionCookie(settings, timeoutMs) {
  if (!settings.kratosAdminUrl) return undefined;
  const email = `doctor-${crypto.randomUUID()}@doctor.invalid`;
  const password = `Doctor-${crypto.randomUUID()}`;
  const created = await fetch(new URL("/admin/identities", settings.kratosAdminUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      schema_id: "default",
      traits: { email },
      credentials: { password: { config: { password } } },
      verifiable_addresses: [{ value: email, via: "email", verified: true, status: "completed" }],
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (created.status !== 201) return undefined;
  const identity = await created.json();
  try {
    const flow = await get(settings.kratosPublicUrl, "/self-service/login/browser", { timeoutMs });
    const csrfCookie = flow.setCookies.map((line) => line.split(";")[0]).join("; ");
    const csrfToken = flow.body?.ui?.nodes?.find((node) => node.attributes?.name === "csrf_token")?.attributes?.value;
    const login = await fetch(new URL(`/self-service/login?flow=${flow.body?.id}`, settings.kratosPublicUrl), {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json", Cookie: csrfCookie },
      body: JSON.stringify({ method: "password", identifier: email, password, csrf_token: csrfToken }),
      redirect: "manual",
      signal: AbortSignal.timeout(timeoutMs),
    });
    await login.text();
    const header = login.headers
      .getSetCookie()
      .find((line) => /^ory_kratos_session=[^;]/.test(line) || /_session=[^;]/.test(line));
    return header ? parseSetCookie(header) : undefined;
  } finally {
    await fetch(new URL(`/admin/identities/${identity.id}`, settings.kratosAdminUrl), {
      method: "DELETE",
      signal: AbortSignal.timeout(timeoutMs),
    }).catch(() => undefined);
  }
}

/**
 * Probes Kratos and returns every misconfiguration found, each with its fix.
 * With `sessionCookie` (and an admin URL), also signs a throwaway identity in
 * to check the session cookie.
 * @param {DoctorSettings} settings
 * @returns {Promise<Finding[]>}
 */
export async function diagnose(settings, { sessionCookie = true, timeoutMs = 5000 } = {}) {
  /** @type {Finding[]} */
  const findings = [];
  const app = new URL(settings.appUrl);
  const browserKratos = new URL(settings.kratosBrowserUrl);
  const hostsSeen = [
    { what: "APP_URL", host: app.hostname },
    { what: "KRATOS_BROWSER_URL", host: browserKratos.hostname },
  ];

  const flow = await get(settings.kratosPublicUrl, "/self-service/login/browser", { timeoutMs }).catch((error) => ({
    status: error.cause?.code ?? error.name,
  }));
  if (flow.status !== 200 || typeof flow.body?.ui?.action !== "string") {
    return [
      {
        id: "kratos-not-answering",
        problem: `Kratos at KRATOS_PUBLIC_URL (${settings.kratosPublicUrl}) did not answer a new login flow (${typeof flow.status === "number" ? `HTTP ${flow.status}` : flow.status}).`,
        fix: "Start Kratos, or point KRATOS_PUBLIC_URL at its public API as this server reaches it.",
      },
    ];
  }

  // 1. Forms and links name Kratos by serve.public.base_url.
  const action = new URL(flow.body.ui.action);
  hostsSeen.push({ what: "Kratos's serve.public.base_url", host: action.hostname });
  if (action.origin !== browserKratos.origin) {
    findings.push({
      id: "action-origin",
      problem: `New flows point browsers at ${action.origin} (their ui.action), but KRATOS_BROWSER_URL is ${browserKratos.origin}: mailed links, OIDC callbacks and logout go to the wrong place.`,
      fix: `Set Kratos's serve.public.base_url to ${browserKratos.origin}/ (where browsers reach Kratos), or KRATOS_BROWSER_URL to ${action.origin} if that is right.`,
    });
  }

  // 2 and 3. The CSRF cookie must reach the app and be Secure on https.
  const csrf = flow.setCookies.map(parseSetCookie).find((cookie) => cookie.name.startsWith("csrf_token"));
  const cookies = [];
  if (csrf) cookies.push(["csrf", csrf]);
  if (sessionCookie) {
    const session = await observeSessionCookie(settings, timeoutMs).catch(() => undefined);
    if (session) cookies.push(["session", session]);
  }
  for (const [, cookie] of cookies) {
    if (typeof cookie.attributes.domain === "string")
      hostsSeen.push({ what: `the ${cookie.name} cookie's domain`, host: cookie.attributes.domain.replace(/^\./, "") });
  }

  // 4. Kratos's own redirect for a new browser flow must land on this app.
  for (const kind of ["login", "registration", "recovery", "verification"]) {
    const start = await get(settings.kratosPublicUrl, `/self-service/${kind}/browser`, { json: false, timeoutMs });
    const location = start.location ? new URL(start.location, settings.kratosPublicUrl) : undefined;
    if (location) hostsSeen.push({ what: `selfservice.flows.${kind}.ui_url`, host: location.hostname });
    if (!location || location.origin !== app.origin || location.pathname !== `/${kind}`) {
      findings.push({
        id: "flow-redirect",
        problem: `Kratos sends browsers starting a ${kind} flow to ${location?.href.split("?")[0] ?? `nowhere (HTTP ${start.status})`}, not to ${app.origin}/${kind}.`,
        fix: `Set Kratos's selfservice.flows.${kind}.ui_url to ${app.origin}/${kind}.`,
      });
    }
  }

  // 5. return_to back to the app (and to the other allowed origins) must be allowed.
  for (const origin of [app.origin, ...(settings.returnToOrigins ?? [])]) {
    const target = `${origin}/`;
    const answer = await get(
      settings.kratosPublicUrl,
      `/self-service/login/browser?return_to=${encodeURIComponent(target)}`,
      { timeoutMs },
    );
    if (answer.status !== 200) {
      const isApp = origin === app.origin;
      findings.push({
        id: "return-url",
        problem: `Kratos refuses return_to=${target} (HTTP ${answer.status}${answer.body?.error?.id ? `, ${answer.body.error.id}` : ""}): ${isApp ? "APP_URL" : "this RETURN_TO_ORIGINS entry"} is not an allowed return URL, so flows started with it fail.`,
        fix: `Add ${origin} to Kratos's selfservice.allowed_return_urls.`,
      });
    }
  }

  // 6. localhost and 127.0.0.1 are different cookie sites.
  const loopbacks = new Set(hostsSeen.map(({ host }) => loopbackNames(host)).filter(Boolean));
  const mixed = loopbacks.size > 1;
  if (mixed) {
    const named = hostsSeen.filter(({ host }) => loopbackNames(host)).map(({ what, host }) => `${what}: ${host}`);
    findings.push({
      id: "localhost-mixed",
      problem: `Browser-facing addresses mix localhost and 127.0.0.1 (${named.join("; ")}). They are different cookie sites: Kratos's cookies set on one are never sent to the other, so CSRF checks fail.`,
      fix: "Use localhost in every address a browser sees (APP_URL, KRATOS_BROWSER_URL, Kratos's serve.public.base_url and ui_urls); 127.0.0.1 only in KRATOS_PUBLIC_URL and KRATOS_ADMIN_URL.",
    });
  }

  for (const [kind, cookie] of cookies) {
    // Mixed loopback names are the cause of a cookie that misses the app: named once, above.
    if (!mixed && !cookieReaches(cookie.attributes.domain, browserKratos.hostname, app.hostname)) {
      findings.push(cookieFinding(kind, cookie, app.hostname, browserKratos.hostname));
    }
    if (app.protocol === "https:" && cookie.attributes.secure !== true) {
      findings.push({
        id: `${kind}-cookie-not-secure`,
        problem: `Kratos sets its ${kind === "csrf" ? "CSRF" : "session"} cookie without Secure while APP_URL is https: it can travel over plain http.`,
        fix: "Run Kratos without --dev (`kratos serve`): it then marks every cookie Secure.",
      });
    }
  }
  return findings;
}

/** The doctor's settings from the app's environment variables (see README). */
export function settingsFromEnv(source) {
  const origins = (source.RETURN_TO_ORIGINS ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => new URL(entry).origin);
  return {
    appUrl: source.APP_URL,
    kratosPublicUrl: source.KRATOS_PUBLIC_URL,
    kratosBrowserUrl: source.KRATOS_BROWSER_URL || source.KRATOS_PUBLIC_URL,
    kratosAdminUrl: source.KRATOS_ADMIN_URL || undefined,
    returnToOrigins: origins,
  };
}

/** One finding as the doctor prints it. */
export function formatFinding(finding) {
  return `${finding.id}: ${finding.problem}\n  fix: ${finding.fix}`;
}
