import { describe, expect, it } from "vitest";
import { isSafeReturnTo, safeReturnTo } from "./return-to";

const app = new URL("http://localhost:3000");

describe("isSafeReturnTo", () => {
  it.each([
    ["/settings", true],
    ["http://localhost:3000/settings?x=1", true],
    ["https://docs.example.com/welcome", true],
    ["http://localhost:3001/", false],
    ["https://evil.example/", false],
    ["//evil.example/path", false],
    ["/\\evil.example", false],
    ["javascript:alert(1)", false],
    ["data:text/html,hi", false],
    ["http://localhost:3000@evil.example/", false],
    ["/ok\nLocation: https://evil.example", false],
    ["", false],
  ])("%s → %s", (returnTo, expected) => {
    expect(isSafeReturnTo(returnTo, app, ["https://docs.example.com"])).toBe(expected);
  });
});

describe("safeReturnTo", () => {
  it("makes a safe relative target absolute on the app", () => {
    expect(safeReturnTo("/settings", app)).toBe("http://localhost:3000/settings");
  });

  it("drops an unsafe or missing target", () => {
    expect(safeReturnTo("https://evil.example/", app)).toBeUndefined();
    expect(safeReturnTo(null, app)).toBeUndefined();
  });
});
