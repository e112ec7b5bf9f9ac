import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { traitHintsFromSchema } from "./identity-schema";

const schema: unknown = JSON.parse(readFileSync(join(__dirname, "..", "..", "kratos", "identity.schema.json"), "utf8"));

describe("traitHintsFromSchema over our identity schema", () => {
  const hints = traitHintsFromSchema(schema);

  it("keys hints by Kratos's node names, nested objects included", () => {
    expect(hints["traits.email"]?.title).toBe("E-Mail");
    expect(hints["traits.name"]).toEqual({ title: "Name", isObject: true });
    expect(hints["traits.name.first"]?.title).toBe("First name");
  });

  it("keeps enums so they render as a select", () => {
    expect(hints["traits.locale"]?.enum).toEqual(["en", "vi", "de", "fr"]);
  });

  it("names the credentials that sign in with a trait", () => {
    expect(hints["traits.email"]?.identifierFor).toEqual(["password", "code", "webauthn"]);
    expect(hints["traits.phone_number"]?.identifierFor).toEqual(["code"]);
    // TOTP's account name and the passkey's display name are not identifiers.
    expect(hints["traits.name"]?.identifierFor).toBeUndefined();
    expect(hints["traits.locale"]).not.toHaveProperty("identifierFor");
  });

  it("gives nothing for a schema without traits", () => {
    expect(traitHintsFromSchema({ properties: {} })).toEqual({});
    expect(traitHintsFromSchema(null)).toEqual({});
  });
});
