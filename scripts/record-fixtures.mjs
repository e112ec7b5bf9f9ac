// Records flow JSON from a running Kratos (the one `./stack up` or the e2e
// suite starts) into e2e/fixtures/flows/<flow>/<state>.json, for the unit
// tests of the renderer and of the submission relay. Re-run it after a Kratos
// upgrade or a config change:
//
//   KRATOS_PUBLIC_URL=http://localhost:4433 KRATOS_ADMIN_URL=http://127.0.0.1:4434 \
//   MAIL_API_URL=http://127.0.0.1:1080 node scripts/record-fixtures.mjs
//
// Each file is { "status": <HTTP status>, "body": <Kratos's JSON> }, exactly as
// Kratos answered a browser flow asked for JSON, with "location" when Kratos
// answered with a redirect.
//
// With --expiry it records, instead, the answers to expired recovery and
// verification flows and codes. Run it against the short-lifespans stack
// (kratos/profiles/short-lifespans.yml); it waits for the lifespans to pass:
//
//   KRATOS_PUBLIC_URL=http://localhost:4733 KRATOS_ADMIN_URL=http://127.0.0.1:4734 \
//   MAIL_API_URL=http://127.0.0.1:1380 APP_URL=http://localhost:3300 \
//   node scripts/record-fixtures.mjs --expiry
import { randomUUID } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(repoRoot, "e2e", "fixtures", "flows");
const kratos = process.env.KRATOS_PUBLIC_URL ?? "http://localhost:4433";
const admin = process.env.KRATOS_ADMIN_URL ?? "http://127.0.0.1:4434";
const mailApi = process.env.MAIL_API_URL ?? "http://127.0.0.1:1080";

/** A cookie jar of one browser: name → value, as Kratos set them. */
class Browser {
  cookies = new Map();

  async request(path, { method = "GET", form } = {}) {
    const headers = { Accept: "application/json" };
    if (this.cookies.size > 0) headers.Cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    if (form) headers["Content-Type"] = "application/x-www-form-urlencoded";
    const response = await fetch(new URL(path, kratos), {
      method,
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
      redirect: "manual",
    });
    for (const setCookie of response.headers.getSetCookie()) {
      const [pair] = setCookie.split(";");
      const index = pair.indexOf("=");
      this.cookies.set(pair.slice(0, index), pair.slice(index + 1));
    }
    const text = await response.text();
    const location = response.headers.get("location");
    return { status: response.status, ...(location ? { location } : {}), body: text ? JSON.parse(text) : null };
  }
}

