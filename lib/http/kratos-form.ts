// Reads a urlencoded form body the way Kratos (Go's net/http and ory/x's
// decoderx) reads it, so that the rate limiter keys an attempt on exactly the
// value Kratos will check, whatever else the body carries. Pure: no server
// imports, so unit tests and the bench can load it.

/**
 * The form as Go's url.ParseQuery sees it, or undefined where Go refuses the
 * whole body (a `;` separator or a malformed escape): Kratos then answers 400
 * without checking anything. Values keep Go's raw bytes (invalid UTF-8 too).
 */
export function parseKratosForm(body: string): Map<string, Buffer[]> | undefined {
  const form = new Map<string, Buffer[]>();
  for (const pair of body.split("&")) {
    if (pair === "") continue;
    if (pair.includes(";")) return undefined;
    const equals = pair.indexOf("=");
    const key = unescapeQuery(equals === -1 ? pair : pair.slice(0, equals));
    const value = unescapeQuery(equals === -1 ? "" : pair.slice(equals + 1));
    if (key === undefined || value === undefined) return undefined;
    const name = key.toString("latin1");
    form.set(name, [...(form.get(name) ?? []), value]);
  }
  return form;
}

/** Go's url.QueryUnescape: `+` is a space, `%XX` a byte, any other `%` an error. */
function unescapeQuery(text: string): Buffer | undefined {
  const bytes: number[] = [];
  const raw = Buffer.from(text, "utf8");
  for (let index = 0; index < raw.length; index++) {
    const byte = raw[index]!;
    if (byte === 0x25) {
      const hex = raw.subarray(index + 1, index + 3).toString("latin1");
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) return undefined;
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else bytes.push(byte === 0x2b ? 0x20 : byte);
  }
  return Buffer.from(bytes);
}

/** The first value of a field, as decoderx takes it for a string (`values.Get`); "" when absent. */
export function firstValue(form: Map<string, Buffer[]>, name: string): Buffer {
  return form.get(Buffer.from(name, "utf8").toString("latin1"))?.[0] ?? Buffer.alloc(0);
}

/** Go's utf8.DecodeRune: each invalid byte is one U+FFFD, as strings.Map writes it. */
function goRunes(bytes: Buffer): number[] {
  const runes: number[] = [];
  let index = 0;
  while (index < bytes.length) {
    const [rune, width] = decodeRune(bytes, index);
    runes.push(rune);
    index += width;
  }
  return runes;
}

function decodeRune(bytes: Buffer, at: number): [number, number] {
  const first = bytes[at]!;
  if (first < 0x80) return [first, 1];
  const continuation = (offset: number, low = 0x80, high = 0xbf) => {
    const byte = bytes[at + offset];
    return byte !== undefined && byte >= low && byte <= high ? byte & 0x3f : undefined;
  };
  if (first >= 0xc2 && first <= 0xdf) {
    const b1 = continuation(1);
    if (b1 !== undefined) return [((first & 0x1f) << 6) | b1, 2];
  } else if (first >= 0xe0 && first <= 0xef) {
    const b1 = continuation(1, first === 0xe0 ? 0xa0 : 0x80, first === 0xed ? 0x9f : 0xbf);
    const b2 = b1 === undefined ? undefined : continuation(2);
    if (b1 !== undefined && b2 !== undefined) return [((first & 0x0f) << 12) | (b1 << 6) | b2, 3];
  } else if (first >= 0xf0 && first <= 0xf4) {
    const b1 = continuation(1, first === 0xf0 ? 0x90 : 0x80, first === 0xf4 ? 0x8f : 0xbf);
    const b2 = b1 === undefined ? undefined : continuation(2);
    const b3 = b2 === undefined ? undefined : continuation(3);
    if (b1 !== undefined && b2 !== undefined && b3 !== undefined)
      return [((first & 0x07) << 18) | (b1 << 12) | (b2 << 6) | b3, 4];
  }
  return [0xfffd, 1];
}

