// Writes lib/i18n/messages/en.ts, the English message catalog, from the `text`
// package of the Kratos version the wrapper module in kratos/build requires.
//
// text/id.go gives every message id a numeric value; the constructors in
// text/message_*.go give each id its English text and its `context`. A text
// that is a literal becomes a template as is; a fmt.Sprintf text becomes a
// template whose verbs are `{key}` placeholders, where `key` is the context
// key holding the same parameter the verb prints. Anything else (texts built
// from computed values, helper code, verbs we cannot reproduce from the JSON
// context) is left out and listed in the generated file's header comment, so
// uiText shows Kratos's own text for those ids.
//
// Usage: node scripts/generate-message-catalog.mjs
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { kratosModuleDir, kratosVersion } from "./kratos-binary.mjs";

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outFile = join(repoRoot, "lib", "i18n", "messages", "en.ts");

// ---------------------------------------------------------------------------
// A small Go lexer: enough of the language for the text package.

/**
 * @typedef {{ kind: "ident" | "string" | "number" | "char" | "punct", value: string, start: number, end: number }} Token
 */

const punctuation = ["...", ":=", "&&", "||", "==", "!=", "<=", ">=", "++", "--", "+=", "-="];

/** Decodes the body of a Go interpreted string literal (without its quotes). */
function decodeGoString(body) {
  const bytes = [];
  const pushText = (text) => bytes.push(...Buffer.from(text, "utf8"));
  const simple = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, "\\": 92, "'": 39, '"': 34 };
  for (let i = 0; i < body.length;) {
    const codePoint = body.codePointAt(i);
    const char = String.fromCodePoint(codePoint);
    if (char !== "\\") {
      pushText(char);
      i += char.length;
      continue;
    }
    const escape = body[i + 1];
    if (escape in simple) {
      bytes.push(simple[escape]);
      i += 2;
    } else if (escape === "x") {
      bytes.push(parseInt(hexDigits(body, i + 2, 2), 16));
      i += 4;
    } else if (escape === "u" || escape === "U") {
      const length = escape === "u" ? 4 : 8;
      pushText(String.fromCodePoint(parseInt(hexDigits(body, i + 2, length), 16)));
      i += 2 + length;
    } else if (/[0-7]/.test(escape ?? "")) {
      const octal = body.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(octal)) throw new Error(`bad octal escape in Go string: ${body}`);
      bytes.push(parseInt(octal, 8));
      i += 4;
    } else {
      throw new Error(`unknown escape \\${escape} in Go string: ${body}`);
    }
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bytes));
}

function hexDigits(text, start, length) {
  const digits = text.slice(start, start + length);
  if (!new RegExp(`^[0-9a-fA-F]{${length}}$`).test(digits)) throw new Error(`bad hex escape in Go string: ${text}`);
  return digits;
}

