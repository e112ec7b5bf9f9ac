// Load for a profile: GET /<page>?flow=<fresh flow> on one app only, at a few
// concurrent clients, so that a `node --cpu-prof` server (bench/README.md,
// "Profiling a page") records nothing but that page. Flows are made in batches
// before each burst, outside the load, as in bench/server.mjs.
//
//   BENCH_URL=http://localhost:7202 BENCH_KRATOS_URL=http://localhost:7233 node bench/profile-load.mjs
import { performance } from "node:perf_hooks";
import { BROWSER_HEADERS, countFromEnv, log, trimSlash } from "./lib/common.mjs";
import { CookieJar, kratosJson } from "./lib/kratos-browser.mjs";

const app = trimSlash(process.env.BENCH_URL ?? "");
const kratos = trimSlash(process.env.BENCH_KRATOS_URL ?? "");
if (!app || !kratos) throw new Error("set BENCH_URL (the app) and BENCH_KRATOS_URL (Kratos as browsers see it)");
// BENCH_PAGE=bench-floor loads Next's empty floor page instead (the server needs BENCH_FLOOR=1), for a profile to compare with.
const page = process.env.BENCH_PAGE || "login";
const floor = page === "bench-floor";
const total = countFromEnv("BENCH_REQUESTS", 400);
const concurrency = countFromEnv("BENCH_CONCURRENCY", 8);

const jar = new CookieJar();
let done = 0;
let failed = 0;
let busyMs = 0;
while (done < total) {
  const burst = Math.min(total - done, concurrency * 8);
  const ids = [];
  for (let index = 0; index < burst && !floor; index++) {
    const flow = await kratosJson(jar, `${kratos}/self-service/${page}/browser`);
    if (flow.status !== 200) throw new Error(`${page} flow: HTTP ${flow.status}`);
    ids.push(flow.body.id);
  }
  const started = performance.now();
  let next = 0;
  const urls = floor
    ? new Array(burst).fill(`${app}/bench-floor`)
    : ids.map((id) => `${app}/${page}?flow=${encodeURIComponent(id)}`);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < urls.length) {
        const url = urls[next++];
        const cookie = jar.headerFor(url);
        const response = await fetch(url, {
          headers: { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) },
          redirect: "manual",
        });
        await response.arrayBuffer();
        if (response.status !== 200) failed++;
      }
    }),
  );
  busyMs += performance.now() - started;
  done += burst;
}
log(`${done} requests to /${page} (${failed} not 200), ${((1000 * done) / busyMs).toFixed(1)} rps under load`);
