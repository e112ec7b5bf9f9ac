/**
 * The props that have a value. React writes an undefined prop into the page's
 * RSC payload as "$undefined", and the login page's JavaScript budget pays for
 * every such byte (ARCHITECTURE.md, "The login page's JavaScript budget").
 */
export function present<T extends Record<string, unknown>>(props: T): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([, value]) => value !== undefined)) as Partial<T>;
}