/** Splits Go source into tokens, dropping whitespace and comments. */
function lex(source) {
  /** @type {Token[]} */
  const tokens = [];
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    let match;
    if ((match = /^\s+/.exec(rest))) {
      i += match[0].length;
    } else if (rest.startsWith("//")) {
      const end = source.indexOf("\n", i);
      i = end === -1 ? source.length : end;
    } else if (rest.startsWith("/*")) {
      const end = source.indexOf("*/", i + 2);
      if (end === -1) throw new Error("unterminated comment");
      i = end + 2;
    } else if ((match = /^"((?:[^"\\\n]|\\.)*)"/.exec(rest))) {
      tokens.push({ kind: "string", value: decodeGoString(match[1]), start: i, end: i + match[0].length });
      i += match[0].length;
    } else if ((match = /^`([^`]*)`/.exec(rest))) {
      tokens.push({ kind: "string", value: match[1].replaceAll("\r", ""), start: i, end: i + match[0].length });
      i += match[0].length;
    } else if ((match = /^'(?:[^'\\\n]|\\[^\n]+?)'/.exec(rest))) {
      tokens.push({ kind: "char", value: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else if ((match = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(rest))) {
      tokens.push({ kind: "ident", value: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else if ((match = /^(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+)/.exec(rest))) {
      tokens.push({ kind: "number", value: match[0], start: i, end: i + match[0].length });
      i += match[0].length;
    } else {
      const value = punctuation.find((p) => rest.startsWith(p)) ?? rest[0];
      tokens.push({ kind: "punct", value, start: i, end: i + value.length });
      i += value.length;
    }
  }
  return tokens;
}

const opening = new Set(["(", "[", "{"]);
const closing = new Set([")", "]", "}"]);

/** The index of the token closing the bracket opened at `open`. */
function matching(tokens, open) {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== "punct") continue;
    if (opening.has(token.value)) depth++;
    else if (closing.has(token.value) && --depth === 0) return i;
  }
  throw new Error(`unbalanced ${tokens[open]?.value}`);
}

/** Splits tokens at `separator`s that are not nested in brackets; drops a trailing empty part. */
function splitTopLevel(tokens, separator) {
  const parts = [[]];
  let depth = 0;
  for (const token of tokens) {
    if (token.kind === "punct" && opening.has(token.value)) depth++;
    if (token.kind === "punct" && closing.has(token.value)) depth--;
    if (depth === 0 && token.kind === "punct" && token.value === separator) parts.push([]);
    else parts.at(-1).push(token);
  }
  if (parts.at(-1).length === 0) parts.pop();
  return parts;
}

/** True when `tokens` spell exactly `values` (identifiers and punctuation). */
function spells(tokens, values) {
  return tokens.length >= values.length && values.every((value, i) => tokens[i].value === value);
}

/** The tokens between the call parentheses when `tokens` is exactly `callee...(args)`. */
function callArguments(tokens, callee) {
  if (!spells(tokens, [...callee, "("])) return undefined;
  const open = callee.length;
  if (matching(tokens, open) !== tokens.length - 1) return undefined;
  return splitTopLevel(tokens.slice(open + 1, -1), ",");
}

/** A string constant: a literal or literals joined with `+`. */
function stringConstant(tokens) {
  const parts = splitTopLevel(tokens, "+");
  if (parts.length === 0 || !parts.every((part) => part.length === 1 && part[0].kind === "string")) return undefined;
  return parts.map((part) => part[0].value).join("");
}

/** The parameter name when `tokens` is a single identifier. */
function identifier(tokens) {
  return tokens.length === 1 && tokens[0].kind === "ident" ? tokens[0].value : undefined;
}

// ---------------------------------------------------------------------------
// text/id.go: the numeric value of each message id constant.

function parseIds(source) {
  const ids = new Map();
  const tokens = lex(source);
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i].value === "const" && tokens[i + 1]?.value === "(")) continue;
    const close = matching(tokens, i + 1);
    // Each spec sits on its own line; group the block's tokens by line.
    const lines = new Map();
    for (const token of tokens.slice(i + 2, close)) {
      const line = source.slice(0, token.start).split("\n").length;
      lines.set(line, [...(lines.get(line) ?? []), token]);
    }
    let iota = 0;
    let base;
    for (const spec of lines.values()) {
      const [name, ...rest] = spec;
      if (name.kind !== "ident") throw new Error(`unexpected const spec in id.go at ${name.value}`);
      if (rest.length > 0) {
        // `Name ID = 1010000 + iota`: the only explicit form id.go uses.
        const text = rest.map((token) => token.value).join(" ");
        const explicit = /^ID = (\d+) \+ iota$/.exec(text);
        if (!explicit && base === undefined) break; // not a block of message ids
        if (!explicit) throw new Error(`const ${name.value} in id.go: cannot read \`${text}\``);
        base = Number(explicit[1]);
      }
      if (base === undefined) throw new Error(`const ${name.value} in id.go has no value`);
      ids.set(name.value, base + iota);
      iota++;
    }
    i = close;
  }
  return ids;
}

// ---------------------------------------------------------------------------
// text/message_*.go: the constructors.

/**
 * @typedef {{ name: string, params: Map<string, string>, idName: string, text: Token[], context: Map<string, Token[]> | undefined }} Constructor
 */

