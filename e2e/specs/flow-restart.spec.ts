import { expect, test } from "../fixtures/test";
import { appUrl, kratosPublicUrl } from "../stack";

// A browser that refuses cookies never passes Kratos's CSRF check. Our pages
// restart a broken flow by themselves, but only a bounded number of times.
test("a browser without cookies ends on the error page instead of a redirect loop", async () => {
  const started = await fetch(`${kratosPublicUrl}/self-service/login/browser`, {
    headers: { Accept: "application/json" },
  });
  const { id } = (await started.json()) as { id: string };

  const hops: string[] = [];
  let location = `${appUrl}/login?flow=${id}`;
  for (let hop = 0; hop < 12 && !location.includes("/error"); hop++) {
    // No Cookie header ever: every Set-Cookie is dropped, as a cookie-blocking browser would.
    const response = await fetch(location, { redirect: "manual" });
    expect([303, 307, 308]).toContain(response.status);
    location = new URL(response.headers.get("location")!, location).toString();
    hops.push(new URL(location).pathname);
  }
  expect(location).toBe(`${appUrl}/error?reason=security_csrf_violation`);
  expect(hops.filter((path) => path.endsWith("/restart"))).toHaveLength(2);
});

test("the error page explains a CSRF failure in plain words", async ({ page }) => {
  await page.goto("/error?reason=security_csrf_violation");
  await expect(page.getByTestId("ui/error/message")).toContainText("clear this site's cookies");
});
