import { expect, type Locator, type Page } from "@playwright/test";

/** What has the keyboard's focus, in words a test can compare: a field's name, else a button's or link's text. */
async function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement as HTMLInputElement | null;
    if (!element || element === document.body) return "(page)";
    return element.getAttribute("name") ?? element.textContent?.trim() ?? element.tagName.toLowerCase();
  });
}

/**
 * Presses Tab until `target` has the focus, and returns what got the focus on
 * the way, target included: the focus order a keyboard user meets. Fails when
 * `target` is not reached within `most` presses (unreachable without a mouse).
 */
export async function tabTo(page: Page, target: Locator, most = 20): Promise<string[]> {
  const visited: string[] = [];
  for (let press = 0; press < most; press++) {
    await page.keyboard.press("Tab");
    visited.push(await focusedName(page));
    if (await target.evaluate((element) => element === document.activeElement)) return visited;
  }
  throw new Error(`Tab never reached ${String(target)}; the focus went ${visited.join(" → ")}`);
}

/** Tab once and expect `target` to have the focus. */
export async function tabOnceTo(page: Page, target: Locator): Promise<void> {
  await page.keyboard.press("Tab");
  await expect(target).toBeFocused();
}
