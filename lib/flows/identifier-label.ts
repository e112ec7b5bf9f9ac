import "server-only";
import type { Locale } from "../i18n/locales";
import { schemaTitleChoice } from "../i18n/text";
import { KratosUnavailableError } from "../kratos/client";
import { defaultSchemaId, loadTraitHints, type TraitHints } from "../kratos/identity-schema";

/**
 * The titles of the traits a user signs in with (any credential's
 * `identifier`), in the schema's order; none when one of them has no title,
 * since we could not say what it is.
 */
export function identifierTitles(hints: TraitHints): string[] {
  const identifiers = Object.values(hints).filter((hint) => (hint.identifierFor?.length ?? 0) > 0);
  const titles = identifiers.map((hint) => hint.title?.trim()).filter((title): title is string => Boolean(title));
  return titles.length === identifiers.length ? titles : [];
}

/**
 * What the login's identifier field asks for, in `locale`: "Email" when the
 * email trait is the only identifier, "Email or phone number" when both are,
 * the trait titles otherwise. Undefined when the schema names no identifier we
 * can word; Kratos's own label stays then.
 *
 * Kratos v1.3.1 labels the field with the title of the one trait that any
 * credential uses (its identifier, TOTP account name or passkey display name)
 * and with "ID" (1070004) as soon as there are two, which our schema has
 * (email for every method, phone_number for codes by SMS).
 */
export function identifierLabel(hints: TraitHints, locale: Locale): string | undefined {
  const titles = identifierTitles(hints);
  return titles.length > 0 ? schemaTitleChoice(titles, locale) : undefined;
}

/**
 * The login identifier's label from the default schema, which Kratos itself
 * labels it from (login flows carry no schema id in v1.3.1). The schema is
 * cached (`loadTraitHints`), so this asks Kratos at most once a minute.
 */
export async function loadIdentifierLabel(locale: Locale): Promise<string | undefined> {
  try {
    return identifierLabel(await loadTraitHints(defaultSchemaId), locale);
  } catch (error) {
    // The flow has just been loaded; if Kratos stops answering now, its own label will do.
    if (error instanceof KratosUnavailableError) return undefined;
    throw error;
  }
}
