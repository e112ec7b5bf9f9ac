import { describe, expect, it } from "vitest";
import { localeCookie, readLocaleSwitch, safeReturnPath } from "./locale-switch";

describe("the language switcher", () => {
  it("only ever returns to a path on this app", () => {
    expect(safeReturnPath("/login?flow=abc")).toBe("/login?flow=abc");
    for (const hostile of [
      "//evil.example",
      "/\\evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
      "/a\r\nSet-Cookie: x=1",
      "",
      undefined,
    ]) {
      expect(safeReturnPath(hostile)).toBe("/");
    }
  });

  it("sets the cookie only for a language we have", () => {
    expect(readLocaleSwitch(new URLSearchParams("locale=vi&return_to=/settings"))).toEqual({
      locale: "vi",
      returnTo: "/settings",
    });
    expect(readLocaleSwitch(new URLSearchParams("locale=de;%20Path=/x&return_to=//x")).locale).toBeUndefined();
    expect(localeCookie("de", true)).toBe("ui_locale=de; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly; Secure");
  });
});
