// A browser in miniature (a cookie jar and manual redirects) and the Kratos
// browser flows the benches need: a throw-away identity, signed in, and its deletion.
import { randomUUID } from "node:crypto";
import { log } from "./common.mjs";

/**
 * Cookies by host name, as a browser keeps them: cookies ignore ports, so
 * Kratos's cookies on localhost:4633 go to the app on localhost:3200 too.
 * Domain and path attributes are ignored; every request here goes to "/".
 */
export class CookieJar {
  #byHost = new Map();

  store(url, setCookieHeaders) {
    const host = new URL(url).hostname;
    if (!this.#byHost.has(host)) this.#byHost.set(host, new Map());
    const cookies = this.#byHost.get(host);
    for (const header of setCookieHeaders) {
      const [pair, ...attributes] = header.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const expired = attributes.some((attribute) => {
        const [key, value = ""] = attribute.trim().split("=");
        if (key.toLowerCase() === "max-age") return Number(value) <= 0;
        if (key.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
        return false;
      });
      if (expired) cookies.delete(name);
      else cookies.set(name, pair.slice(index + 1).trim());
    }
  }

  headerFor(url) {
    const cookies = this.#byHost.get(new URL(url).hostname);
    if (!cookies || cookies.size === 0) return undefined;
    return [...cookies].map(([name, value]) => `${name}=${value}`).join("; ");
  }

  has(url, name) {
    return this.#byHost.get(new URL(url).hostname)?.has(name) ?? false;
  }
}

/** One request with the jar's cookies; stores what comes back; never follows redirects. */
export async function request(jar, url, { method = "GET", headers = {}, form } = {}) {
  const allHeaders = { ...headers };
  const cookie = jar.headerFor(url);
  if (cookie) allHeaders.Cookie = cookie;
  if (form) allHeaders["Content-Type"] = "application/x-www-form-urlencoded";
  const response = await fetch(url, {
    method,
    headers: allHeaders,
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: "manual",
  });
  jar.store(url, response.headers.getSetCookie());
  return response;
}

/** A Kratos browser-flow API call that asks for JSON (as scripts/record-fixtures.mjs does). */
export async function kratosJson(jar, url, options = {}) {
  const response = await request(jar, url, { ...options, headers: { Accept: "application/json" } });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

export function csrfTokenOf(flow) {
  return flow.ui.nodes.find((node) => node.attributes.name === "csrf_token").attributes.value;
}

/** Registers a fresh identity through Kratos's two-step browser registration; the jar ends up signed in. */
export async function registerIdentity(jar, kratosUrl) {
  const email = `bench-${randomUUID().slice(0, 8)}@example.com`;
  const password = `Bench-${randomUUID()}`;
  const flow = await kratosJson(jar, `${kratosUrl}/self-service/registration/browser`);
  if (flow.status !== 200) throw new Error(`registration flow: HTTP ${flow.status}`);
  const submitUrl = `${kratosUrl}/self-service/registration?flow=${flow.body.id}`;
  // Step one picks the traits; Kratos answers 400 with the same flow, now offering the credential methods.
  const profileStep = await kratosJson(jar, submitUrl, {
    method: "POST",
    form: { csrf_token: csrfTokenOf(flow.body), "traits.email": email, method: "profile" },
  });
  const registered = await kratosJson(jar, submitUrl, {
    method: "POST",
    form: { csrf_token: csrfTokenOf(profileStep.body), "traits.email": email, password, method: "password" },
  });
  if (registered.status !== 200 || !registered.body?.identity?.id) {
    throw new Error(`registration failed: HTTP ${registered.status} ${JSON.stringify(registered.body).slice(0, 300)}`);
  }
  if (!jar.has(kratosUrl, "ory_kratos_session")) throw new Error("registration set no ory_kratos_session cookie");
  return { id: registered.body.identity.id, email, password };
}

export async function deleteIdentity(adminUrl, id) {
  const response = await fetch(`${adminUrl}/admin/identities/${id}`, { method: "DELETE" });
  if (response.status !== 204 && response.status !== 404) {
    log(`warning: deleting identity ${id} answered HTTP ${response.status}`);
  }
}
