import { expect, test } from "../fixtures/test";
import { kratosPublicUrl } from "../stack";

test("a Kratos error is shown in plain words with its reference, never internals", async ({ page }) => {
  // Kratos refuses a return_to outside its allow-list and sends the browser to our error page.
  await page.goto(
    `${kratosPublicUrl}/self-service/login/browser?return_to=${encodeURIComponent("https://evil.example/")}`,
  );
  await expect(page).toHaveURL(/\/error\?id=/);
  const id = new URL(page.url()).searchParams.get("id")!;
  await expect(page.getByTestId("ui/error/message")).toHaveText(
    "The link you followed asked to send you to a site we do not trust.",
  );
  await expect(page.getByText(id)).toBeVisible();
  await expect(page.locator("body")).not.toContainText(/stack|trace|\.go:/i);
});

test("an unknown error id still gives a calm page", async ({ page }) => {
  await page.goto("/error?id=00000000-0000-4000-8000-000000000000");
  await expect(page.getByTestId("ui/error/message")).toBeVisible();
  await expect(page.locator("h1")).toHaveText("Something went wrong");
});

test("Kratos's stub error id shows Kratos's stub error", async ({ page }) => {
  await page.goto("/error?id=stub:500");
  await expect(page.locator("h1")).toHaveText("Something went wrong");
  // Kratos v1.3.1 answers stub:500 with herodot's internal-server-error message.
  await expect(page.getByTestId("ui/error/message")).toHaveText(
    "An internal server error occurred, please contact the system administrator",
  );
  await expect(page.getByText("stub:500")).toBeVisible();
});

test("a reason that names an object-prototype member is an unknown reason", async ({ page }) => {
  for (const reason of ["toString", "constructor", "__proto__", "hasOwnProperty"]) {
    await page.goto(`/error?reason=${reason}`);
    await expect(page.locator("h1")).toHaveText("Something went wrong");
    await expect(page.getByTestId("ui/error/message")).toHaveText("Please go back and try again.");
  }
});
