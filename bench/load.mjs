// npm run bench:load [-- --kill | --drain] [--users=50] [--no-build]
//
// Virtual users, each signing up (two steps: email, then password), verifying
// by the code Kratos mails, signing out and signing in, over HTTPS through the
// production topology (scripts/production-stack.mjs: Caddy, two app instances
// sharing Redis, Kratos on PostgreSQL), with no browser: forms are read from
// the HTML and posted as a browser without JavaScript would.
//
// Prints requests per second, p50/p95 per step, the count of 5xx, the
// server-side p95 from the instances' /metrics beside the client-side one, and
// the reconciliation: accounts created = identities in Kratos (admin API) =
// successful logins, with each identity's record in the app's database.
// --kill stops one instance (SIGKILL) once half the users have signed up and
// reports what failed and that no account was lost or half-made. --drain stops it
// the way Kubernetes does (SIGTERM: the server finishes what it has, then exits).
//
// A bench, not a test: it prints figures and fails only when it cannot run.
// It starts its own stack (ports below, STACK_DIR .stack/bench-load) and stops it.
import { execFileSync, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { Agent, request } from "node:https";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = resolve(fileURLToPath(import.meta.url), "..", "..");
const args = process.argv.slice(2);
// The signal that stops instance 2 halfway, if any.
const stopSignal = args.includes("--drain") ? "SIGTERM" : args.includes("--kill") ? "SIGKILL" : undefined;
const kill = stopSignal !== undefined;
const users = Number(args.find((arg) => arg.startsWith("--users="))?.slice(8) ?? 50);
const build = !args.includes("--no-build");
// Users arrive over this many seconds (then all 50 are at work at once): a burst of 50
// bcrypt hashes at the same instant measures the queue, not the service.
const rampSeconds = Number(args.find((arg) => arg.startsWith("--ramp="))?.slice(7) ?? 10);
// Kratos reads its environment as config: HASHERS_BCRYPT_COST overrides the production profile's 12.
const bcryptCost = args.find((arg) => arg.startsWith("--bcrypt-cost="))?.slice(14);

const ports = {
  APP_PORT: 3950,
  APP_SECOND_PORT: 3951,
  KRATOS_PUBLIC_PORT: 5350,
  KRATOS_ADMIN_PORT: 5351,
  MAIL_SMTP_PORT: 1950,
  MAIL_WEB_PORT: 1990,
  EXAMPLE_APP_PORT: 3990,
  METRICS_PORT: 9760,
  HOOKS_PORT: 3960,
  REDIS_PORT: 6660,
};
const stackDir = join(repoRoot, ".stack", "bench-load");
const dsn = "postgres://postgres@127.0.0.1:5432/kratos_bench_load?sslmode=disable";
const auth = "https://auth.example.test";
const adminUrl = `http://127.0.0.1:${ports.KRATOS_ADMIN_PORT}`;
const metricsUrls = [ports.METRICS_PORT, ports.METRICS_PORT + 1].map((port) => `http://127.0.0.1:${port}/metrics`);

// ---- the stack --------------------------------------------------------------

function startStack() {
  const child = spawn(
    process.execPath,
    [join(repoRoot, "scripts", "production-stack.mjs"), "--fresh", ...(build ? [] : ["--no-build"])],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, String(port)])),
        STACK_DIR: stackDir,
        PRODUCTION_DSN: dsn,
        // Every virtual user comes from 127.0.0.1 through the proxy: one address's budget
        // would refuse them (real users have addresses of their own). The account budgets stay.
        RATE_LIMIT_PER_CLIENT: "1000000/1m",
        ...(bcryptCost && { HASHERS_BCRYPT_COST: bcryptCost }),
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const ready = new Promise((done, fail) => {
    child.stdout.on("data", (chunk) => {
      output += chunk;
      if (output.includes("[stack] ready (production topology)")) done();
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => fail(new Error(`the stack exited (${code}):\n${output.slice(-3000)}`)));
  });
  return { child, ready, output: () => output };
}

async function stopStack(child) {
  if (child.exitCode !== null) return;
  const exited = new Promise((done) => child.once("exit", done));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((done) => setTimeout(done, 20_000))]);
}

// ---- HTTP through the proxy, with a cookie jar per user -----------------------

let agent;
const requests = []; // { step, status, ms, error }
const inFlight = new Set(); // requests sent and not yet answered, for the progress line

