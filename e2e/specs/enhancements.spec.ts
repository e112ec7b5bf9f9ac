import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";

test("a form posts once however often it is submitted, and shows it is pending", async ({
  page,
  email,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "the pending state is an enhancement: without JavaScript the browser posts each click");
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await expect(page.locator('script[src="/enhance.js"]')).toHaveCount(1);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill("not-the-password");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/self-service/login")
      posts.push(request.url());
  });
  // Two submissions in the same task: a double click, Enter and a click, a script and a click.
  await page.evaluate(() => {
    const button = document.querySelector<HTMLButtonElement>('button[name="method"][value="password"]')!;
    button.form!.requestSubmit(button);
    button.form!.requestSubmit(button);
  });
  await expect(screen.message(4000006)).toBeVisible();
  expect(posts).toHaveLength(1);
});

test("a script's form.submit() twice, 60 ms apart, posts once (as Kratos's passkey script can)", async ({
  page,
  email,
  javaScriptEnabled,
}) => {
  test.skip(!javaScriptEnabled, "only scripts call form.submit()");
  const screen = new FlowScreen(page);
  await page.goto("/login");
  await screen.input("identifier").fill(email);
  await screen.input("password").fill("not-the-password");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname === "/self-service/login")
      posts.push(request.url());
  });
  // Kratos's webauthn.js resolves autofill and the button each with form.submit(), which fires no submit event.
  await page
    .evaluate(async () => {
      const form = document.querySelector<HTMLFormElement>('form[action^="/self-service/login"]')!;
      const method = Object.assign(document.createElement("input"), {
        type: "hidden",
        name: "method",
        value: "password",
      });
      form.append(method);
      form.submit();
      await new Promise((resolve) => setTimeout(resolve, 60));
      form.submit();
    })
    .catch(() => undefined); // the page may be leaving already
  await expect(screen.message(4000006)).toBeVisible();
  await page.waitForTimeout(500);
  expect(posts).toHaveLength(1);
});

test("'Show password' reveals the field with JavaScript and is not offered without", async ({
  page,
  javaScriptEnabled,
}) => {
  const screen = new FlowScreen(page);
  await page.goto("/login");
  const toggle = page.getByTestId("show-password");
  if (!javaScriptEnabled) {
    await expect(toggle).toBeHidden();
    return;
  }
  await screen.input("password").fill("secret-typed");
  await toggle.check();
  await expect(screen.input("password")).toHaveAttribute("type", "text");
  await toggle.uncheck();
  await expect(screen.input("password")).toHaveAttribute("type", "password");
});