/** Go's unicode.IsSpace: note U+0085 is a space and U+FEFF is not (unlike JavaScript's trim). */
function isGoSpace(rune: number): boolean {
  return (
    (rune >= 0x09 && rune <= 0x0d) ||
    rune === 0x20 ||
    rune === 0x85 ||
    rune === 0xa0 ||
    rune === 0x1680 ||
    (rune >= 0x2000 && rune <= 0x200a) ||
    rune === 0x2028 ||
    rune === 0x2029 ||
    rune === 0x202f ||
    rune === 0x205f ||
    rune === 0x3000
  );
}

/**
 * Capitals added in Unicode 16, which Node's ICU lowers and Go's tables
 * (Unicode 15, as in the Go that builds Kratos v1.3.1) leave as they are.
 * Found by comparing every code point with Go 1.26's unicode.ToLower.
 */
function newerThanGo(rune: number): boolean {
  return (
    rune === 0x1c89 ||
    [0xa7cb, 0xa7cc, 0xa7ce, 0xa7d2, 0xa7d4, 0xa7da, 0xa7dc].includes(rune) ||
    (rune >= 0x10d50 && rune <= 0x10d65) ||
    (rune >= 0x16ea0 && rune <= 0x16eb8)
  );
}

/**
 * Go's unicode.ToLower, one rune to one rune (simple case mapping). JavaScript's
 * toLowerCase uses the full mapping, where U+0130 (İ) becomes two runes and a
 * final Σ depends on its neighbours; per rune, only U+0130 still differs.
 */
function goToLowerRune(rune: number): number {
  if (rune === 0x130) return 0x69;
  if (rune < 0x41 || newerThanGo(rune)) return rune;
  const lower = String.fromCodePoint(rune).toLowerCase();
  const only = lower.codePointAt(0)!;
  return lower.length === String.fromCodePoint(only).length ? only : rune;
}

/**
 * What Kratos compares a password, code or WebAuthn identifier by:
 * strings.ToLower(strings.TrimSpace(value)) (persister_identity.go's
 * NormalizeIdentifier), also used for recovery and verification addresses.
 */
export function normalizeIdentifier(value: Buffer): string {
  const runes = goRunes(value);
  let start = 0;
  let end = runes.length;
  while (start < end && isGoSpace(runes[start]!)) start++;
  while (end > start && isGoSpace(runes[end - 1]!)) end--;
  return String.fromCodePoint(...runes.slice(start, end).map(goToLowerRune));
}

/**
 * The value of the first non-empty field among `names`, as Go's
 * stringsx.Coalesce picks it (password login: `identifier`, then the legacy
 * `password_identifier`). A field of spaces is not empty to Coalesce.
 */
export function coalesce(form: Map<string, Buffer[]>, ...names: string[]): Buffer {
  for (const name of names) {
    const value = firstValue(form, name);
    if (value.length > 0) return value;
  }
  return Buffer.alloc(0);
}

/**
 * Go's http.Request.Cookie(name): the first cookie of that name whose value Go
 * accepts (printable ASCII without `"`, `;` or `\\`, optionally quoted), unquoted.
 * Kratos reads its session cookie so; a junk cookie of the same name placed
 * first is skipped by Go, and must be skipped here too.
 */
export function goCookie(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const trimmed = part.replace(/^[ \t]+|[ \t]+$/g, "");
    const equals = trimmed.indexOf("=");
    if (equals === -1 || trimmed.slice(0, equals) !== name) continue;
    let value = trimmed.slice(equals + 1);
    if (value.length > 1 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (/^[\x20-\x7e]*$/.test(value) && !/["\\;]/.test(value)) return value;
  }
  return undefined;
}

/**
 * A JSON body as the urlencoded form this module reads: Kratos decodes both
 * into the same fields, so nested objects become dotted names (`traits.email`).
 */
export function jsonAsKratosForm(body: Record<string, unknown>): string {
  const form = new URLSearchParams();
  const add = (prefix: string, value: unknown) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) add(`${prefix}.${key}`, inner);
    } else if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
      form.append(prefix, String(value));
    }
  };
  for (const [key, value] of Object.entries(body)) add(key, value);
  return form.toString();
}
