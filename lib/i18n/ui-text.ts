import type { UiText } from "@ory/kratos-client-fetch";
import { en } from "@/lib/i18n/messages/en";

/**
 * Message templates keyed by Kratos message id (see lib/i18n/messages/en.ts, which
 * kratos/build/cmd/message-catalog generates from Kratos's `text` package).
 *
 * A template is text with placeholders filled in from the message's `context`:
 *
 * - `{key}`: a string as is, or an integer in decimal (Go's `%s`, `%d`, `%v`);
 * - `{key, number}`: a number as Go's `%v` prints a float64 (`0.5`, `1e+06`);
 * - `{key, quoted}`: a string as Go's `%q` quotes it (`"^[a-z]+\\d$"`);
 * - `{key, list_or}`: a list of strings joined with " or ".
 *
 * Braces anywhere else make the template invalid. A catalog may leave ids out.
 */
export type MessageCatalog = Readonly<Partial<Record<number, string>>>;

/**
 * The text to show for a Kratos message: the catalog's template for its id
 * with the message's `context` filled in. Falls back to Kratos's own (English)
 * text when the catalog has no template for the id, the context lacks a value
 * or holds one the template cannot format, or anything else goes wrong; never
 * throws. The English catalog reproduces Kratos's text verbatim.
 */
export function uiText(text: UiText | undefined, catalog: MessageCatalog = en): string {
  let fallback = "";
  try {
    if (typeof text?.text === "string") fallback = text.text;
    if (!text || typeof text.id !== "number" || !Object.hasOwn(catalog, text.id)) return fallback;
    const template = catalog[text.id];
    if (typeof template !== "string") return fallback;
    return interpolate(template, text.context) ?? fallback;
  } catch {
    return fallback;
  }
}

const placeholder = /\{([^{}]*)\}|[{}]/g;
const placeholderBody = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:,\s*([a-z_]+)\s*)?$/;

/** The template with its placeholders filled in, or undefined when one cannot be. */
function interpolate(template: string, context: unknown): string | undefined {
  let result = "";
  let last = 0;
  for (const match of template.matchAll(placeholder)) {
    const body = match[1] === undefined ? undefined : placeholderBody.exec(match[1]);
    if (!body || !isRecord(context) || !Object.hasOwn(context, body[1]!)) return undefined;
    const format = formats.get(body[2] ?? "");
    const value = format?.(context[body[1]!]);
    if (value === undefined) return undefined;
    result += template.slice(last, match.index) + value;
    last = match.index + match[0].length;
  }
  return result + template.slice(last);
}

/**
 * The placeholder names a template uses, in order of first use, or undefined
 * when the template is invalid (a stray brace, a malformed placeholder, an
 * unknown format). Translations are checked with it (lib/i18n/messages/translation.ts).
 */
export function placeholderNames(template: string): string[] | undefined {
  const names: string[] = [];
  for (const match of template.matchAll(placeholder)) {
    const body = match[1] === undefined ? undefined : placeholderBody.exec(match[1]);
    if (!body || !formats.has(body[2] ?? "")) return undefined;
    if (!names.includes(body[1]!)) names.push(body[1]!);
  }
  return names;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Each format prints a context value as Kratos's fmt verb printed the Go value, or gives up. */
const formats = new Map<string, (value: unknown) => string | undefined>([
  ["", plain],
  ["number", goFloat],
  ["quoted", (value) => (typeof value === "string" ? goQuote(value) : undefined)],
  [
    "list_or",
    (value) =>
      Array.isArray(value) && value.every((item) => typeof item === "string") ? value.join(" or ") : undefined,
  ],
]);

/** A string as is, an integer in decimal; anything else is not printed the same by Go and JavaScript. */
function plain(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isSafeInteger(value)) return String(value);
  return undefined;
}

/**
 * A float64 as Go's `%v` prints it: the shortest digits that round-trip, in
 * exponent form (`1e+06`, `1.5e-05`) when the exponent is below -4 or at least 6.
 */
export function goFloat(value: unknown): string | undefined {
  if (typeof value !== "number" || !Number.isFinite(value)) return undefined;
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const sign = value < 0 ? "-" : "";
  const magnitude = Math.abs(value);
  const [digits, exponentText] = magnitude.toExponential().split("e") as [string, string];
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 6) {
    const absolute = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${digits}e${exponent < 0 ? "-" : "+"}${absolute}`;
  }
  // JavaScript prints numbers of this size without an exponent, with the same shortest digits.
  return sign + String(magnitude);
}

const goEscapes: Record<string, string> = {
  "\x07": "\\a",
  "\b": "\\b",
  "\f": "\\f",
  "\n": "\\n",
  "\r": "\\r",
  "\t": "\\t",
  "\v": "\\v",
  "\\": "\\\\",
  '"': '\\"',
};

/**
 * Go's printable runes (unicode.IsPrint): letters, marks, numbers, punctuation,
 * symbols and the ASCII space. Go's tables are Unicode 15.0; runes assigned
 * since then may be printed here where Go escapes them.
 */
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** A string as Go's `%q` (strconv.Quote) quotes it. */
export function goQuote(value: string): string {
  let quoted = '"';
  for (const char of value) {
    const codePoint = char.codePointAt(0)!;
    const escape = Object.hasOwn(goEscapes, char) ? goEscapes[char] : undefined;
    if (escape !== undefined) quoted += escape;
    else if (printable.test(char)) quoted += char;
    else if (codePoint < 0x80) quoted += `\\x${hex(codePoint, 2)}`;
    // A lone surrogate: Go holds U+FFFD there, which is printable.
    else if (codePoint >= 0xd800 && codePoint <= 0xdfff) quoted += "\ufffd";
    else if (codePoint <= 0xffff) quoted += `\\u${hex(codePoint, 4)}`;
    else quoted += `\\U${hex(codePoint, 8)}`;
  }
  return quoted + '"';
}

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, "0");
}