class Browser {
  cookies = new Map(); // name@domain -> { name, value, domain, hostOnly }

  cookieHeader(host) {
    return [...this.cookies.values()]
      .filter((c) => (c.hostOnly ? host === c.domain : host === c.domain || host.endsWith(`.${c.domain}`)))
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
  }

  store(host, setCookies) {
    for (const line of setCookies ?? []) {
      const [pair, ...attributes] = line.split(";").map((part) => part.trim());
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      const domainAttribute = attributes.find((a) => a.toLowerCase().startsWith("domain="));
      const domain = domainAttribute ? domainAttribute.slice(7).replace(/^\./, "") : host;
      const expired =
        attributes.some((a) => /^max-age=(0|-)/i.test(a)) ||
        attributes.some((a) => /^expires=/i.test(a) && Date.parse(a.slice(8)) < Date.now());
      const key = `${name}@${domain}`;
      if (expired || value === "") this.cookies.delete(key);
      else this.cookies.set(key, { name, value, domain, hostOnly: !domainAttribute });
    }
  }

  /** One request, not following redirects; recorded under `step`. */
  send(step, method, url, body) {
    const target = new URL(url, auth);
    const started = performance.now();
    const what = `${method} ${target.pathname}`;
    const flight = { step, what, started };
    inFlight.add(flight);
    return new Promise((resolve) => {
      let settled = false;
      // Every request is recorded once, however it ends: answered, broken mid-answer or never answered.
      const finish = (answer) => {
        if (settled) return;
        settled = true;
        inFlight.delete(flight);
        const ms = performance.now() - started;
        const error = answer.error && String(answer.error);
        requests.push({ step, status: answer.status, ms, at: started, what, ...(error && { error }) });
        resolve(answer);
      };
      const fail = (error) => finish({ status: 0, body: "", url: target.href, error });
      const headers = { host: target.host, accept: "text/html" };
      const cookie = this.cookieHeader(target.hostname);
      if (cookie) headers.cookie = cookie;
      if (body !== undefined) {
        headers["content-type"] = "application/x-www-form-urlencoded";
        headers["content-length"] = Buffer.byteLength(body);
        headers.origin = auth;
      }
      const req = request(
        {
          host: "127.0.0.1",
          port: 443,
          servername: target.hostname,
          path: target.pathname + target.search,
          method,
          headers,
          agent,
          timeout: 60_000,
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk) => (text += chunk));
          response.on("end", () => {
            this.store(target.hostname, response.headers["set-cookie"]);
            finish({ status: response.statusCode, location: response.headers.location, body: text, url: target.href });
          });
          response.on("error", fail);
          response.on("close", () => fail(new Error("connection closed mid-answer")));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", fail);
      if (body !== undefined) req.write(body);
      req.end();
    });
  }

  /** Sends and follows redirects (a POST's 303 becomes a GET), as a browser does. */
  async go(step, method, url, body) {
    let answer = await this.send(step, method, url, body);
    for (let hops = 0; answer.status >= 300 && answer.status < 400 && answer.location && hops < 10; hops++) {
      answer = await this.send(step, "GET", new URL(answer.location, answer.url).href);
    }
    return answer;
  }
}

const decode = (value) =>
  value
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
const attribute = (tag, name) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decode(match[1]) : undefined;
};

/** The form holding an input named `field`: its action and hidden fields. */
function formWith(html, field) {
  for (const [form] of html.matchAll(/<form\b[\s\S]*?<\/form>/g)) {
    const inputs = [...form.matchAll(/<input\b[^>]*>/g)].map(([tag]) => tag);
    if (!inputs.some((tag) => attribute(tag, "name") === field)) continue;
    const hidden = {};
    for (const tag of inputs) {
      if (attribute(tag, "type") === "hidden" && attribute(tag, "name")) {
        hidden[attribute(tag, "name")] = attribute(tag, "value") ?? "";
      }
    }
    return { action: attribute(form.match(/<form\b[^>]*>/)[0], "action"), hidden };
  }
  return undefined;
}

const hasMessage = (html, id) => html.includes(`data-testid="ui/message/${id}"`);

// ---- the mail catcher, polled once for everybody ------------------------------

