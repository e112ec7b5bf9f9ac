import { describe, expect, it } from "vitest";
import { en } from "./en";
import { englishPlaceholders } from "./en-placeholders";
import { type Translation, translationMistakes } from "./translation";

describe("translations", () => {
  it("the English catalog and its placeholder list agree", () => {
    expect(translationMistakes(en)).toEqual([]);
    expect(Object.keys(englishPlaceholders)).toEqual(Object.keys(en));
    expect(englishPlaceholders[1010016]).toEqual(["duplicate_identifier", "provider"]);
  });

  it("accepts a translation that names the same placeholders in another order and format", () => {
    const translation = {
      1010002: "Mit {provider} anmelden",
      1010016: "{provider, quoted} gehört zu {duplicate_identifier}.",
    } satisfies Translation;
    expect(translationMistakes(translation)).toEqual([]);
  });

  it("rejects unknown ids, missing, extra and misspelt placeholders and stray braces", () => {
    // @ts-expect-error 1 is not a Kratos message id.
    const unknownId: Translation = { 1: "Hallo" };

    // @ts-expect-error {provider} is missing.
    const missing: Translation = { 1010002: "Anmelden" };
    const extra: Translation = { 1010002: "Mit {provider} als {user} anmelden" };
    const misspelt: Translation = { 1010002: "Mit {provider} und {provder}" };
    const stray: Translation = { 1010002: "Mit {provider} anmelden }" };
    expect(translationMistakes(unknownId)).toEqual(["1: the English catalog has no template for this id"]);
    expect(translationMistakes(missing)).toEqual(["1010002: names no placeholder where English names {provider}"]);
    expect(translationMistakes(extra)).toEqual(["1010002: names {provider}, {user} where English names {provider}"]);
    expect(translationMistakes(misspelt)).toEqual([
      "1010002: names {provider}, {provder} where English names {provider}",
    ]);
    expect(translationMistakes(stray)).toEqual(["1010002: not a valid template (a stray brace or an unknown format)"]);
  });
});
