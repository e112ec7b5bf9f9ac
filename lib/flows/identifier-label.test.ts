import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { traitHintsFromSchema } from "../kratos/identity-schema";
import { identifierLabel, identifierTitles } from "./identifier-label";

// The schema Kratos serves as /schemas/default (kratos/kratos.yml).
const ourSchemaText = readFileSync(join(__dirname, "..", "..", "kratos", "identity.schema.json"), "utf8");

type Schema = { properties: { traits: { properties: Record<string, Record<string, unknown>> } } };
const ourSchema = () => JSON.parse(ourSchemaText) as Schema;
const credentials = (trait: Record<string, unknown>) =>
  (trait["ory.sh/kratos"] as { credentials: Record<string, Record<string, unknown>> }).credentials;

describe("the login identifier's label from the identity schema", () => {
  it("reads 'Email or phone number' for our schema, whose codes also go to phone numbers", () => {
    const hints = traitHintsFromSchema(ourSchema());
    expect(identifierTitles(hints)).toEqual(["E-Mail", "Phone number"]);
    expect(identifierLabel(hints, "en")).toBe("Email or phone number");
    expect(identifierLabel(hints, "vi")).toBe("Email hoặc số điện thoại");
    expect(identifierLabel(hints, "de")).toBe("E-Mail-Adresse oder Telefonnummer");
    expect(identifierLabel(hints, "fr")).toBe("Adresse e-mail ou numéro de téléphone");
  });

  it("reads 'Email' when the email trait is the only identifier", () => {
    const schema = ourSchema();
    delete credentials(schema.properties.traits.properties.phone_number!).code!.identifier;
    const hints = traitHintsFromSchema(schema);
    expect(identifierLabel(hints, "en")).toBe("Email");
    expect(identifierLabel(hints, "de")).toBe("E-Mail-Adresse");
  });

  it("uses another schema's titles as written: a username, or several alternatives", () => {
    const username = {
      type: "string",
      title: "Username",
      "ory.sh/kratos": { credentials: { password: { identifier: true } } },
    };
    const onlyUsername = { properties: { traits: { properties: { username } } } };
    expect(identifierLabel(traitHintsFromSchema(onlyUsername), "en")).toBe("Username");
    expect(identifierLabel(traitHintsFromSchema(onlyUsername), "vi")).toBe("Username");

    const schema = ourSchema();
    schema.properties.traits.properties = { username, ...schema.properties.traits.properties };
    const hints = traitHintsFromSchema(schema);
    // Our own words go lower-case inside the phrase; a title we do not know stays as written.
    expect(identifierLabel(hints, "en")).toBe("Username, email or phone number");
    expect(identifierLabel(hints, "fr")).toBe("Username, adresse e-mail ou numéro de téléphone");
    expect(identifierLabel(hints, "de")).toBe("Username, E-Mail-Adresse oder Telefonnummer");
  });

  it("leaves Kratos's label when the schema names no identifier, or one without a title", () => {
    const schema = ourSchema();
    for (const trait of Object.values(schema.properties.traits.properties)) delete trait["ory.sh/kratos"];
    expect(identifierLabel(traitHintsFromSchema(schema), "en")).toBeUndefined();

    const untitled = ourSchema();
    delete untitled.properties.traits.properties.phone_number!.title;
    expect(identifierLabel(traitHintsFromSchema(untitled), "en")).toBeUndefined();
    expect(identifierLabel({}, "en")).toBeUndefined();
  });
});
