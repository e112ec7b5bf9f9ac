import "server-only";
import { kratosPublic } from "./client";

/** What the identity schema says about one trait (or object of traits), keyed by node name. */
export type TraitHint = {
  title?: string;
  enum?: readonly (string | number)[];
  isObject?: boolean;
  /** The credentials that take this trait as the sign-in identifier (password, code, webauthn, …). */
  identifierFor?: readonly string[];
};
export type TraitHints = Record<string, TraitHint>;

type SchemaNode = {
  title?: unknown;
  enum?: unknown;
  type?: unknown;
  properties?: Record<string, SchemaNode>;
  "ory.sh/kratos"?: { credentials?: Record<string, { identifier?: unknown } | null> | null } | null;
};

// Kratos's extension marks a trait `credentials.<type>.identifier: true` when
// that credential type signs in with it (passkeys take none: they are discoverable).
function identifierCredentials(node: SchemaNode): string[] {
  const credentials = node["ory.sh/kratos"]?.credentials;
  if (!credentials || typeof credentials !== "object") return [];
  return Object.entries(credentials)
    .filter(([, config]) => config?.identifier === true)
    .map(([type]) => type);
}

/** Walks the schema's traits into hints keyed as Kratos names the nodes: traits.name.first. */
export function traitHintsFromSchema(schema: unknown): TraitHints {
  const hints: TraitHints = {};
  const walk = (node: SchemaNode | undefined, path: string) => {
    if (!node || typeof node !== "object") return;
    const hint: TraitHint = {};
    if (typeof node.title === "string") hint.title = node.title;
    if (Array.isArray(node.enum)) {
      hint.enum = node.enum.filter((value): value is string | number => ["string", "number"].includes(typeof value));
    }
    if (node.type === "object" || node.properties) hint.isObject = true;
    const identifierFor = identifierCredentials(node);
    if (identifierFor.length > 0) hint.identifierFor = identifierFor;
    hints[path] = hint;
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
  };
  walk((schema as { properties?: { traits?: SchemaNode } } | null)?.properties?.traits, "traits");
  return hints;
}

const cache = new Map<string, { hints: TraitHints; fetchedAt: number }>();
// Schemas change only with a Kratos deploy; a minute keeps every page from asking.
const cacheMs = 60_000;

/**
 * The schema Kratos uses where a flow names none: registration, and login, whose
 * flows carry no schema id in v1.3.1 (Kratos labels the identifier from its
 * default schema too). Matches `identity.default_schema_id` in kratos/kratos.yml.
 */
export const defaultSchemaId = "default";

/** The hints of identity schema `schemaId`, cached for a minute; empty when Kratos does not serve it. */
export async function loadTraitHints(schemaId = defaultSchemaId): Promise<TraitHints> {
  const cached = cache.get(schemaId);
  if (cached && Date.now() - cached.fetchedAt < cacheMs) return cached.hints;
  const response = await kratosPublic(`/schemas/${encodeURIComponent(schemaId)}`);
  const hints = response.status === 200 ? traitHintsFromSchema(response.body) : {};
  cache.set(schemaId, { hints, fetchedAt: Date.now() });
  return hints;
}
