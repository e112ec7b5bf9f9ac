import { describe, expect, it, vi } from "vitest";
import { KratosUnavailableError } from "../kratos/client";
import { orUnavailablePage, pagePath, unavailablePath } from "./unavailable";

/** The Location of the redirect Next's redirect() throws, or the error itself when it is not one. */
async function redirectOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    const digest = (error as { digest?: unknown }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT;")) return digest.split(";")[2]!;
    throw error;
  }
  throw new Error("expected a redirect");
}

describe("orUnavailablePage", () => {
  it("builds a lazy retry path only when Kratos does not answer", async () => {
    const retryPath = vi.fn(() => pagePath("/login", { flow: "abc", return_to: "/sessions" }));
    await expect(orUnavailablePage(retryPath, () => Promise.resolve("flow"))).resolves.toBe("flow");
    expect(retryPath).not.toHaveBeenCalled();

    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const location = await redirectOf(
      orUnavailablePage(retryPath, () => Promise.reject(new KratosUnavailableError(new Error("ECONNREFUSED")))),
    );
    warn.mockRestore();
    expect(retryPath).toHaveBeenCalledTimes(1);
    expect(location).toBe(unavailablePath("/login?flow=abc&return_to=%2Fsessions"));
  });

  it("takes a retry path as a string as before", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const location = await redirectOf(
      orUnavailablePage("/sessions", () => Promise.reject(new KratosUnavailableError(new Error("timeout")))),
    );
    warn.mockRestore();
    expect(location).toBe(unavailablePath("/sessions"));
  });

  it("lets any other error through without building the path", async () => {
    const retryPath = vi.fn(() => "/login");
    await expect(orUnavailablePage(retryPath, () => Promise.reject(new Error("a bug")))).rejects.toThrow("a bug");
    expect(retryPath).not.toHaveBeenCalled();
  });
});