const codeWaiters = new Map(); // email -> resolve
let mailPoller;
function startMailPoller() {
  const seen = new Set();
  mailPoller = setInterval(async () => {
    if (codeWaiters.size === 0) return;
    try {
      const messages = await (await fetch(`http://127.0.0.1:${ports.MAIL_WEB_PORT}/email`)).json();
      for (const message of messages) {
        if (seen.has(message.id)) continue;
        const to = message.to?.[0]?.address?.toLowerCase();
        const code = message.text?.match(/\b(\d{6})\b/)?.[1];
        if (!to || !code || !codeWaiters.has(to)) continue;
        seen.add(message.id);
        codeWaiters.get(to)(code);
        codeWaiters.delete(to);
      }
    } catch {
      // MailDev busy: next tick.
    }
  }, 500);
}
function mailedCode(email, timeoutMs = 60_000) {
  const key = email.toLowerCase();
  return new Promise((done) => {
    // The wait ends at the deadline whatever else happened to the waiter list.
    const timer = setTimeout(() => {
      if (codeWaiters.get(key) === finish) codeWaiters.delete(key);
      done(undefined);
    }, timeoutMs);
    const finish = (code) => {
      clearTimeout(timer);
      done(code);
    };
    codeWaiters.set(key, finish);
  });
}

// ---- one user -----------------------------------------------------------------

const stepTimes = { signup: [], verify: [], signout: [], signin: [] };
const failedSteps = { signup: 0, verify: 0, signout: 0, signin: 0 };
let signedUp = 0;
let finishedUsers = 0;
const userStage = []; // index -> the step a user is in, for the progress line
let onHalfway = () => {};

async function timed(step, attempt) {
  // A step that failed is tried again once from its start, as a user would.
  for (let tries = 0; tries < 2; tries++) {
    const started = performance.now();
    const ok = await attempt().catch(() => false);
    if (ok) {
      stepTimes[step].push(performance.now() - started);
      return true;
    }
    failedSteps[step] += 1;
  }
  return false;
}

/** Signs in with the password form, then asks the JSON API who is signed in (which also makes a missing app record). */
async function signIn(browser, email, password) {
  const page = await browser.go("signin", "GET", "/login");
  const form = formWith(page.body, "identifier");
  if (!form) return false;
  await browser.go(
    "signin",
    "POST",
    form.action,
    new URLSearchParams({ ...form.hidden, identifier: email, password, method: "password" }).toString(),
  );
  const whoami = await browser.send("signin", "GET", "/api/auth/whoami");
  return whoami.status === 200 && whoami.body.includes(email);
}

async function user(index, runId) {
  await new Promise((done) => setTimeout(done, (index * rampSeconds * 1000) / users));
  const email = `load-${runId}-${index}@example.test`;
  // Unrelated to the address: Kratos refuses a password too similar to the identifier.
  const password = randomUUID();
  const browser = new Browser();
  const result = { email, signedUp: false, verified: false, signedOut: false, signedIn: false, signedInInstead: false };
  // Kratos said the address has an account: a sign-up that failed for the user had gone through.
  let accountExists = false;
  let verificationPage;

  userStage[index] = "signup";
  result.signedUp = await timed("signup", async () => {
    const first = await browser.go("signup", "GET", "/registration");
    const profile = formWith(first.body, "traits.email");
    if (!profile) return false;
    const second = await browser.go(
      "signup",
      "POST",
      profile.action,
      new URLSearchParams({ ...profile.hidden, "traits.email": email, method: "profile" }).toString(),
    );
    const credentials = formWith(second.body, "password");
    if (!credentials) return false;
    const done = await browser.go(
      "signup",
      "POST",
      credentials.action,
      new URLSearchParams({ ...credentials.hidden, "traits.email": email, password, method: "password" }).toString(),
    );
    verificationPage = done;
    if (hasMessage(done.body, 4000007) || hasMessage(second.body, 4000007)) accountExists = true;
    return done.status === 200 && formWith(done.body, "code") !== undefined;
  });
  if (!result.signedUp) {
    // What the page tells this user ("an account exists already") and what a user then does: sign in.
    if (!accountExists) return result;
    userStage[index] = "signin instead of signup";
    result.signedIn = result.signedInInstead = await timed("signin", () => signIn(browser, email, password));
    return result;
  }
  signedUp += 1;
  if (signedUp === Math.ceil(users / 2)) onHalfway();

  userStage[index] = "verify";
  // Kratos mails one code per flow: a second try posts the same code again, as a user would.
  let code;
  result.verified = await timed("verify", async () => {
    if (!code) {
      userStage[index] = "verify: waiting for the mail";
      code = await mailedCode(email);
      userStage[index] = `verify: code ${code ? "received" : "not received"}`;
      if (!code) return false;
    }
    let page = verificationPage;
    let form = formWith(page.body, "code");
    if (!form) {
      page = await browser.go("verify", "GET", "/verification");
      form = formWith(page.body, "code");
      if (!form) return false;
    }
    const done = await browser.go(
      "verify",
      "POST",
      form.action,
      new URLSearchParams({ ...form.hidden, email, code, method: "code" }).toString(),
    );
    // 1080002: "You successfully verified your email address."
    return done.status === 200 && hasMessage(done.body, 1080002);
  });

  userStage[index] = "signout";
  result.signedOut = await timed("signout", async () => {
    const home = await browser.go("signout", "GET", "/");
    const href = /<a\b[^>]*data-testid="logout-link"[^>]*>/.exec(home.body)?.[0];
    const link = href && attribute(href, "href");
    if (!link) return false;
    const done = await browser.go("signout", "GET", new URL(link, auth).href);
    return done.status === 200 && ![...browser.cookies.values()].some((c) => c.name === "ory_kratos_session");
  });

  userStage[index] = "signin";
  result.signedIn = await timed("signin", () => signIn(browser, email, password));
  return result;
}

