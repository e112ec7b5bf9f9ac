import { createIdentity } from "../../fixtures/kratos-admin";
import { pauseKratos, resumeKratos, startKratos, stopKratos } from "../../fixtures/stack-control";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { submitAndCatchAnswer } from "../../steps/hardening-steps";
import { logInIdentifierFirst, submitPassword } from "../../steps/identifier-first-steps";

// These tests stop and freeze the alternative stack's Kratos, so they run one
// at a time after that stack's other tests (playwright.config.ts, "faults").
// Waiting out Kratos's timeouts takes longer than a normal test.
test.describe.configure({ mode: "serial", timeout: 180_000 });

const notAnswering = "The sign-in service is not answering";

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test.afterEach(async ({ stack }) => {
      // Whatever a test left behind, the next one starts with Kratos answering.
      resumeKratos(stack);
      await startKratos(stack);
    });

    test("Kratos stopped: every page says try again with a 503, and the same flow goes on once it is back", async ({
      page,
      context,
      stack,
      email,
      password,
    }) => {
      await createIdentity(email, password, { verified: true });
      const screen = new FlowScreen(page);
      await page.goto("/login");
      await screen.input("identifier").fill(email);

      const script = await page.request.get("/kratos/webauthn.js");
      expect(script.status()).toBe(200);

      await stopKratos(stack);
      // Kratos's WebAuthn script is served from the copy fetched before.
      const cachedScript = await page.request.get("/kratos/webauthn.js");
      expect(cachedScript.status()).toBe(200);
      expect(await cachedScript.body()).toEqual(await script.body());

      const answer = await submitAndCatchAnswer(page, () => screen.button("method", "identifier_first").click());
      expect(answer.status()).toBe(503);
      expect(answer.headers()["retry-after"]).toBe("10");
      await expect(screen.heading()).toHaveText(notAnswering);
      await expect(page.getByTestId("retry-link")).toHaveAttribute("href", /^\/login\?flow=[0-9a-f-]{36}$/);

      const other = await context.newPage();
      for (const path of ["/login", "/registration", "/recovery", "/", "/settings", "/sessions"]) {
        const response = await other.goto(path);
        expect(response?.status(), path).toBe(503);
        await expect(other.getByRole("heading", { level: 1 }), path).toHaveText(notAnswering);
        expect(await other.content(), path).not.toMatch(/\bat \S+ \(|Error:|ECONNREFUSED|fetch failed/);
      }
      const errorPage = await other.goto("/error?id=8b6f2d3e-2a9c-4b7e-9f45-0c1d2e3f4a5b");
      expect(errorPage?.status()).toBe(200);
      await expect(other.getByTestId("ui/error/message")).toHaveText("Please try again in a moment.");
      await other.close();

      await startKratos(stack);
      await page.getByTestId("retry-link").click();
      await screen.input("identifier").fill(email);
      await screen.button("method", "identifier_first").click();
      await submitPassword(page, password);
      await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);
    });

    test("Kratos frozen: the guard and the pages give up after their timeouts, and recover when it answers", async ({
      page,
      stack,
      email,
      password,
    }) => {
      await createIdentity(email, password, { verified: true });
      await logInIdentifierFirst(page, email, password);
      await expect(new HomeScreen(page).sessionEmail()).toHaveText(email);

      pauseKratos(stack);
      const guarded = await page.goto("/settings");
      expect(guarded?.status()).toBe(503);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(notAnswering);
      const flowPage = await page.goto("/registration");
      expect(flowPage?.status()).toBe(503);

      resumeKratos(stack);
      await page.getByTestId("retry-link").click();
      // Signed in: the registration page sends the browser home instead.
      await expect(page).toHaveURL(/\/$/);
      await page.goto("/settings");
      await expect(page).toHaveURL(/\/settings\?flow=/);
      await expect(new FlowScreen(page).input("traits.email")).toHaveValue(email);
    });
  });
}
