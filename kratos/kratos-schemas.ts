// Kratos's own JSON schemas for its config and for identity schemas, read from
// the Go module cache at the versions kratos/build compiles, so the checks move
// with every Kratos upgrade.
import Ajv, { type ErrorObject, type Options } from "ajv";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kratosModuleDir, wrapperDir } from "../scripts/kratos-binary.mjs";

// The formats Kratos's validator (github.com/ory/jsonschema/v3) knows, the
// "no-validate" Kratos adds for traits and the "uuid" its config schema names
// (which that validator ignores). Ajv refuses formats it has not been told
// about; the values themselves are Kratos's to check, so each accepts anything.
const KRATOS_FORMATS = [
  "date-time",
  "date",
  "time",
  "hostname",
  "email",
  "tel",
  "ip-address",
  "ipv4",
  "ipv6",
  "uri",
  "iri",
  "uri-reference",
  "uriref",
  "iri-reference",
  "uri-template",
  "regex",
  "json-pointer",
  "relative-json-pointer",
  "no-validate",
  "uuid",
];

const formats: Options["formats"] = Object.fromEntries(KRATOS_FORMATS.map((name) => [name, true]));

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** The source of a dependency at the version the wrapper module's build list selects. */
function dependencyDir(modulePath: string): string {
  const out = execFileSync("go", ["mod", "download", "-json", modulePath], {
    cwd: wrapperDir,
    env: { ...process.env, GOTOOLCHAIN: "local" },
    encoding: "utf8",
  });
  return (JSON.parse(out) as { Dir: string }).Dir;
}

function describeError(error: ErrorObject): string {
  const path = error.instancePath || "/";
  if (error.keyword === "additionalProperties") return `${path}: unknown key "${error.params.additionalProperty}"`;
  return `${path}: ${error.message}`;
}

export interface KratosSchemas {
  /** Why Kratos would refuse this (merged) config; empty when it is accepted. */
  configErrors(config: unknown): string[];
  /** Why Kratos would refuse this identity schema; empty when it is accepted. */
  identitySchemaErrors(schema: unknown): string[];
}

export function loadKratosSchemas(): KratosSchemas {
  const embedx = join(kratosModuleDir(), "embedx");
  const ajv = new Ajv({
    allErrors: true,
    formats,
    // Kratos's schemas are written for a Go validator, not for Ajv's strict mode:
    // they carry editor keywords (deprecationMessage, showEnvVarBlockForObject),
    // untyped if/then branches and additionalItems without tuple items.
    strict: false,
    // Go's regexp takes a lone "]" as a literal, as JavaScript does only without
    // the u flag; ory/x's tracing schema has one in its Jaeger address pattern.
    unicodeRegExp: false,
  });
  // Besides Ajv's built-in draft-07 meta-schema, the only non-local $refs in
  // Kratos's schemas; a new one fails to compile here.
  ajv.addSchema(readJson(join(dependencyDir("github.com/ory/x"), "otelx", "config.schema.json")) as object);
  ajv.addSchema(readJson(join(embedx, "identity_extension.schema.json")) as object);
  const validateConfig = ajv.compile(readJson(join(embedx, "config.schema.json")) as object);
  const validateIdentitySchema = ajv.compile(readJson(join(embedx, "identity_meta.schema.json")) as object);
  return {
    configErrors: (config) => (validateConfig(config) ? [] : (validateConfig.errors ?? []).map(describeError)),
    identitySchemaErrors: (schema) =>
      validateIdentitySchema(schema) ? [] : (validateIdentitySchema.errors ?? []).map(describeError),
  };
}

// Ajv keyword names cannot hold "." or "/", so strict mode cannot be taught
// Kratos's vendor keyword; the identity meta-schema checks that block instead.
function withoutKratosKeyword(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutKratosKeyword);
  if (typeof node !== "object" || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key]) => key !== "ory.sh/kratos")
      .map(([key, value]) => [key, withoutKratosKeyword(value)]),
  );
}

/**
 * Compiles an identity schema as draft-07, throwing on anything Ajv's strict
 * mode rejects. Kratos itself ignores unknown keywords, so this is stricter on
 * purpose: a misspelt keyword silently drops a constraint.
 */
export function compileAsDraft07(schema: unknown): void {
  // A fresh instance per schema, as two files may share an $id.
  new Ajv({ formats, strictTypes: false, strictTuples: false }).compile(withoutKratosKeyword(schema) as object);
}
