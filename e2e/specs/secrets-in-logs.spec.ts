import { readFileSync } from "node:fs";
import { join } from "node:path";
import { waitForCode } from "../fixtures/mail";
import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, signUpWithPassword, verifyWithMailedCode } from "../steps/auth-steps";
import { changePasswordInSettings, requestRecoveryCode, submitRecoveryCode } from "../steps/recovery-steps";

/** Every log line the stack's app and Kratos wrote so far. */
function stackLogs(stackDir: string): Record<string, string> {
  const read = (name: string) => readFileSync(join(stackDir, "logs", `${name}.log`), "utf8");
  return { next: read("next"), kratos: read("kratos") };
}

test("no log line or page holds a password, a mailed code, a session token or a cookie value", async ({
  page,
  context,
  stack,
  email,
  password,
}) => {
  // A long scenario: sign-up, verification, a failed and a good login, recovery.
  test.setTimeout(180_000);
  const secrets = new Map<string, string>();
  const pagesSeen: string[] = [];
  const keepPage = async () => {
    // With JavaScript a page may still be settling (passkey autofill, client redirects): read it once it holds still.
    await expect(async () => pagesSeen.push(`${page.url()}\n${await page.content()}`)).toPass();
  };
  const keepCookies = async () => {
    for (const cookie of await context.cookies()) {
      if (cookie.value.length >= 16) secrets.set(`cookie ${cookie.name}`, cookie.value);
    }
  };
  const screen = new FlowScreen(page);
  secrets.set("password", password);

  await signUpWithPassword(page, email, password);
  await keepPage();
  secrets.set("verification code", await waitForCode(email));
  await verifyWithMailedCode(page, email);
  await keepPage();
  await keepCookies();
  await logOut(page);

  const wrong = `${password}-wrong`;
  secrets.set("wrong password", wrong);
  await logInWithPassword(page, email, wrong);
  await expect(screen.input("identifier")).toHaveValue(email);
  await keepPage();

  await requestRecoveryCode(page, email);
  const recoveryCode = await waitForCode(email, 2);
  secrets.set("recovery code", recoveryCode);
  await submitRecoveryCode(page, recoveryCode);
  await keepPage();
  await keepCookies();
  const newPassword = `${password}-new`;
  secrets.set("new password", newPassword);
  await changePasswordInSettings(page, newPassword);
  await keepPage();
  await logOut(page);
  await logInWithPassword(page, email, newPassword);
  await expect(page).toHaveURL("/");
  await keepPage();
  await keepCookies();

  expect(secrets.size, "the scenario collected the secrets it checks").toBeGreaterThanOrEqual(7);
  expect([...secrets.keys()].some((name) => name.startsWith("cookie ory_kratos_session"))).toBe(true);

  const logs = stackLogs(stack.stackDir);
  // The right files, and Kratos's redaction (kratos.yml: log.leak_sensitive_values false) at work.
  expect(logs.kratos).toContain("/self-service/login");
  expect(logs.kratos).toContain("Value is sensitive and has been redacted");
  expect(logs.next).toMatch(/Ready in/);
  // One JSON line per request, never with a query; each relay post's request id is in Kratos's log too
  // (sent as X-Request-Id), so one sign-in can be followed through both.
  const requests = (logs.next ?? "")
    .split("\n")
    .filter((line) => line.startsWith("{") && line.includes('"event":"request"'))
    .map(
      (line) => JSON.parse(line) as { request_id: string; method: string; path: string; route: string; status: number },
    );
  const posts = requests.filter(
    (request) => request.method === "POST" && request.route === "/self-service/[flow]" && request.status === 303,
  );
  expect(posts.length, "the relay's posts are logged").toBeGreaterThanOrEqual(6);
  expect(requests.filter((request) => /[?#]/.test(request.path))).toEqual([]);
  for (const post of posts.slice(-6)) expect(logs.kratos, `request ${post.request_id}`).toContain(post.request_id);
  for (const [name, secret] of secrets) {
    for (const [log, text] of Object.entries(logs)) {
      expect(text.includes(secret), `the ${name} appears in ${log}.log`).toBe(false);
    }
    for (const seen of pagesSeen) {
      expect(seen.includes(secret), `the ${name} appears on ${seen.split("\n")[0]}`).toBe(false);
    }
  }
});
