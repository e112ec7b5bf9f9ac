import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { UiText } from "@ory/kratos-client-fetch";
import { describe, expect, it } from "vitest";
import { recorded } from "@/e2e/fixtures/recorded";
import { en, skippedMessageIds } from "./messages/en";
import { goFloat, goQuote, type MessageCatalog, uiText } from "./ui-text";

/** A message as Kratos sends it; `type` does not matter to uiText. */
function message(id: number, text: string, context?: object): UiText {
  return { id, text, type: "info", context };
}

/** Every UiText anywhere in `value`: objects with a numeric id, a string text and a string type. */
function uiTextsIn(value: unknown, path: string): { path: string; text: UiText }[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => uiTextsIn(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  const record = value as Record<string, unknown>;
  const own =
    typeof record.id === "number" && typeof record.text === "string" && typeof record.type === "string"
      ? [{ path, text: record as unknown as UiText }]
      : [];
  return [...own, ...Object.entries(record).flatMap(([key, item]) => uiTextsIn(item, `${path}.${key}`))];
}

const flowsDir = fileURLToPath(new URL("../../e2e/fixtures/flows", import.meta.url));
const fixtures = readdirSync(flowsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((flow) =>
    readdirSync(`${flowsDir}/${flow.name}`)
      .filter((file) => file.endsWith(".json"))
      .map((file) => ({ flow: flow.name, state: file.slice(0, -".json".length) })),
  );
const recordedTexts = fixtures.flatMap(({ flow, state }) => uiTextsIn(recorded(flow, state).body, `${flow}/${state}`));

describe("uiText over every message recorded from our Kratos", () => {
  it("finds messages in the fixtures, including ones with context", () => {
    expect(fixtures.length).toBeGreaterThan(0);
    expect(recordedTexts.length).toBeGreaterThan(0);
    expect(recordedTexts.some(({ text }) => text.context !== undefined)).toBe(true);
  });

  it.each(fixtures)("renders $flow/$state exactly as Kratos did", ({ flow, state }) => {
    const texts = recordedTexts.filter(({ path }) => path.startsWith(`${flow}/${state}.`));
    expect(texts.map(({ path, text }) => [path, uiText(text)])).toEqual(
      texts.map(({ path, text }) => [path, text.text]),
    );
  });

  it("has a template for each recorded id, or leaves it out on purpose and falls back", () => {
    const missing = recordedTexts.filter(
      ({ text }) => !Object.hasOwn(en, text.id) && !skippedMessageIds.includes(text.id),
    );
    expect(missing.map(({ path, text }) => `${path}: ${text.id}`)).toEqual([]);
    for (const { text } of recordedTexts.filter(({ text }) => skippedMessageIds.includes(text.id))) {
      expect(en[text.id]).toBeUndefined();
      expect(uiText(text)).toBe(text.text);
    }
  });
});

// Messages built by Kratos v1.3.1's own `text` constructors with made-up arguments
// (NewInfoLoginLinkMessage, NewErrorValidationInvalidFormat, ...), as Kratos serializes them.
const builtByKratos: UiText[] = [
  message(
    1010016,
    'You tried to sign in with "foo@bar.com", but that email is already used by another account. Sign in to your account with one of the options below to add your account "foo@bar.com" at "Google \\"G\\"" as another way to sign in.',
    {
      available_credential_types: ["password"],
      available_providers: ["google"],
      duplicateIdentifier: "foo@bar.com",
      duplicate_identifier: "foo@bar.com",
      newLoginUrl: "https://x/login",
      new_login_url: "https://x/login",
      provider: 'Google "G"',
    },
  ),
  message(
    1010016,
    'You tried to sign in with "a\\tb\\x01\\u00a0é😀\\\\", but that email is already used by another account. Sign in to your account with one of the options below to add your account "a\\tb\\x01\\u00a0é😀\\\\" at "git\\u2028hub" as another way to sign in.',
    {
      available_credential_types: null,
      available_providers: null,
      duplicateIdentifier: "a\tb\u0001\u00a0é😀\\",
      duplicate_identifier: "a\tb\u0001\u00a0é😀\\",
      newLoginUrl: "u",
      new_login_url: "u",
      provider: "git\u2028hub",
    },
  ),
  message(1010002, "Sign in with GitHub", { provider: "GitHub", provider_id: "github" }),
  message(1010018, "Confirm with GitHub", { provider: "GitHub" }),
  message(1010023, "Send code to me@example.com", { address: "me@example.com", channel: "email" }),
  message(1040002, "Sign up with Google", { provider: "Google", provider_id: "google" }),
  message(1050002, "Link Apple", { provider: "Apple" }),
  message(1050003, "Unlink Apple", { provider: "Apple" }),
  message(1050006, "ABCDEF", { secret: "ABCDEF" }),
  message(1050009, "abcd-1234", { secret: "abcd-1234" }),
  message(1050018, 'Remove security key "My "Key" {x}"', {
    added_at: "2023-11-14T22:13:20Z",
    added_at_unix: 1700000000,
    display_name: 'My "Key" {x}',
  }),
  message(1050020, 'Remove passkey "Phone"', {
    added_at: "2023-11-14T22:13:20Z",
    added_at_unix: 1700000000,
    display_name: "Phone",
  }),
  message(1070002, "E-Mail {not a placeholder}", { title: "E-Mail {not a placeholder}" }),
  message(4000001, "something broke", { reason: "something broke" }),
  message(5000001, "system broke", { reason: "system broke" }),
  message(4000002, "Property email is missing.", { property: "email" }),
  message(4000003, "length must be >= 8, but got 3", { actual_length: 3, min_length: 8 }),
  message(4000017, "length must be <= 8, but got 30", { actual_length: 30, max_length: 8 }),
  message(4000004, 'does not match pattern "^[a-z]+\\\\d{2,}\\"$"', { pattern: '^[a-z]+\\d{2,}"$' }),
  message(4000004, 'does not match pattern "é\\u200b\\x7f\\n"', { pattern: "é\u200b\u007f\n" }),
  message(4000023, "maximum 3 items allowed, but found 4 items", { actual_items: 4, max_items: 3 }),
  message(4000024, "minimum 3 items allowed, but found 1 items", { actual_items: 1, min_items: 3 }),
  message(4000025, "items at index 0 and 2 are equal", { index_a: 0, index_b: 2 }),
  message(4000026, "expected string or null, but got number", {
    actual_type: "number",
    allowed_types: ["string", "null"],
  }),
  message(4000026, "expected integer, but got string", { actual_type: "string", allowed_types: ["integer"] }),
  message(4000029, "must be equal to constant foo", { expected: "foo" }),
  message(4000005, "The password can not be used because it is too short.", { reason: "it is too short" }),
  message(4000032, "The password must be at least 8 characters long, but got 4.", { actual_length: 4, min_length: 8 }),
  message(4000033, "The password must be at most 72 characters long, but got 100.", {
    actual_length: 100,
    max_length: 72,
  }),
  message(4000034, "The password has been found in data breaches and must no longer be used.", { breaches: 12 }),
  message(4000018, "must be >= 0.5 but found 1e+06", { actual: 1000000, minimum: 0.5 }),
  message(4000019, "must be > 1 but found 2", { actual: 2, minimum: 1 }),
  message(4000020, "must be <= 1 but found 2", { actual: 2, maximum: 1 }),
  message(4000021, "must be < 1.234567e+06 but found 123456", { actual: 123456, maximum: 1234567 }),
  message(4000022, "1.25e-07 not multipleOf 1e-05", { actual: 1.25e-7, base: 0.00001 }),
];

describe("uiText interpolation", () => {
  it.each(builtByKratos.map((text) => [text.id, text.text, text]))("%i: %s", (_id, _text, text) => {
    expect(Object.hasOwn(en, text.id)).toBe(true);
    expect(uiText(text)).toBe(text.text);
  });

  it("fills a translation's placeholders from the context, in any order", () => {
    const de: MessageCatalog = {
      4000003: "Mindestens {min_length} Zeichen, aber {actual_length} erhalten",
      4000004: "passt nicht zum Muster {pattern, quoted}",
      4000018: "muss mindestens {minimum, number} sein, ist aber {actual, number}",
      4000026: "erwartet {allowed_types, list_or}, aber {actual_type} erhalten",
      1050018: "Sicherheitsschlüssel „{display_name}“ entfernen",
    };
    const min = message(4000003, "length must be >= 8, but got 3", { actual_length: 3, min_length: 8 });
    expect(uiText(min, de)).toBe("Mindestens 8 Zeichen, aber 3 erhalten");
    expect(uiText(message(4000004, "x", { pattern: "a\\b" }), de)).toBe('passt nicht zum Muster "a\\\\b"');
    expect(uiText(message(4000018, "x", { minimum: 1e21, actual: -0.00001 }), de)).toBe(
      "muss mindestens 1e+21 sein, ist aber -1e-05",
    );
    expect(uiText(message(4000026, "x", { allowed_types: ["a", "b", "c"], actual_type: "d" }), de)).toBe(
      "erwartet a or b or c, aber d erhalten",
    );
    expect(uiText(message(1050018, "x", { display_name: "{min_length}" }), de)).toBe(
      "Sicherheitsschlüssel „{min_length}“ entfernen",
    );
  });

  it("keeps Kratos's text for ids a catalog leaves out", () => {
    expect(uiText(message(1070001, "Password"), {})).toBe("Password");
    expect(uiText(message(4000003, "length must be >= 8, but got 3", { min_length: 8, actual_length: 3 }), {})).toBe(
      "length must be >= 8, but got 3",
    );
  });

  it("takes the default English catalog", () => {
    expect(uiText(message(1070001, "Kratos says Password"))).toBe("Password");
    expect(uiText(message(1070002, "old title", { title: "New title" }))).toBe("New title");
  });
});

describe("uiText fallbacks", () => {
  const min = (context?: object) => message(4000003, "Kratos's own text", context);

  it("shows nothing for no message", () => {
    expect(uiText(undefined)).toBe("");
  });

  it("shows Kratos's text for an unknown id", () => {
    expect(uiText(message(9999999, "from a webhook"))).toBe("from a webhook");
    expect(uiText(message(1010000, "never built by Kratos"))).toBe("never built by Kratos");
  });

  it("shows Kratos's text for the ids the catalog leaves out", () => {
    expect(skippedMessageIds.length).toBeGreaterThan(0);
    for (const id of skippedMessageIds) {
      expect(en[id]).toBeUndefined();
      expect(uiText(message(id, `text of ${id}`, { expired_at: "2020-01-01T00:00:00Z" }))).toBe(`text of ${id}`);
    }
    const expired = message(4010001, "The login flow expired 1.00 minutes ago, please try again.", {
      expired_at: "2020-01-01T01:00:00Z",
      expired_at_unix: 1577840400,
    });
    expect(uiText(expired)).toBe(expired.text);
  });

  it("shows Kratos's text when the context lacks a value", () => {
    expect(uiText(min())).toBe("Kratos's own text");
    expect(uiText(min({}))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: 8 }))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: 8, actual_length: undefined }))).toBe("Kratos's own text");
    expect(uiText(min(Object.create({ min_length: 8, actual_length: 3 }) as object))).toBe("Kratos's own text");
  });

  it("shows Kratos's text when the context is not an object", () => {
    expect(uiText(min(null as unknown as object))).toBe("Kratos's own text");
    expect(uiText(min([8, 3]))).toBe("Kratos's own text");
    expect(uiText(min("min_length=8" as unknown as object))).toBe("Kratos's own text");
  });

  it("shows Kratos's text when a value cannot be formatted as Kratos does", () => {
    expect(uiText(min({ min_length: 8.5, actual_length: 3 }))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: 2 ** 53, actual_length: 3 }))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: null, actual_length: 3 }))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: { value: 8 }, actual_length: 3 }))).toBe("Kratos's own text");
    expect(uiText(min({ min_length: true, actual_length: 3 }))).toBe("Kratos's own text");
    expect(uiText(message(4000018, "t", { minimum: "1", actual: 2 }))).toBe("t");
    expect(uiText(message(4000004, "t", { pattern: 1 }))).toBe("t");
    expect(uiText(message(4000026, "t", { allowed_types: "string", actual_type: "x" }))).toBe("t");
    expect(uiText(message(4000026, "t", { allowed_types: ["string", 1], actual_type: "x" }))).toBe("t");
  });

  it("shows Kratos's text when a template is malformed", () => {
    const context = { a: "A" };
    for (const template of ["{a", "a}", "{}", "{ }", "{a, unknown}", "{a, constructor}", "{1a}", "{a b}", "{{a}}"]) {
      expect(uiText(message(1, "Kratos", context), { 1: template })).toBe("Kratos");
    }
    expect(uiText(message(1, "Kratos", context), { 1: "{ a , quoted }!" })).toBe('"A"!');
    expect(uiText(message(1, "Kratos", context), { 1: "no placeholders" })).toBe("no placeholders");
  });

  it("never throws", () => {
    const throwing = {
      get min_length(): number {
        throw new Error("boom");
      },
      actual_length: 3,
    };
    expect(uiText(min(throwing))).toBe("Kratos's own text");
    const badCatalog = new Proxy(
      {},
      {
        has: () => {
          throw new Error("boom");
        },
        getOwnPropertyDescriptor: () => {
          throw new Error("boom");
        },
      },
    );
    expect(uiText(message(1070001, "Password"), badCatalog)).toBe("Password");
    expect(uiText({ id: "1070001", text: 42 } as unknown as UiText)).toBe("");
    expect(uiText({ id: 1070001 } as unknown as UiText)).toBe("Password");
    expect(uiText(null as unknown as UiText)).toBe("");
  });
});

