import type { UiText } from "@ory/kratos-client-fetch";
import { type Locale } from "./locales";
import { de as kratosDe } from "./messages/de";
import { en as kratosEn } from "./messages/en";
import { fr as kratosFr } from "./messages/fr";
import { vi as kratosVi } from "./messages/vi";
import { de } from "./text/de";
import { en, type TextKey } from "./text/en";
import { fr } from "./text/fr";
import { vi } from "./text/vi";
import { type MessageCatalog, uiText } from "./ui-text";

/** Our strings in one language: every key English has. */
export type Texts = Readonly<Record<TextKey, string>>;

const ourTexts: Record<Locale, Texts> = { en, vi, de, fr };

const kratosCatalogs: Record<Locale, MessageCatalog> = { en: kratosEn, vi: kratosVi, de: kratosDe, fr: kratosFr };

/** Our strings in `locale`. */
export function textsFor(locale: Locale): Texts {
  return ourTexts[locale];
}

/** Every language's strings, for the completeness test. */
export const allTexts: Readonly<Record<Locale, Texts>> = ourTexts;

/** The Kratos message templates in `locale`. */
export function kratosCatalog(locale: Locale): MessageCatalog {
  return kratosCatalogs[locale];
}

/** `{name}` placeholders of one of our strings, in order. */
export function textPlaceholders(template: string): string[] {
  return [...template.matchAll(/\{([A-Za-z]+)\}/g)].map((match) => match[1]!);
}

/** One of our strings with its `{name}` placeholders filled in; unknown names stay as written. */
export function fill(template: string, values: Readonly<Record<string, string | number>>): string {
  return template.replace(/\{([A-Za-z]+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The identity schema's titles (kratos/identity.schema.json) that Kratos sends
 * as node labels (id 1070002, "{title}"): schema titles are one language, so
 * the ones we ship are translated here. A title we do not know shows as is.
 */
const schemaTitles: Readonly<Record<string, TextKey>> = {
  "E-Mail": "trait.email",
  "Phone number": "trait.phoneNumber",
  Name: "trait.name",
  "First name": "trait.firstName",
  "Last name": "trait.lastName",
  Language: "trait.language",
  "Send me occasional product news": "trait.newsletter",
};

function schemaTitleKey(title: string): TextKey | undefined {
  return Object.hasOwn(schemaTitles, title) ? schemaTitles[title] : undefined;
}

/** A schema title in `locale`, when it is one we translate. */
export function schemaTitle(title: string, locale: Locale): string {
  const key = schemaTitleKey(title);
  return key ? ourTexts[locale][key] : title;
}

// German writes every noun with a capital, also inside a phrase.
const nounsKeepCapitals: ReadonlySet<Locale> = new Set(["de"]);

/**
 * Schema titles as alternatives in one label, in `locale`: "Email or phone
 * number". Inside the phrase our own words lose their capital where the
 * language wants it; a title we do not translate may be a name or an acronym
 * and stays as written.
 */
export function schemaTitleChoice(titles: readonly string[], locale: Locale): string {
  const words = titles.map((title, index) => {
    const word = schemaTitle(title, locale);
    if (index === 0 || !schemaTitleKey(title) || nounsKeepCapitals.has(locale)) return word;
    return word.charAt(0).toLocaleLowerCase(locale) + word.slice(1);
  });
  const last = words.at(-1);
  if (last === undefined || words.length === 1) return last ?? "";
  return fill(ourTexts[locale]["label.either"], { first: words.slice(0, -1).join(", "), last });
}

/** Kratos's message in `locale`: our template for its id, or Kratos's English text. */
export function localText(text: UiText | undefined, locale: Locale): string {
  const context = text?.context as { title?: unknown } | undefined;
  if (text?.id === 1070002 && typeof context?.title === "string") return schemaTitle(context.title, locale);
  return uiText(text, kratosCatalogs[locale]);
}

/**
 * "3 minutes ago", "in 2 days" in `locale`, in the largest unit that fits.
 * Rendered on the server with the chosen language, not the browser's clock.
 */
export function relativeTime(when: Date, now: Date, locale: Locale): string {
  const seconds = Math.round((when.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat(locale, { numeric: "auto" });
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["year", 365 * 24 * 3600],
    ["month", 30 * 24 * 3600],
    ["week", 7 * 24 * 3600],
    ["day", 24 * 3600],
    ["hour", 3600],
    ["minute", 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}

/** The exact time, for a tooltip next to a relative one. */
export function exactTime(when: Date, locale: Locale): string {
  return (
    new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(when) + " UTC"
  );
}

/** "4 minutes 10 seconds" in `locale`. */
export function waitInWords(seconds: number, locale: Locale): string {
  const t = ourTexts[locale];
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  const parts: string[] = [];
  if (minutes > 0) parts.push(minutes === 1 ? t["time.minute"] : fill(t["time.minutes"], { count: minutes }));
  if (rest > 0 || minutes === 0) parts.push(rest === 1 ? t["time.second"] : fill(t["time.seconds"], { count: rest }));
  return parts.join(" ");
}
