import { describe, expect, it } from "vitest";
import { kratosErrorIdPattern, loadErrorView } from "./error-view";

describe("loadErrorView", () => {
  it("treats object-prototype names as unknown reasons", async () => {
    for (const reason of ["toString", "constructor", "__proto__", "valueOf", "hasOwnProperty"]) {
      expect(await loadErrorView({ reason }, "en")).toEqual({
        title: "Something went wrong",
        detail: "Please go back and try again.",
      });
    }
  });

  it("knows its own reasons", async () => {
    expect((await loadErrorView({ reason: "self_service_flow_expired" }, "de")).title).toBe(
      "Diese Seite ist abgelaufen",
    );
  });
});

describe("kratosErrorIdPattern", () => {
  it("accepts a UUID and Kratos's stub:500, nothing else", () => {
    expect(kratosErrorIdPattern.test("0f8e2c1a-3b4d-4e5f-8a9b-0c1d2e3f4a5b")).toBe(true);
    expect(kratosErrorIdPattern.test("stub:500")).toBe(true);
    for (const id of ["stub:400", "------------------------------------", "../sessions", "stub:500\n"])
      expect(kratosErrorIdPattern.test(id)).toBe(false);
  });
});
