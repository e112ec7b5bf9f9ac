import { expect, type Page } from "@playwright/test";
import { FlowScreen } from "../screens/flow-screen";
import { messageIds } from "./auth-steps";
import { totpCode } from "./settings-steps";

/** Cookie attributes as a Set-Cookie header states them, lower-cased, e.g. "domain=example.test", "secure". */
export function cookieAttributes(setCookie: string): string[] {
  return setCookie
    .split(";")
    .slice(1)
    .map((part) => part.trim().toLowerCase());
}

/**
 * Every Set-Cookie header the browser receives for a cookie named `name`
 * (non-empty value), from any of the topology's hosts, in order.
 */
export function recordSetCookies(page: Page, name: string): string[] {
  const seen: string[] = [];
  page.on("response", (response) => {
    void response
      .headersArray()
      .then((headers) => {
        for (const { name: header, value } of headers) {
          if (header.toLowerCase() !== "set-cookie") continue;
          for (const line of value.split("\n"))
            if (line.startsWith(`${name}=`) && !line.startsWith(`${name}=;`)) seen.push(line);
        }
      })
      .catch(() => undefined);
  });
  return seen;
}

/** Console messages about mixed content (an http:// resource on an https:// page). */
export function recordMixedContent(page: Page): string[] {
  const seen: string[] = [];
  page.on("console", (message) => {
    if (/mixed content/i.test(message.text())) seen.push(message.text());
  });
  return seen;
}

/** Signs up on the UI from a registration started with `returnTo`; ends on the verification screen. */
export async function signUpReturningTo(page: Page, email: string, password: string, returnTo: string): Promise<void> {
  const screen = new FlowScreen(page);
  await page.goto(`/registration?return_to=${encodeURIComponent(returnTo)}`);
  await screen.input("traits.email").fill(email);
  await screen.button("method", "profile").click();
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(screen.heading()).toHaveText("Verify your email address");
  await expect(screen.message(messageIds.verificationCodeSent)).toBeVisible();
}

/** On the login page on screen: the password, then the authenticator app's code as second factor. */
export async function logInWithPasswordAndTotp(
  page: Page,
  email: string,
  password: string,
  secret: string,
): Promise<void> {
  const screen = new FlowScreen(page);
  await screen.input("identifier").fill(email);
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();
  await expect(screen.heading()).toHaveText("Second factor");
  await screen.input("totp_code").fill(totpCode(secret));
  await screen.button("method", "totp").click();
}
