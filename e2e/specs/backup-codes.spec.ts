// Backup codes in settings: shown when Kratos makes them, saved as a file or on
// paper, with and without JavaScript, and never in a URL or a cache.
import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";
import { logInWithPassword, logOut, signUpWithPassword } from "../steps/auth-steps";
import {
  backupCodesShown,
  confirmBackupCodes,
  downloadBackupCodes,
  generateBackupCodes,
  linkTotp,
} from "../steps/settings-steps";

test("new backup codes: shown once, downloaded as exactly those codes, printed alone", async ({
  page,
  email,
  password,
  javaScriptEnabled,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  const { codes, response } = await generateBackupCodes(page);
  expect(codes).toHaveLength(12);
  expect(new Set(codes).size).toBe(12);

  // The page that carries them is never stored, and no code is in its address.
  expect(response.headers()["cache-control"]).toContain("no-store");
  for (const code of codes) expect(page.url()).not.toContain(code);

  const file = await downloadBackupCodes(page);
  expect(file.fileName).toBe("backup-codes.txt");
  expect(file.text).toBe(codes.join("\n") + "\n");

  // Printed, the page is the codes alone: no header, navigation, other methods or buttons.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByTestId("backup-codes")).toBeVisible();
  await expect(page.getByTestId("node/text/lookup_secret_codes/text")).toBeVisible();
  for (const other of [
    page.locator("body > header"),
    page.getByTestId("account-nav"),
    screen.heading(),
    screen.group("totp"),
    screen.group("password"),
    screen.button("lookup_secret_confirm", "true"),
    page.getByTestId("lookup-secret-download"),
  ]) {
    await expect(other).toBeHidden();
  }
  await page.emulateMedia({ media: "screen" });
  await expect(screen.group("totp")).toBeVisible();

  if (javaScriptEnabled) {
    // The Print button opens the browser's print dialog; here window.print records that it was asked.
    await expect(page.getByTestId("lookup-secret-print-hint")).toHaveCount(0);
    await page.evaluate(() => {
      window.print = () => {
        document.documentElement.dataset.printed = "true";
      };
    });
    await page.getByTestId("lookup-secret-print").click();
    await expect(page.locator("html")).toHaveAttribute("data-printed", "true");
  } else {
    await expect(page.getByTestId("lookup-secret-print")).toBeHidden();
    await expect(page.getByTestId("lookup-secret-print-hint")).toBeVisible();
  }

  // Once saved, settings no longer shows them unless asked again.
  await confirmBackupCodes(page);
  await page.goto("/settings");
  await expect(page.getByTestId("backup-codes")).toHaveCount(0);
  await expect(screen.button("lookup_secret_reveal", "true")).toBeVisible();
});

test("a used backup code is listed as used, and the download holds only the codes left", async ({
  page,
  email,
  password,
}) => {
  const screen = new FlowScreen(page);
  await signUpWithPassword(page, email, password);
  await linkTotp(page);
  const { codes } = await generateBackupCodes(page);
  await confirmBackupCodes(page);
  await logOut(page);

  await logInWithPassword(page, email, password);
  await screen.input("lookup_secret").fill(codes[0]!);
  await screen.button("method", "lookup_secret").click();
  await expect(page.getByTestId("session-aal")).toHaveAttribute("data-aal", "aal2");

  await page.goto("/settings");
  await screen.button("lookup_secret_reveal", "true").click();
  const left = await backupCodesShown(page);
  expect(left).toEqual(codes.slice(1));
  await expect(page.getByTestId("backup-code-used")).toHaveCount(1);
  const file = await downloadBackupCodes(page);
  expect(file.text).toBe(codes.slice(1).join("\n") + "\n");
});
