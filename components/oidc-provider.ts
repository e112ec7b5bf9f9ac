import type { UiNode, UiText } from "@ory/kratos-client-fetch";

/**
 * Providers we know by the id operators usually give them in Kratos's
 * `selfservice.methods.oidc.config.providers[].id`. Each has a mark of ours in
 * app/globals.css (the rule naming its id); any other provider gets the generic one.
 */
export const knownProviders: Readonly<Record<string, string>> = {
  google: "Google",
  github: "GitHub",
  microsoft: "Microsoft",
  apple: "Apple",
  gitlab: "GitLab",
};

// Kratos's OIDC buttons: sign in or up (`provider`) and, in settings, link and unlink.
const providerButtons = new Set(["provider", "link", "unlink"]);

/** The provider id an OIDC button stands for (its value), or undefined for any other node. */
export function oidcProviderOf(node: UiNode): string | undefined {
  const attributes = node.attributes;
  if (node.group !== "oidc" || attributes.node_type !== "input" || !providerButtons.has(attributes.name)) {
    return undefined;
  }
  return typeof attributes.value === "string" ? attributes.value : undefined;
}

/**
 * Kratos's button label with the provider's name: Kratos falls back to the
 * provider's id when the operator gave no `label` ("Sign in with google"), so
 * a well-known id is named as its owner writes it.
 */
export function withProviderName(label: UiText, providerId: string): UiText {
  const context = label.context as { provider?: unknown } | undefined;
  const name = Object.hasOwn(knownProviders, providerId.toLowerCase())
    ? knownProviders[providerId.toLowerCase()]
    : undefined;
  if (!name || context?.provider !== providerId) return label;
  return { ...label, context: { ...context, provider: name } };
}
