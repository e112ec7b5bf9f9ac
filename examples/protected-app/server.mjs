// An example of an app protected by this UI: another subdomain of the cookie
// domain (app.example.test beside auth.example.test), no code shared with the
// UI. It shows the signed-in user, sends anonymous visitors to the UI's login
// with return_to, and offers sign-out. Plain Node, no dependencies: an
// example, not part of the product.
//
// It asks Kratos's whoami from its server, by Kratos's internal address, with
// the browser's cookie: the session cookie Kratos set for the parent domain
// reaches this host too.
//
//   EXAMPLE_APP_PORT=3080 EXAMPLE_APP_URL=https://app.example.test \
//   AUTH_URL=https://auth.example.test KRATOS_PUBLIC_URL=http://127.0.0.1:4433 \
//   node examples/protected-app/server.mjs
import { createServer } from "node:http";

const port = Number(process.env.EXAMPLE_APP_PORT ?? 3080);
const appUrl = new URL(process.env.EXAMPLE_APP_URL ?? "https://app.example.test");
const authUrl = new URL(process.env.AUTH_URL ?? "https://auth.example.test");
const kratosUrl = new URL(process.env.KRATOS_PUBLIC_URL ?? "http://127.0.0.1:4433");

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

async function kratos(path, cookie) {
  const response = await fetch(new URL(path, kratosUrl), {
    headers: { Accept: "application/json", ...(cookie && { Cookie: cookie }) },
    redirect: "manual",
    signal: AbortSignal.timeout(5000),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

function loginUrl(aal) {
  const url = new URL("/login", authUrl);
  if (aal) url.searchParams.set("aal", aal);
  url.searchParams.set("return_to", appUrl.href);
  return url.href;
}

function send(response, status, html, headers = {}) {
  response.writeHead(status, {
    "Content-Type": "text/html; charset=utf-8",
    "Cache-Control": "no-store",
    "Content-Security-Policy":
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    ...headers,
  });
  response.end(html);
}

function page(title, body) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 3rem auto">${body}</body></html>`;
}

async function home(request, response) {
  const cookie = request.headers.cookie;
  const whoami = await kratos("/sessions/whoami", cookie);
  if (whoami.status === 401) return send(response, 303, "", { Location: loginUrl() });
  // A first-factor session where a second factor is set up: finish it on the UI.
  if (whoami.status === 403) return send(response, 303, "", { Location: loginUrl("aal2") });
  if (whoami.status !== 200)
    return send(response, 503, page("Try again", "<p>The sign-in service is not answering.</p>"));
  const session = whoami.body;
  const email = session.identity?.traits?.email ?? session.identity?.id;
  // Kratos's logout URL for this session (its token only works for this browser's session).
  const logout = await kratos(`/self-service/logout/browser?return_to=${encodeURIComponent(appUrl.href)}`, cookie);
  const signOut =
    logout.status === 200 ? `<a href="${escapeHtml(logout.body.logout_url)}" data-testid="sign-out">Sign out</a>` : "";
  return send(
    response,
    200,
    page(
      "Example app",
      `<h1>Example app</h1>
<p>Signed in as <strong data-testid="signed-in-as">${escapeHtml(email)}</strong>
(assurance <span data-testid="aal">${escapeHtml(session.authenticator_assurance_level)}</span>).</p>
<p><a href="${escapeHtml(new URL("/settings", authUrl).href)}">Account settings</a> · ${signOut}</p>`,
    ),
  );
}

createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://x").pathname;
  if (request.method !== "GET" && request.method !== "HEAD") return send(response, 405, "", { Allow: "GET, HEAD" });
  if (path === "/healthz") {
    response.writeHead(200, { "Content-Type": "application/json" });
    return response.end(JSON.stringify({ status: "ok", service: "example-protected-app" }));
  }
  if (path !== "/") return send(response, 404, page("Not found", "<p>Not found.</p>"));
  home(request, response).catch((error) => {
    console.error(`whoami failed: ${error.cause?.code ?? error.message}`);
    send(response, 503, page("Try again", "<p>The sign-in service is not answering.</p>"));
  });
}).listen(port, "127.0.0.1", () => console.log(`example app on 127.0.0.1:${port} as ${appUrl.origin}`));
