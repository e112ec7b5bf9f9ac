// The least any self-service UI must do for /login, /registration and
// /settings, as a plain Node `http` server with no dependencies. It is the
// yardstick for `npm run bench:server` (bench/server.mjs), never a UI to ship:
//
//   - without ?flow=, start a browser flow at Kratos and relay its cookies;
//   - with ?flow=, fetch the flow with the browser's cookies;
//   - render its form fields with a template string;
//   - send the same security headers as proxy.ts (a fresh CSP nonce per page).
//
// What it leaves out, because a minimal UI can: a session check before
// /settings (Kratos refuses the flow without a session anyway), a form relay
// (the form posts straight to Kratos), message catalogues, the WebAuthn script,
// response compression and error pages beyond "start again".
//
//   BASELINE_PORT=7201 KRATOS_PUBLIC_URL=http://127.0.0.1:4433 \
//   KRATOS_BROWSER_URL=http://localhost:4433 node bench/baseline-server.mjs
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";

const port = Number(process.env.BASELINE_PORT ?? 7201);
// Where this server reaches Kratos, and where browsers do (the form's action and the CSP's form-action).
const kratosPublicUrl = (process.env.KRATOS_PUBLIC_URL ?? "http://127.0.0.1:4433").replace(/\/+$/, "");
const kratosBrowserOrigin = new URL(process.env.KRATOS_BROWSER_URL ?? "http://localhost:4433").origin;

const flowNames = new Set(["login", "registration", "settings"]);

const escapeHtml = (value) =>
  String(value ?? "").replace(
    /[&<>"']/g,
    (char) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[char],
  );

// The same directives as lib/http/security-headers.ts builds in production over http.
function securityHeaders(nonce) {
  const csp = [
    "default-src 'self'",
    `script-src 'nonce-${nonce}' 'strict-dynamic' 'self'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    `form-action 'self' ${kratosBrowserOrigin}`,
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
  };
}

const messages = (list = []) =>
  list.map((message) => `<p class="msg ${escapeHtml(message.type)}">${escapeHtml(message.text)}</p>`).join("");

// One Kratos UI node as HTML: inputs (buttons for submits), images (the TOTP QR code), text and links.
function renderNode(node) {
  const a = node.attributes;
  const label = node.meta?.label?.text;
  switch (node.type) {
    case "input":
      if (a.type === "submit" || a.type === "button") {
        return `<button type="submit" name="${escapeHtml(a.name)}" value="${escapeHtml(a.value)}"${a.disabled ? " disabled" : ""}>${escapeHtml(label ?? a.name)}</button>${messages(node.messages)}`;
      }
      if (a.type === "hidden")
        return `<input type="hidden" name="${escapeHtml(a.name)}" value="${escapeHtml(a.value)}">`;
      return (
        `<label>${escapeHtml(label ?? a.name)}<input name="${escapeHtml(a.name)}" type="${escapeHtml(a.type)}"` +
        `${a.value !== undefined && a.type !== "password" ? ` value="${escapeHtml(a.value)}"` : ""}` +
        `${a.required ? " required" : ""}${a.autocomplete ? ` autocomplete="${escapeHtml(a.autocomplete)}"` : ""}` +
        `${a.disabled ? " disabled" : ""}></label>${messages(node.messages)}`
      );
    case "img":
      return `<img src="${escapeHtml(a.src)}" width="${Number(a.width) || 0}" height="${Number(a.height) || 0}" alt="${escapeHtml(label)}">`;
    case "text":
      return `<p>${escapeHtml(label)} <code>${escapeHtml(a.text?.text)}</code></p>`;
    case "a":
      return `<a href="${escapeHtml(a.href)}">${escapeHtml(a.title?.text)}</a>`;
    default:
      // "script" nodes (WebAuthn) need Kratos's script and JavaScript; a minimal page leaves them out.
      return "";
  }
}

function renderPage(flowName, flow, nonce) {
  const ui = flow.ui;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Account</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<style nonce="${nonce}">body{font-family:sans-serif;max-width:28rem;margin:3rem auto}label,button{display:block;margin:.5rem 0}</style>
</head><body><main><h1>${escapeHtml(flowName)}</h1>${messages(ui.messages)}
<form action="${escapeHtml(ui.action)}" method="${escapeHtml(ui.method)}">${ui.nodes.map(renderNode).join("")}</form>
</main></body></html>`;
}

function redirect(response, location, extraHeaders = {}) {
  response.writeHead(303, { Location: location, "Cache-Control": "no-store", ...extraHeaders });
  response.end();
}

async function handle(request, response) {
  const url = new URL(request.url, "http://baseline.invalid");
  const flowName = url.pathname.slice(1);
  if (request.method !== "GET" || !flowNames.has(flowName)) {
    response.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    return;
  }
  const cookie = request.headers.cookie;
  const flowId = url.searchParams.get("flow");

  if (!flowId) {
    // Start a flow as the browser; Kratos answers 303 to its configured UI with ?flow=,
    // which names the other UI, so only the flow id is taken from it.
    const started = await fetch(`${kratosPublicUrl}/self-service/${flowName}/browser`, {
      headers: { Accept: "text/html", ...(cookie ? { Cookie: cookie } : {}) },
      redirect: "manual",
    });
    await started.arrayBuffer();
    const location = new URL(started.headers.get("location") ?? "/", kratosBrowserOrigin);
    const newId = location.searchParams.get("flow");
    const setCookie = started.headers.getSetCookie();
    // No flow id: Kratos sends the browser elsewhere (signed in already, or /settings without a session).
    const target = newId
      ? `/${flowName}?flow=${encodeURIComponent(newId)}`
      : location.pathname.startsWith("/login")
        ? "/login"
        : "/";
    redirect(response, target, setCookie.length ? { "Set-Cookie": setCookie } : {});
    return;
  }

  const answer = await fetch(`${kratosPublicUrl}/self-service/${flowName}/flows?id=${encodeURIComponent(flowId)}`, {
    headers: { Accept: "application/json", ...(cookie ? { Cookie: cookie } : {}) },
  });
  if (answer.status !== 200) {
    // Expired, unknown, another browser's or (settings) no session: start again.
    await answer.arrayBuffer();
    redirect(response, `/${flowName}`);
    return;
  }
  const flow = await answer.json();
  const nonce = randomBytes(16).toString("base64");
  response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", ...securityHeaders(nonce) });
  response.end(renderPage(flowName, flow, nonce));
}

createServer((request, response) => {
  handle(request, response).catch((error) => {
    process.stderr.write(`[baseline] ${error.stack ?? error}\n`);
    if (!response.headersSent) response.writeHead(502, { "Content-Type": "text/plain" });
    response.end("Kratos did not answer");
  });
}).listen(port, () => process.stdout.write(`[baseline] listening on http://localhost:${port}\n`));