function save(flow, state, recorded) {
  const file = join(outDir, flow, `${state}.json`);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(recorded, null, 2)}\n`);
  console.log(`recorded ${flow}/${state} (${recorded.status})`);
}

function csrfOf(flow) {
  return flow.ui.nodes.find((node) => node.attributes.name === "csrf_token").attributes.value;
}

async function mailedCode(address) {
  for (let attempt = 0; attempt < 80; attempt++) {
    const messages = await (await fetch(`${mailApi}/email`)).json();
    const message = messages.filter((m) => m.to.some((to) => to.address === address)).at(-1);
    const code = message?.text?.match(/\b(\d{6})\b/)?.[1];
    if (code) return code;
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`no code mailed to ${address}`);
}

async function main() {
  const email = `fixture-${randomUUID().slice(0, 8)}@example.com`;
  const password = `Pw-${randomUUID()}`;
  const browser = new Browser();

  // Registration: both steps, then success with continue_with.
  const registration = await browser.request("/self-service/registration/browser");
  save("registration", "choose-profile", registration);
  const profileStep = await browser.request(`/self-service/registration?flow=${registration.body.id}`, {
    method: "POST",
    form: { csrf_token: csrfOf(registration.body), "traits.email": email, method: "profile" },
  });
  save("registration", "choose-method", profileStep);
  const registered = await browser.request(`/self-service/registration?flow=${registration.body.id}`, {
    method: "POST",
    form: { csrf_token: csrfOf(profileStep.body), "traits.email": email, password, method: "password" },
  });
  save("registration", "success", registered);

  // Verification: the code mailed by the show_verification_ui hook.
  const verificationId = registered.body.continue_with.find((item) => item.action === "show_verification_ui").flow.id;
  const sent = await browser.request(`/self-service/verification/flows?id=${verificationId}`);
  save("verification", "sent-email", sent);
  const verified = await browser.request(`/self-service/verification?flow=${verificationId}`, {
    method: "POST",
    form: { csrf_token: csrfOf(sent.body), code: await mailedCode(email), method: "code" },
  });
  save("verification", "passed-challenge", verified);

  // Verification asked for from the verification page: this state offers "resend code".
  const asked = await browser.request("/self-service/verification/browser");
  save(
    "verification",
    "sent-email-from-form",
    await browser.request(`/self-service/verification?flow=${asked.body.id}`, {
      method: "POST",
      form: { csrf_token: csrfOf(asked.body), email, method: "code" },
    }),
  );

  // Settings with a fresh session: profile, password, TOTP, backup codes, WebAuthn, passkeys.
  save("settings", "show-form", await browser.request("/self-service/settings/browser"));

  // Login: a fresh browser, a wrong password, then a CSRF failure (no cookie).
  const stranger = new Browser();
  const login = await stranger.request("/self-service/login/browser");
  save("login", "choose-method", login);
  save(
    "login",
    "invalid-credentials",
    await stranger.request(`/self-service/login?flow=${login.body.id}`, {
      method: "POST",
      form: { csrf_token: csrfOf(login.body), identifier: email, password: `${password}-wrong`, method: "password" },
    }),
  );
  stranger.cookies.clear();
  save(
    "login",
    "csrf-violation",
    await stranger.request(`/self-service/login?flow=${login.body.id}`, {
      method: "POST",
      form: { csrf_token: csrfOf(login.body), identifier: email, password, method: "password" },
    }),
  );
  save("settings", "no-session", await stranger.request("/self-service/settings/browser"));
  save("recovery", "choose-method", await stranger.request("/self-service/recovery/browser"));

  const identities = await (await fetch(`${admin}/admin/identities?credentials_identifier=${email}`)).json();
  for (const identity of identities) await fetch(`${admin}/admin/identities/${identity.id}`, { method: "DELETE" });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

/** Waits until Kratos's clock has passed `expiresAt` (an RFC 3339 time from Kratos), plus a second. */
async function waitUntilPast(expiresAt) {
  await sleep(Math.max(0, Date.parse(expiresAt) - Date.now()) + 1_000);
}

async function recordExpiry() {
  const returnTo = new URL("/sessions", process.env.APP_URL ?? "http://localhost:3300").toString();
  const codeLifespanMs = Number(process.env.CODE_LIFESPAN_MS ?? 8_000);
  for (const flow of ["recovery", "verification"]) {
    // One address a flow: mailedCode reads the newest message to it.
    const email = `fixture-${randomUUID().slice(0, 8)}@example.com`;
    const created = await fetch(`${admin}/admin/identities`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ schema_id: "default", traits: { email } }),
    });
    if (created.status !== 201) throw new Error(`creating ${email}: ${created.status}`);
    const browser = new Browser();

    // An expired flow: Kratos v1.3.1 answers a 303 to a fresh flow, not a 410.
    const stale = await browser.request(`/self-service/${flow}/browser?return_to=${encodeURIComponent(returnTo)}`);
    await waitUntilPast(stale.body.expires_at);
    save(
      flow,
      "expired-flow",
      await browser.request(`/self-service/${flow}?flow=${stale.body.id}`, {
        method: "POST",
        form: { csrf_token: csrfOf(stale.body), email, method: "code" },
      }),
    );

    // An expired code in a flow that is still valid.
    const started = await browser.request(`/self-service/${flow}/browser`);
    const sent = await browser.request(`/self-service/${flow}?flow=${started.body.id}`, {
      method: "POST",
      form: { csrf_token: csrfOf(started.body), email, method: "code" },
    });
    const code = await mailedCode(email);
    await sleep(codeLifespanMs + 1_000);
    save(
      flow,
      "expired-code",
      await browser.request(`/self-service/${flow}?flow=${started.body.id}`, {
        method: "POST",
        form: { csrf_token: csrfOf(sent.body), code, method: "code" },
      }),
    );

    const identities = await (await fetch(`${admin}/admin/identities?credentials_identifier=${email}`)).json();
    for (const identity of identities) await fetch(`${admin}/admin/identities/${identity.id}`, { method: "DELETE" });
  }
}

(process.argv.includes("--expiry") ? recordExpiry() : main()).catch((error) => {
  console.error(error);
  process.exit(1);
});