// ---- figures --------------------------------------------------------------------

/** Object.groupBy, which Node 20 lacks. */
function groupBy(list, key) {
  const groups = {};
  for (const item of list) (groups[key(item)] ??= []).push(item);
  return groups;
}

const percentile = (values, p) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/** Histogram buckets summed over all series of `name` but the health routes: le -> count. */
async function buckets(url, name) {
  const text = await (await fetch(url)).text();
  const sums = new Map();
  for (const line of text.split("\n")) {
    if (!line.startsWith(`${name}_bucket{`) || line.includes('route="/api/health')) continue;
    const le = /le="([^"]+)"/.exec(line)[1];
    sums.set(le, (sums.get(le) ?? 0) + Number(line.slice(line.lastIndexOf(" ") + 1)));
  }
  return sums;
}

async function snapshot(name) {
  const all = [];
  for (const url of metricsUrls) all.push(await buckets(url, name).catch(() => undefined));
  return all;
}

/** The p-th percentile from cumulative buckets (upper bound of the bucket it falls in, as Prometheus's histogram_quantile interpolates). */
function bucketPercentile(before, after, p) {
  const les = [...after.keys()].sort((a, b) => (a === "+Inf" ? 1 : b === "+Inf" ? -1 : Number(a) - Number(b)));
  const counts = les.map((le) => (after.get(le) ?? 0) - (before?.get(le) ?? 0));
  const total = counts.at(-1);
  if (!total) return NaN;
  const rank = (p / 100) * total;
  let lower = 0;
  let previous = 0;
  for (let i = 0; i < les.length; i++) {
    if (counts[i] >= rank) {
      if (les[i] === "+Inf") return lower * 1000;
      const upper = Number(les[i]);
      return (lower + ((upper - lower) * (rank - previous)) / Math.max(counts[i] - previous, 1)) * 1000;
    }
    lower = les[i] === "+Inf" ? lower : Number(les[i]);
    previous = counts[i];
  }
  return NaN;
}

function mergeBuckets(list) {
  const merged = new Map();
  for (const map of list) for (const [le, count] of map ?? []) merged.set(le, (merged.get(le) ?? 0) + count);
  return merged;
}

async function adminIdentity(email) {
  const response = await fetch(`${adminUrl}/admin/identities?credentials_identifier=${encodeURIComponent(email)}`);
  const list = await response.json();
  return list[0];
}

function appRecords(emails) {
  const url = new URL(dsn);
  const list = emails.map((email) => `'${email.replace(/'/g, "''")}'`).join(",");
  const out = execFileSync(
    "psql",
    [
      "-h",
      url.hostname,
      "-p",
      url.port || "5432",
      "-U",
      url.username || "postgres",
      "-d",
      `${url.pathname.slice(1)}_app`,
      "-tAF",
      "\t",
      "-c",
      `SELECT identity_id, email, verified_at IS NOT NULL FROM app_users WHERE email IN (${list})`,
    ],
    { encoding: "utf8" },
  );
  const records = new Map();
  for (const line of out.trim().split("\n").filter(Boolean)) {
    const [id, email, verified] = line.split("\t");
    records.set(email, { id, verified: verified === "t" });
  }
  return records;
}

