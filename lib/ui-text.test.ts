import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import type { UiText } from "@ory/kratos-client-fetch";
import { uiText } from "./ui-text";
import { en } from "./messages/en";

it("matches Go", () => {
  const msgs = JSON.parse(readFileSync("/tmp/katext/out.json", "utf8")) as UiText[];
  const bad = msgs.filter((m) => uiText(m) !== m.text || !(m.id in en)).map((m) => [m.text, uiText(m)]);
  console.log(msgs.length, bad.slice(0, 20));
  expect(bad).toEqual([]);
});
