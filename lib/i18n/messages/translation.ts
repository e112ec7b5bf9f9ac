import { type MessageCatalog, placeholderNames } from "@/lib/i18n/ui-text";
import { englishPlaceholders, type MessageId } from "./en-placeholders";

/** A template naming the placeholder `{name}` or `{name, format}`. */
type Naming<Name extends string> = `${string}{${Name}${"}" | ","}${string}`;

/** A template naming every placeholder in the list; any string when the list is empty. */
type NamingAll<Names extends readonly string[]> = Names extends readonly [
  infer First extends string,
  ...infer Rest extends readonly string[],
]
  ? Naming<First> & NamingAll<Rest>
  : string;

/**
 * A hand-written translation of the English catalog (lib/i18n/messages/en.ts),
 * keyed by the same Kratos message ids. It may leave ids out: uiText then
 * shows Kratos's own English text. The type rejects ids English has no
 * template for and templates missing a placeholder their English template
 * names; `translationMistakes` also catches what a type cannot (an extra or
 * misspelt placeholder, a stray brace), so a test runs it on every translation.
 */
export type Translation = { readonly [Id in MessageId]?: NamingAll<(typeof englishPlaceholders)[Id]> };

/** What is wrong with a translation, one line per id; empty when nothing is. */
export function translationMistakes(translation: MessageCatalog): string[] {
  const english: Readonly<Partial<Record<number, readonly string[]>>> = englishPlaceholders;
  const mistakes: string[] = [];
  for (const [key, template] of Object.entries(translation)) {
    const expected = english[Number(key)];
    const names = typeof template === "string" ? placeholderNames(template) : undefined;
    if (!expected) mistakes.push(`${key}: the English catalog has no template for this id`);
    else if (!names) mistakes.push(`${key}: not a valid template (a stray brace or an unknown format)`);
    else if ([...names].sort().join() !== [...expected].sort().join()) {
      mistakes.push(`${key}: names ${listed(names)} where English names ${listed(expected)}`);
    }
  }
  return mistakes;
}

function listed(names: readonly string[]): string {
  return names.length === 0 ? "no placeholder" : names.map((name) => `{${name}}`).join(", ");
}