// ---- main ---------------------------------------------------------------------

async function main() {
  if (execFileSync("ss", ["-ltn"], { encoding: "utf8" }).match(/:(443|80)\s/)) {
    throw new Error("ports 443/80 are taken: another production stack runs; stop it first");
  }
  console.log(`[bench] starting the production stack (${build ? "with" : "without"} a build)...`);
  const stack = startStack();
  // Interrupted: stop the stack too (a terminal's Ctrl+C reaches it anyway; a kill of this process alone would not).
  for (const signal of ["SIGINT", "SIGTERM"]) {
    process.once(signal, () => void stopStack(stack.child).finally(() => process.exit(130)));
  }
  try {
    await stack.ready;
    const ca = readFileSync(join(stackDir, "caddy", "pki", "authorities", "local", "root.crt"));
    agent = new Agent({ ca, keepAlive: true, maxSockets: 1000 });
    const instances = JSON.parse(readFileSync(join(stackDir, "instances.json"), "utf8")).instances;
    startMailPoller();

    const beforeHttp = await snapshot("http_request_duration_seconds");
    const beforeKratos = await snapshot("kratos_request_duration_seconds");
    let killedAt;
    if (kill) {
      onHalfway = () => {
        const victim = instances[1];
        killedAt = performance.now();
        console.log(`[bench] halfway: ${stopSignal} to ${victim.name} (pid ${victim.pid}, port ${victim.port})`);
        process.kill(victim.pid, stopSignal);
      };
    }

    const runId = Date.now().toString(36);
    console.log(
      `[bench] ${users} virtual users arriving over ${rampSeconds} s (run ${runId}, bcrypt cost ${bcryptCost ?? "12, the production profile's"})${kill ? `, stopping one instance halfway (${stopSignal})` : ""}...`,
    );
    const started = performance.now();
    // Where everybody is, every 15 s: a stalled run shows which step holds it.
    const progress = setInterval(() => {
      const counts = Object.fromEntries(Object.entries(stepTimes).map(([step, times]) => [step, times.length]));
      console.error(
        `[bench] ${((performance.now() - started) / 1000).toFixed(0)} s: ${requests.length} requests, done per step ${JSON.stringify(counts)}, finished users ${finishedUsers}/${users}, waiting for a code ${codeWaiters.size}, in flight ${inFlight.size}`,
      );
      const now = performance.now();
      for (const flight of [...inFlight].filter((f) => now - f.started > 10_000).slice(0, 3)) {
        console.error(`  in flight for ${((now - flight.started) / 1000).toFixed(0)} s: ${flight.step} ${flight.what}`);
      }
      if (users - finishedUsers <= 10) {
        const waiting = userStage.flatMap((stage, i) => (stage === "done" ? [] : [`user ${i}: ${stage}`]));
        if (waiting.length) console.error(`  unfinished: ${waiting.join("; ")}`);
      }
    }, 15_000);
    const results = await Promise.all(
      Array.from({ length: users }, (_, i) =>
        user(i, runId).finally(() => {
          finishedUsers += 1;
          userStage[i] = "done";
        }),
      ),
    );
    clearInterval(progress);
    const seconds = (performance.now() - started) / 1000;
    clearInterval(mailPoller);

    // Server side: what the instances still alive measured (a killed one's counts die with it).
    const afterHttp = await snapshot("http_request_duration_seconds");
    const afterKratos = await snapshot("kratos_request_duration_seconds");
    const alive = afterHttp.map((after, i) => (after ? i : -1)).filter((i) => i >= 0);
    const serverHttp = bucketPercentile(
      mergeBuckets(alive.map((i) => beforeHttp[i])),
      mergeBuckets(alive.map((i) => afterHttp[i])),
      95,
    );
    const serverKratos = bucketPercentile(
      mergeBuckets(alive.map((i) => beforeKratos[i])),
      mergeBuckets(alive.map((i) => afterKratos[i])),
      95,
    );

    // Reconciliation against Kratos's admin API and the app's own database.
    const identities = await Promise.all(results.map((r) => adminIdentity(r.email)));
    const records = appRecords(results.map((r) => r.email));
    const created = results.filter((r) => r.signedUp).length;
    const inKratos = identities.filter(Boolean).length;
    const verifiedInKratos = identities.filter((i) => i?.verifiable_addresses?.[0]?.verified).length;
    const logins = results.filter((r) => r.signedIn).length;
    const lost = results.filter((r, i) => (r.signedUp || r.signedInInstead) && !identities[i]).length;
    const failedSignUpsThatWentThrough = results.filter((r, i) => !r.signedUp && identities[i]).length;
    const signedInInstead = results.filter((r) => r.signedInInstead).length;
    // An identity its user could not use, in the end: what "lost" means to a user.
    const unusable = results.filter((r, i) => identities[i] && !r.signedIn).length;
    const halfMade = results.filter((r, i) => {
      const identity = identities[i];
      const record = records.get(r.email);
      if (!identity) return record !== undefined;
      if (!record || record.id !== identity.id) return true;
      return record.verified !== Boolean(identity.verifiable_addresses?.[0]?.verified);
    }).length;

    const fivexx = requests.filter((r) => r.status >= 500).length;
    const failedRequests = requests.filter((r) => r.status === 0 || r.status >= 500);
    const ms = (value) => (Number.isNaN(value) ? "n/a" : `${Math.round(value)} ms`);
    console.log(`
[bench] ${users} users in ${seconds.toFixed(1)} s: ${requests.length} requests, ${(requests.length / seconds).toFixed(1)} requests/s
  step      users ok   p50        p95        retried
${Object.keys(stepTimes)
  .map(
    (step) =>
      `  ${step.padEnd(9)} ${String(stepTimes[step].length).padEnd(10)} ${ms(percentile(stepTimes[step], 50)).padEnd(10)} ${ms(percentile(stepTimes[step], 95)).padEnd(10)} ${failedSteps[step]}`,
  )
  .join("\n")}
  per request (client, through the proxy): p50 ${ms(
    percentile(
      requests.map((r) => r.ms),
      50,
    ),
  )}, p95 ${ms(
    percentile(
      requests.map((r) => r.ms),
      95,
    ),
  )}
  per request (server, /metrics of ${alive.length} instance(s), health routes excluded): p95 ${ms(serverHttp)}
  calls to Kratos (server, /metrics): p95 ${ms(serverKratos)}
  5xx: ${fivexx}; failed requests (5xx or no answer): ${failedRequests.length}${
    failedRequests.length
      ? ` (${[...new Set(failedRequests.map((r) => r.error ?? r.status))].slice(0, 4).join("; ")})`
      : ""
  }${
    failedRequests.length
      ? `\n  failed by request: ${Object.entries(groupBy(failedRequests, (r) => `${r.status} ${r.what}`))
          .map(
            ([what, list]) =>
              `${what} ×${list.length} (sent ${((Math.min(...list.map((r) => r.at)) - started) / 1000).toFixed(1)}–${((Math.max(...list.map((r) => r.at)) - started) / 1000).toFixed(1)} s)`,
          )
          .join("; ")}`
      : ""
  }${kill && killedAt ? `\n  stopped instance 2 (${stopSignal}) at ${((killedAt - started) / 1000).toFixed(1)} s` : ""}
[bench] reconciliation
  accounts created (sign-up reached the code form): ${created}
  identities in Kratos (admin API):                 ${inKratos} (${verifiedInKratos} verified)
  successful logins (whoami answers the email):     ${logins}
  app records (app_users):                          ${records.size}
  lost (created, not in Kratos):                    ${lost}
  in Kratos though the sign-up failed for the user: ${failedSignUpsThatWentThrough} (told the account exists, ${signedInInstead} signed in instead)
  in Kratos, but its user could not sign in:        ${unusable}
  half-made (no app record, or verified only on one side): ${halfMade}
  ${created + signedInInstead === inKratos && inKratos === logins && lost === 0 && unusable === 0 && halfMade === 0 ? "OK: accounts = identities = logins, nothing lost or half-made" : "MISMATCH: see above"}`);
  } finally {
    clearInterval(mailPoller);
    agent?.destroy();
    await stopStack(stack.child);
  }
}

main().catch((error) => {
  console.error(`[bench] ${error.stack ?? error}`);
  process.exit(1);
});
