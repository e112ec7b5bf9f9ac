import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

/**
 * The page to run axe in. axe is a script: in the no-js projects it cannot run
 * in the page itself, so it runs in a copy, the same HTML with its scripts
 * removed and its <noscript> contents in place, as a browser without
 * JavaScript shows it, in a context of its own with JavaScript on.
 */
async function pageForAxe(page: Page): Promise<{ target: Page; close: () => Promise<void> }> {
  if (test.info().project.use.javaScriptEnabled !== false) return { target: page, close: () => Promise.resolve() };
  const html = (await page.content())
    .replace(/<script\b[\s\S]*?<\/script>/gi, "")
    .replace(/<noscript>([\s\S]*?)<\/noscript>/gi, "$1");
  const context = await page.context().browser()!.newContext({ javaScriptEnabled: true });
  const copy = await context.newPage();
  const url = page.url();
  await copy.route(url, (route) => route.fulfill({ body: html, contentType: "text/html; charset=utf-8" }));
  await copy.goto(url);
  // Proves the copy is the page without its scripts, not the page run with JavaScript.
  expect(await copy.locator("script").count()).toBe(0);
  return { target: copy, close: () => context.close() };
}

async function violationsIn(target: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: target }).analyze();
  // Proves axe ran over this page's content, so an empty list means something.
  expect(results.passes.length).toBeGreaterThan(0);
  return results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(" ")).join(", ")}`);
}

/** axe's serious and critical violations on the page as it is now, one line each with the elements. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const { target, close } = await pageForAxe(page);
  try {
    return await violationsIn(target);
  } finally {
    await close();
  }
}

/** No serious or critical violation on the current page, in the light and the dark colour scheme. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { target, close } = await pageForAxe(page);
  try {
    for (const colorScheme of ["light", "dark"] as const) {
      // Reduced motion turns the buttons' colour fade off (app/globals.css): axe reads the
      // colours the scheme settles on, never a frame halfway between light and dark.
      await target.emulateMedia({ colorScheme, reducedMotion: "reduce" });
      expect(await violationsIn(target), `${state} (${colorScheme})`).toEqual([]);
    }
    await target.emulateMedia({ colorScheme: null, reducedMotion: null });
  } finally {
    await close();
  }
}
