import { expect, test } from "../fixtures/test";
import { FlowScreen } from "../screens/flow-screen";
import { settingsMessageIds } from "../steps/settings-steps";

test("traits render from the identity schema and survive a failed submission", async ({ page, email, password }) => {
  const screen = new FlowScreen(page);
  await page.goto("/registration");
  await expect(page.getByTestId("trait-group/traits.name").locator("legend")).toHaveText("Name");
  await expect(page.getByTestId("node/input/traits.locale").locator("select")).toBeVisible();
  await expect(page.getByTestId("node/input/traits.newsletter").locator('input[type="checkbox"]')).toBeVisible();

  // A malformed address: Kratos rejects it and everything typed stays.
  await page.getByTestId("node/input/traits.email").locator("input").fill("not-an-email");
  await page.getByTestId("node/input/traits.name.first").locator("input").fill("Ada");
  await page.getByTestId("node/input/traits.locale").locator("select").selectOption("de");
  await page.getByTestId("node/input/traits.newsletter").locator("input").check();
  // The browser's own email check would stop this submit; Kratos is the validator we test.
  await new FlowScreen(page).flowForms().evaluate((form) => form.setAttribute("novalidate", ""));
  await screen.button("method", "profile").click();
  await expect(page.getByTestId("node/input/traits.email").getByRole("alert")).toBeVisible();
  await expect(page.getByTestId("node/input/traits.name.first").locator("input")).toHaveValue("Ada");
  await expect(page.getByTestId("node/input/traits.locale").locator("select")).toHaveValue("de");
  await expect(page.getByTestId("node/input/traits.newsletter").locator("input")).toBeChecked();

  await page.getByTestId("node/input/traits.email").locator("input").fill(email);
  await screen.button("method", "profile").click();
  await screen.input("password").fill(password);
  await screen.button("method", "password").click();

  await page.goto("/settings");
  const profile = page.getByTestId("flow-group/profile");
  await expect(profile.getByTestId("node/input/traits.locale").locator("select")).toHaveValue("de");
  await profile.getByTestId("node/input/traits.locale").locator("select").selectOption("fr");
  await profile.locator('button[name="method"][value="profile"]').click();
  await expect(screen.message(settingsMessageIds.saved)).toBeVisible();
  await expect(page.getByTestId("node/input/traits.locale").locator("select")).toHaveValue("fr");
});
