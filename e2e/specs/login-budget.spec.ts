import { join } from "node:path";
import { expect, test } from "../fixtures/test";

// The login page's JavaScript budget, measured as bench/auth-pages.mjs does (the
// same code): every script the page's HTML loads, gzipped per file, split into
// Next/React and ours by the production build's manifests. The main stack
// serves the build it made into .next, so the figures are the ones users get.
test("the login page stays within its JavaScript budget", async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== "js", "one measurement is enough; it does not depend on the browser");
  // Loaded at run time: the bench's modules are ES modules, which the spec's CommonJS transform cannot require.
  const { BROWSER_HEADERS, repoRoot } = await import("../../bench/lib/common.mjs");
  const { LOGIN_BUDGET, loadBuildInfo, measureJavaScript } = await import("../../bench/lib/page-javascript.mjs");
  const build = loadBuildInfo(join(repoRoot, process.env.NEXT_DIST_DIR || ".next"));
  expect(build, "the main stack's production build (next build) is in .next").not.toBeNull();

  // Follows the redirects to Kratos and back, as a browser would, to the page with its flow.
  const response = await request.get("/login", { headers: BROWSER_HEADERS });
  expect(response.status()).toBe(200);
  expect(new URL(response.url()).searchParams.get("flow")).toBeTruthy();
  const js = await measureJavaScript(await response.text(), response.url(), build, new Map());

  const kB = (bytes: number | null) => `${((bytes ?? 0) / 1000).toFixed(1)} kB`;
  await testInfo.attach("login-javascript.json", {
    body: JSON.stringify(js, null, 2),
    contentType: "application/json",
  });
  console.log(
    `login page JS (gzip): total ${js.totalGzipBytes} B of ${LOGIN_BUDGET.totalBytes}, ours ${js.oursGzipBytes} B of ${LOGIN_BUDGET.oursBytes}`,
  );
  expect(js.files.length, "the page loads Next's scripts").toBeGreaterThan(0);
  expect(js.totalGzipBytes, `total ${kB(js.totalGzipBytes)}`).toBeLessThanOrEqual(LOGIN_BUDGET.totalBytes);
  expect(js.oursGzipBytes, `ours ${kB(js.oursGzipBytes)}`).toBeLessThanOrEqual(LOGIN_BUDGET.oursBytes);
});