function parseParams(tokens) {
  /** @type {Map<string, string>} */
  const params = new Map();
  let untyped = [];
  for (const part of splitTopLevel(tokens, ",")) {
    const [name, ...type] = part;
    untyped.push(name.value);
    if (type.length > 0) {
      const typeName = type.map((token) => token.value).join("");
      for (const param of untyped) params.set(param, typeName);
      untyped = [];
    }
  }
  if (untyped.length > 0) throw new Error(`parameters without a type: ${untyped.join(", ")}`);
  return params;
}

/** @returns {Constructor[]} */
function parseConstructors(source) {
  const tokens = lex(source);
  const constructors = [];
  for (let i = 0; i < tokens.length; i++) {
    if (!(tokens[i].value === "func" && tokens[i + 1]?.kind === "ident" && tokens[i + 2]?.value === "(")) continue;
    const name = tokens[i + 1].value;
    const paramsClose = matching(tokens, i + 2);
    const params = parseParams(tokens.slice(i + 3, paramsClose));
    const bodyOpen = tokens.findIndex((token, k) => k > paramsClose && token.value === "{");
    const bodyClose = matching(tokens, bodyOpen);
    const result = tokens.slice(paramsClose + 1, bodyOpen).map((token) => token.value);
    i = bodyClose;
    if (result.join("") !== "*Message") continue;

    const body = tokens.slice(bodyOpen + 1, bodyClose);
    const literals = body.flatMap((token, k) =>
      spells(body.slice(k), ["&", "Message", "{"]) ? [bodyOpen + 1 + k + 2] : [],
    );
    if (literals.length !== 1) throw new Error(`${name} builds ${literals.length} Message literals`);
    const literalOpen = literals[0];
    const fields = new Map();
    for (const field of splitTopLevel(tokens.slice(literalOpen + 1, matching(tokens, literalOpen)), ",")) {
      if (!(field[0]?.kind === "ident" && field[1]?.value === ":")) throw new Error(`${name}: unkeyed Message field`);
      fields.set(field[0].value, field.slice(2));
    }
    const idName = identifier(fields.get("ID") ?? []);
    if (!idName) throw new Error(`${name}: Message.ID is not a constant name`);
    const text = fields.get("Text");
    if (!text) throw new Error(`${name}: Message has no Text`);

    let context;
    const contextField = fields.get("Context");
    if (contextField) {
      const args = callArguments(contextField, ["context"]);
      const map = args?.length === 1 ? args[0] : undefined;
      if (!map || !spells(map, ["map", "[", "string", "]", "any", "{"]) || matching(map, 5) !== map.length - 1) {
        throw new Error(`${name}: Context is not context(map[string]any{...})`);
      }
      context = new Map();
      for (const entry of splitTopLevel(map.slice(6, -1), ",")) {
        if (!(entry[0]?.kind === "string" && entry[1]?.value === ":")) throw new Error(`${name}: bad context entry`);
        context.set(entry[0].value, entry.slice(2));
      }
    }
    constructors.push({ name, params, idName, text, context });
  }
  return constructors;
}

// ---------------------------------------------------------------------------
// Templates.

class Skip extends Error {}

/** Literal template text: braces would read as placeholders, and no Kratos text has any. */
function literal(text) {
  if (/[{}]/.test(text)) throw new Skip(`its text contains a brace: ${JSON.stringify(text)}`);
  return text;
}

/**
 * The context key holding exactly the parameter `expression` names. When a
 * parameter is kept under several keys (Kratos keeps some camelCase keys
 * for compatibility), the snake_case one wins.
 */
function contextKeyFor(constructor, expression) {
  const param = identifier(expression);
  if (!param || !constructor.params.has(param)) {
    throw new Skip(`it prints \`${show(expression)}\`, which is not a parameter`);
  }
  const keys = [...(constructor.context ?? [])].filter(([, value]) => identifier(value) === param).map(([key]) => key);
  const snake = keys.filter((key) => /^[a-z][a-z0-9_]*$/.test(key));
  const chosen = snake.length === 1 ? snake : keys;
  if (chosen.length === 0) throw new Skip(`parameter ${param} is not in its context`);
  if (chosen.length > 1) throw new Skip(`parameter ${param} is in its context under ${chosen.join(", ")}`);
  return { key: chosen[0], type: constructor.params.get(param) };
}

