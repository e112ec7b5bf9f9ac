import "server-only";
import { kratosPublic } from "./client";

/** What the identity schema says about one trait (or object of traits), keyed by node name. */
export type TraitHint = { title?: string; enum?: readonly (string | number)[]; isObject?: boolean };
export type TraitHints = Record<string, TraitHint>;

type SchemaNode = { title?: unknown; enum?: unknown; type?: unknown; properties?: Record<string, SchemaNode> };

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
    hints[path] = hint;
    for (const [key, child] of Object.entries(node.properties ?? {})) walk(child, `${path}.${key}`);
  };
  walk((schema as { properties?: { traits?: SchemaNode } } | null)?.properties?.traits, "traits");
  return hints;
}

const cache = new Map<string, { hints: TraitHints; fetchedAt: number }>();
// Schemas change only with a Kratos deploy; a minute keeps every page from asking.
const cacheMs = 60_000;

/** The hints of identity schema `schemaId`; empty when Kratos does not serve it. */
export async function loadTraitHints(schemaId = "default"): Promise<TraitHints> {
  const cached = cache.get(schemaId);
  if (cached && Date.now() - cached.fetchedAt < cacheMs) return cached.hints;
  const response = await kratosPublic(`/schemas/${encodeURIComponent(schemaId)}`);
  const hints = response.status === 200 ? traitHintsFromSchema(response.body) : {};
  cache.set(schemaId, { hints, fetchedAt: Date.now() });
  return hints;
}
