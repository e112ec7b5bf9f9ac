// The Jsonnet mapper cannot read the identity schema, so it repeats the locale
// enum; a locale outside the enum would make Kratos refuse the whole sign-up.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const oidcDir = dirname(fileURLToPath(import.meta.url));

it("the local provider's mapper accepts exactly the schema's locales", () => {
  const mapper = readFileSync(join(oidcDir, "local.mapper.jsonnet"), "utf8");
  const schema = JSON.parse(readFileSync(join(oidcDir, "..", "identity.schema.json"), "utf8")) as {
    properties: { traits: { properties: { locale: { enum: string[] } } } };
  };
  const list = /^local locales = \[([^\]]*)\];$/m.exec(mapper)?.[1];
  expect(list).toBeDefined();
  const locales = [...list!.matchAll(/'([^']*)'/g)].map((match) => match[1]);
  expect(locales).toEqual(schema.properties.traits.properties.locale.enum);
});