const integerTypes = new Set(["int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32", "uint64"]);

/**
 * The placeholder for one verb printing one argument, so that uiText prints
 * the JSON context value as fmt prints the Go value (see lib/i18n/ui-text.ts).
 */
function placeholder(constructor, verb, argument) {
  const joined = callArguments(argument, ["strings", ".", "Join"]);
  if (joined) {
    // strings.Join(list, " or "), printed with %s: a list format.
    const separator = joined.length === 2 ? stringConstant(joined[1]) : undefined;
    const { key, type } = contextKeyFor(constructor, joined[0] ?? []);
    if (verb !== "s" || type !== "[]string" || separator !== " or ") {
      throw new Skip(`it joins ${key} with ${JSON.stringify(separator)}, which has no list format`);
    }
    return `{${key}, list_or}`;
  }
  const { key, type } = contextKeyFor(constructor, argument);
  if (verb === "q" && type === "string") return `{${key}, quoted}`;
  if (verb === "v" && (type === "float64" || type === "float32")) return `{${key}, number}`;
  if ((verb === "s" || verb === "v") && type === "string") return `{${key}}`;
  if ((verb === "d" || verb === "v") && integerTypes.has(type)) return `{${key}}`;
  // `any`: Kratos v1.3.1 passes a string here (ui/container.go, const); uiText
  // prints strings and integers as %v does and falls back for anything else.
  if (verb === "v" && (type === "any" || type === "interface{}")) return `{${key}}`;
  throw new Skip(`it prints ${key} (${type}) with %${verb}`);
}

/** Go source of an expression, compacted, for messages. */
function show(tokens) {
  return tokens
    .map((token) => (token.kind === "string" ? JSON.stringify(token.value) : token.value === "," ? ", " : token.value))
    .join("");
}