describe("the English catalog", () => {
  it("has well-formed templates that render without falling back", () => {
    const sample = new Map<string | undefined, unknown>([
      [undefined, "x"],
      ["number", 1.5],
      ["quoted", "x"],
      ["list_or", ["x", "y"]],
    ]);
    for (const [id, template] of Object.entries(en)) {
      const context: Record<string, unknown> = {};
      for (const [, name, format] of template.matchAll(/\{(\w+)(?:, (\w+))?\}/g)) context[name!] = sample.get(format);
      expect(template.replace(/\{(\w+)(?:, (\w+))?\}/g, "")).not.toMatch(/[{}]/);
      expect(uiText(message(Number(id), "\u0000fallback", context))).not.toBe("\u0000fallback");
    }
  });

  it("leaves out different ids than it holds", () => {
    expect(skippedMessageIds.filter((id) => Object.hasOwn(en, id))).toEqual([]);
  });
});

describe("goFloat prints numbers as Go's %v prints a float64", () => {
  it.each([
    [0, "0"],
    [-0, "-0"],
    [5, "5"],
    [-3, "-3"],
    [0.5, "0.5"],
    [100000, "100000"],
    [123456, "123456"],
    [999999.9999, "999999.9999"],
    [1e6, "1e+06"],
    [1234567, "1.234567e+06"],
    [12345678.9, "1.23456789e+07"],
    [1e20, "1e+20"],
    [1e21, "1e+21"],
    [0.0001, "0.0001"],
    [0.00001, "1e-05"],
    [0.000099999, "9.9999e-05"],
    [1.25e-7, "1.25e-07"],
    [-0.0001234, "-0.0001234"],
    [Number.MAX_VALUE, "1.7976931348623157e+308"],
    [5e-324, "5e-324"],
    [0.1 + 0.2, "0.30000000000000004"],
  ])("%d -> %s", (value, expected) => {
    expect(goFloat(value)).toBe(expected);
  });

  it("gives up on what is not a finite number", () => {
    for (const value of [NaN, Infinity, "1", null, undefined]) expect(goFloat(value)).toBeUndefined();
  });
});

describe("goQuote quotes as Go's %q", () => {
  it.each([
    ["", '""'],
    ["^[a-z]+$", '"^[a-z]+$"'],
    ['say "hi"\\', '"say \\"hi\\"\\\\"'],
    ["\x07\b\f\n\r\t\v", '"\\a\\b\\f\\n\\r\\t\\v"'],
    ["\x00\x1b\x7f", '"\\x00\\x1b\\x7f"'],
    ["é€😀 ü", '"é€😀 ü"'],
    ["\u00a0\u00ad\u200b\u2028\ufeff", '"\\u00a0\\u00ad\\u200b\\u2028\\ufeff"'],
    ["\u{e0001}\u{f0000}", '"\\U000e0001\\U000f0000"'],
  ])("%j -> %s", (value, expected) => {
    expect(goQuote(value)).toBe(expected);
  });
});
