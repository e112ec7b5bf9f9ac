// What an identity's traits say, for server code and components alike: traits
// are free-form JSON shaped by the identity schema, so every read checks the type.

/** The identity's email trait, if the schema has one and it is set. */
export function traitEmail(traits: unknown): string | undefined {
  const email = (traits as { email?: unknown } | null | undefined)?.email;
  return typeof email === "string" ? email : undefined;
}
