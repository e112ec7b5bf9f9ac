import { randomUUID } from "node:crypto";
import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";

// Requests no form of ours sends: each gets a clear 4xx or a fresh flow, never
// a 500 and never internals. They are plain HTTP, so they run once (js project).
test.beforeEach(({}, testInfo) => {
  test.skip(testInfo.project.name !== "js", "HTTP-level: the same with and without JavaScript");
});

const internals = /\bat \S+ \(|Error:|ECONNREFUSED|node_modules|\.ts:\d+/;

async function expectNoInternals(response: APIResponse): Promise<void> {
  expect(response.status()).toBeLessThan(500);
  expect(await response.text()).not.toMatch(internals);
}

/** A login flow this browser holds the CSRF cookie for: its id and token. */
async function openLoginFlow(page: Page): Promise<{ flowId: string; csrfToken: string }> {
  await page.goto("/login");
  const flowId = new URL(page.url()).searchParams.get("flow")!;
  const csrfToken = (await new FlowScreen(page).csrfToken().getAttribute("value"))!;
  return { flowId, csrfToken };
}

test("a form body over 64 kB is refused with 413 before it reaches Kratos", async ({ page, stack }) => {
  const { flowId, csrfToken } = await openLoginFlow(page);
  const response = await page.request.post(`/self-service/login?flow=${flowId}`, {
    headers: { Origin: stack.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    data: `csrf_token=${encodeURIComponent(csrfToken)}&method=password&identifier=${"a".repeat(70_000)}`,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(413);
  await expectNoInternals(response);
});

test("a body that is not a form is refused with 415", async ({ page, stack }) => {
  const { flowId } = await openLoginFlow(page);
  // application/json is Kratos's JSON clients' and answered as Kratos would (e2e/specs/api/kratos-json-relay.spec.ts).
  for (const contentType of ["multipart/form-data; boundary=x", "text/plain", "application/jsonp"]) {
    const response = await page.request.post(`/self-service/login?flow=${flowId}`, {
      headers: { Origin: stack.appUrl, "Content-Type": contentType },
      data: '{"method":"password"}',
      maxRedirects: 0,
    });
    expect(response.status(), contentType).toBe(415);
    await expectNoInternals(response);
  }
});

test("malformed form encoding gets Kratos's answer on the same flow, not a failure", async ({ page, stack }) => {
  const { flowId, csrfToken } = await openLoginFlow(page);
  const response = await page.request.post(`/self-service/login?flow=${flowId}`, {
    headers: { Origin: stack.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    data: `csrf_token=${encodeURIComponent(csrfToken)}&method=password&identifier=%zz%E0%A4&password=%&&==`,
    maxRedirects: 0,
  });
  expect(response.status()).toBe(303);
  expect(response.headers().location).toBe(`/login?flow=${flowId}`);
  await page.goto(response.headers().location!);
  await expect(page.getByTestId(/^ui\/message\/4/).first()).toBeVisible();
});

test("unknown, malformed and missing flow ids start a fresh flow", async ({ page, stack }) => {
  await openLoginFlow(page);
  for (const query of [`?flow=${randomUUID()}`, "?flow=../../admin", "?flow=", ""]) {
    const response = await page.request.post(`/self-service/login${query}`, {
      headers: { Origin: stack.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
      data: "method=password&identifier=a&password=b",
      maxRedirects: 0,
    });
    expect(response.status(), query).toBe(303);
    expect(response.headers().location, query).toMatch(/^\/login(\?|$)/);
  }
  const unknownKind = await page.request.post("/self-service/admin?flow=" + randomUUID(), {
    headers: { Origin: stack.appUrl, "Content-Type": "application/x-www-form-urlencoded" },
    data: "a=b",
    maxRedirects: 0,
  });
  expect(unknownKind.status()).toBe(404);
  await expectNoInternals(unknownKind);
  await page.goto(`/login?flow=${randomUUID()}`);
  await expect(page).toHaveURL(/\/login\?flow=[0-9a-f-]{36}/);
  await expect(new FlowScreen(page).input("identifier")).toBeVisible();
});

test("garbage cookies are treated as no session and no CSRF cookie", async ({ browser, stack }) => {
  const context = await browser.newContext({ baseURL: stack.appUrl });
  const host = new URL(stack.appUrl).hostname;
  await context.addCookies(
    ["ory_kratos_session", `csrf_token_${randomUUID().slice(0, 8)}`, "ory_kratos_continuity"].map((name) => ({
      name,
      value: "%%garbage==@@not~base64%ZZ",
      domain: host,
      path: "/",
    })),
  );
  const page = await context.newPage();
  const screen = new FlowScreen(page);

  await page.goto("/settings");
  await expect(page).toHaveURL(/\/login\?/);
  await expect(screen.input("identifier")).toBeVisible();
  const home = await page.goto("/");
  expect(home?.status()).toBe(200);
  await expect(page.getByTestId("login-link")).toBeVisible();

  // A submission carrying them is refused by Kratos's CSRF check and restarts, with a notice.
  await page.goto("/login");
  await screen.input("identifier").fill("someone@example.com");
  await screen.input("password").fill("whatever-it-is");
  await screen.button("method", "password").click();
  await expect(page).toHaveURL(/\/login\?flow=/);
  await expect(screen.input("identifier")).toBeVisible();
  await context.close();
});
