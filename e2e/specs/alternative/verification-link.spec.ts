import { verifiableAddressesOf } from "../../fixtures/kratos-admin";
import { waitForKratosLink } from "../../fixtures/mail";
import { expect, test } from "../../fixtures/test";
import { FlowScreen, HomeScreen } from "../../screens/flow-screen";
import { linkMessageIds, signUpExpectingVerificationLink } from "../../steps/link-steps";

// Runs against the stack with kratos/profiles/alternative-methods.yml:
// verification mails a link instead of a code.

test("after sign-up the mailed verification link verifies the address", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  const home = new HomeScreen(page);

  await signUpExpectingVerificationLink(page, email, password);
  const flowId = new URL(page.url()).searchParams.get("flow");
  await expect(screen.input("code")).toHaveCount(0);
  // Kratos v1.3.1 sends this flow's button twice and without the message (lib/flows/verification-ui.ts).
  await expect(screen.button("method", "link")).toHaveCount(1);
  expect(await verifiableAddressesOf(email)).toEqual([expect.objectContaining({ value: email, verified: false })]);
  await page.goto("/");
  await expect(home.address(email)).toContainText(email);
  await expect(home.address(email)).toContainText("not verified");

  const link = await waitForKratosLink(email, "verification");
  expect(new URL(link).searchParams.get("flow")).toBe(flowId);
  // Unlike the code method, the link verifies on the GET and sends the browser back to the flow.
  await page.goto(link);
  await expect(page).toHaveURL(`/verification?flow=${flowId}`);
  await expect(screen.message(linkMessageIds.verified)).toBeVisible();
  expect(await verifiableAddressesOf(email)).toEqual([
    expect.objectContaining({ value: email, verified: true, status: "completed" }),
  ]);

  await screen.anchor("continue").click();
  await expect(page).toHaveURL("/");
  await expect(home.sessionEmail()).toHaveText(email);
  await expect(home.address(email)).toContainText("verified");
  await expect(home.address(email)).not.toContainText("not verified");
});