/** Turns a fmt.Sprintf format and its arguments into a template. */
function sprintfTemplate(constructor, format, args) {
  const verb = /%(?:(%)|(\[\d+\])?([-+# 0]*)(\*|\d*)(\.(?:\*|\d*))?([a-zA-Z]))/g;
  const used = new Set();
  let template = "";
  let next = 0;
  let last = 0;
  const text = (segment) => {
    if (segment.includes("%")) throw new Skip(`its format ${JSON.stringify(format)} has a stray %`);
    return literal(segment);
  };
  for (const match of format.matchAll(verb)) {
    template += text(format.slice(last, match.index));
    last = match.index + match[0].length;
    if (match[1]) {
      template += "%";
      continue;
    }
    const [, , index, flags, width, precision, letter] = match;
    if (index) next = Number(index.slice(1, -1)) - 1;
    const argument = args[next];
    if (!argument) throw new Skip(`its format ${JSON.stringify(format)} is missing an argument`);
    used.add(next);
    next++;
    if (flags || width || precision) throw new Skip(`it prints \`${show(argument)}\` with ${match[0]}`);
    template += placeholder(constructor, letter, argument);
  }
  template += text(format.slice(last));
  if (used.size !== args.length) throw new Skip(`its format leaves arguments unused`);
  return template;
}

/** The English template for one constructor, or a Skip explaining why there is none. */
function template(constructor) {
  const constant = stringConstant(constructor.text);
  if (constant !== undefined) return literal(constant);

  const sprintf = callArguments(constructor.text, ["fmt", ".", "Sprintf"]);
  if (sprintf) {
    const format = stringConstant(sprintf[0] ?? []);
    if (format === undefined) throw new Skip(`its format is not a constant`);
    return sprintfTemplate(constructor, format, sprintf.slice(1));
  }

  const param = identifier(constructor.text);
  if (param && constructor.params.has(param)) {
    // The text is a parameter as is (a schema title, a TOTP secret, a reason).
    return placeholder(constructor, "s", constructor.text);
  }
  throw new Skip(`its text is built by code: \`${show(constructor.text)}\``);
}

// ---------------------------------------------------------------------------

function build(textDir) {
  const ids = parseIds(readFileSync(join(textDir, "id.go"), "utf8"));
  const files = readdirSync(textDir)
    .filter((file) => /^message_.*\.go$/.test(file) && !file.endsWith("_test.go"))
    .sort();
  const constructors = files.flatMap((file) => parseConstructors(readFileSync(join(textDir, file), "utf8")));
  if (constructors.length === 0) throw new Error(`no message constructors in ${textDir}`);

  /** @type {Map<number, { names: string[], templates: Set<string>, skips: string[] }>} */
  const byId = new Map();
  for (const constructor of constructors) {
    const id = ids.get(constructor.idName);
    if (id === undefined) throw new Error(`${constructor.name} uses unknown id ${constructor.idName}`);
    const entry = byId.get(id) ?? { names: [], templates: new Set(), skips: [] };
    byId.set(id, entry);
    entry.names.push(constructor.name);
    try {
      entry.templates.add(template(constructor));
    } catch (error) {
      if (!(error instanceof Skip)) throw error;
      entry.skips.push(`${constructor.name}: ${error.message}`);
    }
  }

  const catalog = new Map();
  const skipped = new Map();
  for (const [id, entry] of [...byId].sort(([a], [b]) => a - b)) {
    if (entry.skips.length > 0) skipped.set(id, entry.skips.join("; "));
    else if (entry.templates.size > 1) skipped.set(id, `${entry.names.join(", ")} build different texts`);
    else catalog.set(id, [...entry.templates][0]);
  }
  const unconstructed = [...ids].filter(([, id]) => !byId.has(id)).sort(([, a], [, b]) => a - b);
  return { catalog, skipped, unconstructed, constructors: constructors.length };
}

function render({ catalog, skipped, unconstructed }, version) {
  const comment = (text) => `// ${text}`.trimEnd();
  // Wraps `units` (words, or whole list items) into comment lines.
  const wrap = (units, indent) => {
    const lines = [];
    let line = "";
    for (const unit of units) {
      if (line.trim() && line.length + unit.length + 1 > 110) {
        lines.push(line);
        line = indent;
      }
      line += line.trim() ? ` ${unit}` : unit;
    }
    lines.push(line);
    return lines.map(comment);
  };
  const words = (text) => text.match(/(?:`[^`]*`|[^\s`])+/g) ?? [];
  const header = [
    comment(`generated by scripts/generate-message-catalog.mjs from Kratos ${version}; do not edit`),
    comment(""),
    comment("English templates keyed by Kratos message id; lib/i18n/ui-text.ts fills in the placeholders from the"),
    comment("message's `context` and documents the formats."),
    comment(""),
    comment(`Left out, so uiText shows Kratos's own text (${skipped.size}):`),
    ...[...skipped].flatMap(([id, reason]) => wrap(["-", String(id), ...words(reason)], "   ")),
    comment(""),
    comment(`Defined in text/id.go but built by no constructor in text/ (${unconstructed.length}):`),
    ...wrap(
      unconstructed.map(([name, id], i) => `${id} ${name}${i < unconstructed.length - 1 ? "," : ""}`),
      "",
    ),
  ];
  return [
    ...header,
    "",
    "/** English message templates keyed by Kratos message id. */",
    "export const en: Readonly<Record<number, string>> = {",
    ...[...catalog].map(([id, text]) => `  ${id}: ${JSON.stringify(text)},`),
    "};",
    "",
    "/** Message ids Kratos builds whose text the catalog leaves to Kratos (see above). */",
    `export const skippedMessageIds: readonly number[] = [${[...skipped.keys()].join(", ")}];`,
    "",
  ].join("\n");
}

const version = kratosVersion();
const textDir = join(kratosModuleDir(), "text");
const result = build(textDir);
const source = render(result, version);
const options = (await prettier.resolveConfig(outFile)) ?? {};
const formatted = await prettier.format(source, { ...options, filepath: outFile });
mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, formatted);
console.error(
  `Wrote ${outFile}: ${result.catalog.size} ids from ${result.constructors} constructors, ` +
    `${result.skipped.size} left out (${[...result.skipped.keys()].join(", ")}).`,
);
