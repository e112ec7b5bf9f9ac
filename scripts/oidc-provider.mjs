// A real OpenID Connect provider on localhost, for trying Kratos's OIDC method
// without an account anywhere: panva's certified oidc-provider with one
// confidential client (Kratos), users kept in memory, a plain HTML form that
// asks who you are (no password) and consent always granted.
// `node scripts/stack.mjs --local-oidc` starts it; never expose it.
//
//   LOCAL_OIDC_PORT=4450 KRATOS_BROWSER_URL=http://localhost:4433 \
//   LOCAL_OIDC_CLIENT_SECRET=… node scripts/oidc-provider.mjs
//
// LOCAL_OIDC_PROVIDER_ID (default "local") must match the provider id in
// Kratos's config: it ends Kratos's callback URL, the only redirect URI allowed.
import { createHash, generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer } from "node:http";
import Provider from "oidc-provider";

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is missing`);
  return value;
}

const port = Number(process.env.LOCAL_OIDC_PORT || 4450);
if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`LOCAL_OIDC_PORT must be a TCP port`);
const issuer = `http://localhost:${port}`;
const kratosBrowserUrl = new URL(required("KRATOS_BROWSER_URL"));
const providerId = process.env.LOCAL_OIDC_PROVIDER_ID || "local";
const clientId = process.env.LOCAL_OIDC_CLIENT_ID || "kratos";
const clientSecret = required("LOCAL_OIDC_CLIENT_SECRET");

/** Claims by subject. The subject is derived from the email, so the same email is the same user after a restart. */
const accounts = new Map();

function subjectFor(email) {
  return `user-${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 16)}`;
}

function rememberAccount({ email, first, last, locale }) {
  const sub = subjectFor(email);
  const name = [first, last].filter(Boolean).join(" ");
  accounts.set(sub, {
    sub,
    email,
    email_verified: true,
    ...(first && { given_name: first }),
    ...(last && { family_name: last }),
    ...(name && { name }),
    ...(locale && { locale }),
  });
  return sub;
}

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const provider = new Provider(issuer, {
  clients: [
    {
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: [new URL(`/self-service/methods/oidc/callback/${providerId}`, kratosBrowserUrl).href],
      grant_types: ["authorization_code"],
      response_types: ["code"],
    },
  ],
  jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "local", use: "sig", alg: "RS256" }] },
  // Cookies are signed with a key that lives as long as the process, like the users.
  cookies: {
    keys: [randomBytes(32).toString("hex")],
    // The default (SameSite=None) needs Secure, which Chromium insists on; over plain
    // http the provider's session cookie would be dropped and it would forget you at once.
    long: { signed: true, httpOnly: true, sameSite: "lax" },
    short: { signed: true, httpOnly: true, sameSite: "lax" },
  },
  claims: {
    openid: ["sub"],
    email: ["email", "email_verified"],
    profile: ["name", "given_name", "family_name", "locale"],
  },
  // Kratos's generic provider reads the id_token's claims; by default the scope's
  // claims would only be in the userinfo response.
  conformIdTokenClaims: false,
  features: { devInteractions: { enabled: false } },
  interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
  findAccount: (ctx, sub) => {
    const claims = accounts.get(sub);
    return claims && { accountId: sub, claims: () => claims };
  },
  // Consent is always granted, for every scope asked: no consent screen.
  async loadExistingGrant(ctx) {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.params.scope);
    await grant.save();
    return grant;
  },
  // Fixed lifetimes, in seconds (the defaults log a notice each time they are used).
  ttl: { AccessToken: 600, AuthorizationCode: 60, Grant: 3600, IdToken: 600, Interaction: 600, Session: 3600 },
});

function escapeHtml(value) {
  return String(value).replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char],
  );
}

function signInPage(uid, loginHint, problem) {
  const field = (name, label, type, value = "", extra = "") =>
    `<p><label for="${name}">${label}</label><br><input id="${name}" name="${name}" type="${type}" value="${escapeHtml(value)}"${extra}></p>`;
  return `<!doctype html>
<html lang="en">
<meta charset="utf-8">
<title>Local OpenID provider</title>
<h1>Local OpenID provider</h1>
<p>A test provider: no password, whoever you say you are.</p>
${problem ? `<p role="alert">${escapeHtml(problem)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}">
${field("email", "Email", "email", loginHint, ' required autocomplete="off"')}
${field("first", "First name", "text")}
${field("last", "Last name", "text")}
${field("locale", "Locale", "text", "", ' placeholder="en, de or fr"')}
<button type="submit">Continue</button>
</form>
</html>`;
}

async function readForm(req) {
  let body = "";
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 16 * 1024) throw new Error("form too large");
  }
  return new URLSearchParams(body);
}

async function interaction(req, res) {
  const details = await provider.interactionDetails(req, res);
  const html = (status, page) => res.writeHead(status, { "content-type": "text/html; charset=utf-8" }).end(page);
  if (req.method === "GET") return html(200, signInPage(details.uid, details.params.login_hint ?? ""));
  if (req.method !== "POST") return html(405, "Method not allowed");
  const form = await readForm(req);
  const account = Object.fromEntries(["email", "first", "last", "locale"].map((key) => [key, form.get(key)?.trim()]));
  if (!account.email || !/^[^@\s]+@[^@\s]+$/.test(account.email)) {
    return html(400, signInPage(details.uid, account.email ?? "", "Enter an email address."));
  }
  const accountId = rememberAccount(account);
  await provider.interactionFinished(req, res, { login: { accountId } }, { mergeWithLastSubmission: false });
}

const handleProtocol = provider.callback();
const server = createServer((req, res) => {
  if (!req.url?.startsWith("/interaction/")) return handleProtocol(req, res);
  interaction(req, res).catch((error) => {
    console.error(`interaction failed: ${error.message}`);
    if (!res.headersSent) res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end(`This sign-in cannot go on (${error.message}). Start again from the app.`);
  });
});
// Loopback only: this provider signs in anybody.
server.listen(port, "127.0.0.1", () => console.log(`Local OpenID provider ${issuer} for client ${clientId}`));
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.close(() => process.exit(0)));
