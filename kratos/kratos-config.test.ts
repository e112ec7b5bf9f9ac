// Checks every Kratos config and identity schema in the repo against the JSON
// schemas of the Kratos version kratos/build compiles, so a key at the wrong
// level fails here instead of when Kratos starts.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { compileAsDraft07, loadKratosSchemas } from "./kratos-schemas";
import { clusterSecretsLayer } from "../scripts/kratos-cluster-secrets.mjs";

const kratosDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(kratosDir, "..");
const profilesDir = join(kratosDir, "profiles");

type ConfigMap = Record<string, unknown>;

function isConfigMap(value: unknown): value is ConfigMap {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Kratos (through koanf) merges config files key by key and replaces arrays whole.
function mergeConfig(base: unknown, overlay: unknown): unknown {
  if (!isConfigMap(base) || !isConfigMap(overlay)) return overlay;
  const merged = { ...base };
  for (const [key, value] of Object.entries(overlay)) merged[key] = mergeConfig(base[key], value);
  return merged;
}

function mapAt(config: unknown, path: string[]): ConfigMap {
  let node = config;
  for (const key of path) node = isConfigMap(node) ? node[key] : undefined;
  if (!isConfigMap(node)) throw new Error(`${path.join(".")} is not a map`);
  return node;
}

// scripts/stack.mjs layers generated secrets over every run and Kratos validates
// the merged files; kratos.yml alone lacks the secrets.cipher its ciphers need.
const runtimeSecrets = { secrets: { cookie: ["c".repeat(48)], cipher: ["c".repeat(32)] } };

const kratosYml: unknown = parse(readFileSync(join(kratosDir, "kratos.yml"), "utf8"));
const profiles = existsSync(profilesDir)
  ? readdirSync(profilesDir)
      .filter((file) => file.endsWith(".yml"))
      .sort()
  : [];
const composeOverlay: unknown = parse(readFileSync(join(kratosDir, "compose.overlay.yml"), "utf8"));
const configCases = [
  { name: "kratos.yml", config: mergeConfig(kratosYml, runtimeSecrets) },
  {
    name: "kratos.yml + compose.overlay.yml",
    config: mergeConfig(mergeConfig(kratosYml, composeOverlay), runtimeSecrets),
  },
  // The layers the Kubernetes manifests mount (deploy/kubernetes; deploy/check
  // asserts the rendered ConfigMaps hold exactly these files, in this order).
  {
    name: "kratos.yml + the cluster's production.yml + the example overlay's domain.yml",
    config: mergeConfig(
      ["deploy/kubernetes/base/kratos.production.yml", "deploy/kubernetes/overlays/example/kratos.domain.yml"].reduce(
        (config, file) => mergeConfig(config, parse(readFileSync(join(repoRoot, file), "utf8"))),
        kratosYml,
      ),
      // secrets.yml, made by scripts/kratos-cluster-secrets.mjs as deploy/kubernetes/README.md says.
      clusterSecretsLayer({
        overlay: "deploy/kubernetes/overlays/example",
        uiService: "http://selfservice-ui:3000/",
        webhookKey: "k".repeat(64),
        cookieSecret: "c".repeat(48),
        cipherSecret: "c".repeat(32),
      }),
    ),
  },
  ...profiles.map((profile) => ({
    name: `kratos.yml + profiles/${profile}`,
    config: mergeConfig(
      mergeConfig(kratosYml, parse(readFileSync(join(profilesDir, profile), "utf8"))),
      runtimeSecrets,
    ),
  })),
];

// Kratos runs with kratos/ as its working directory, so file://./x.json is relative to it.
function identitySchemaPath(url: string): string {
  if (!url.startsWith("file://")) throw new Error(`Identity schema ${url}: only file:// URLs are checked here`);
  return resolve(kratosDir, url.slice("file://".length));
}

const referencedSchemas = configCases.flatMap(({ config }) => {
  const schemas = mapAt(config, ["identity"]).schemas;
  return Array.isArray(schemas)
    ? schemas.flatMap((entry) => (isConfigMap(entry) && typeof entry.url === "string" ? [entry.url] : []))
    : [];
});
const identitySchemaFiles = [
  ...new Set([
    ...referencedSchemas.map(identitySchemaPath),
    ...readdirSync(kratosDir)
      .filter((file) => file.endsWith(".schema.json"))
      .map((file) => join(kratosDir, file)),
  ]),
].map((file) => relative(repoRoot, file));

const readIdentitySchema = (file: string): unknown => JSON.parse(readFileSync(join(repoRoot, file), "utf8"));

const kratos = loadKratosSchemas();

describe("Kratos config", () => {
  it.each(configCases)("$name matches Kratos's config schema", ({ config }) => {
    expect(kratos.configErrors(config)).toEqual([]);
  });

  it("rejects a password option moved out of its config block", () => {
    const config = structuredClone(configCases[0]!.config);
    const password = mapAt(config, ["selfservice", "methods", "password"]);
    const options = mapAt(password, ["config"]);
    expect(options).toHaveProperty("haveibeenpwned_enabled");
    password.haveibeenpwned_enabled = options.haveibeenpwned_enabled;
    delete options.haveibeenpwned_enabled;
    expect(kratos.configErrors(config)).toContain(
      '/selfservice/methods/password: unknown key "haveibeenpwned_enabled"',
    );
  });

  it("rejects an unknown key under serve.public", () => {
    const config = mergeConfig(configCases[0]!.config, { serve: { public: { cors_enabled: true } } });
    expect(kratos.configErrors(config)).toContain('/serve/public: unknown key "cors_enabled"');
  });
});

describe("identity schemas", () => {
  it.each(identitySchemaFiles)("%s compiles as JSON Schema draft-07", (file) => {
    expect(() => compileAsDraft07(readIdentitySchema(file))).not.toThrow();
  });

  it.each(identitySchemaFiles)("%s matches Kratos's identity meta-schema", (file) => {
    expect(kratos.identitySchemaErrors(readIdentitySchema(file))).toEqual([]);
  });

  const withPasswordOption = (option: string) => ({
    $schema: "http://json-schema.org/draft-07/schema#",
    type: "object",
    properties: {
      traits: {
        type: "object",
        properties: {
          email: {
            type: "string",
            format: "email",
            "ory.sh/kratos": { credentials: { password: { [option]: true } } },
          },
        },
      },
    },
  });

  it("accepts a password identifier trait", () => {
    expect(kratos.identitySchemaErrors(withPasswordOption("identifier"))).toEqual([]);
  });

  it("rejects a misspelt password identifier option", () => {
    expect(kratos.identitySchemaErrors(withPasswordOption("identifer"))).toEqual([
      '/properties/traits/properties/email/ory.sh~1kratos/credentials/password: unknown key "identifer"',
    ]);
  });

  it("rejects a misspelt keyword when compiling as draft-07", () => {
    const { properties, ...rest } = withPasswordOption("identifier");
    expect(() => compileAsDraft07({ ...rest, propertes: properties })).toThrow(/unknown keyword: "propertes"/);
  });
});
