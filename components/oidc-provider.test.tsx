// @vitest-environment happy-dom
import type { UiNode, UiNodeInputAttributes } from "@ory/kratos-client-fetch";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NodeInput } from "./node-input";
import { knownProviders, oidcProviderOf, withProviderName } from "./oidc-provider";

// An OIDC button as Kratos v1.3.1 builds it (selfservice/strategy/oidc, text.NewInfoLoginWith):
// without a configured label, the provider's id stands in for its name.
function providerButton(id: string, label: string, name = "provider"): UiNode {
  return {
    type: "input",
    group: "oidc",
    attributes: { name, type: "submit", value: id, node_type: "input", disabled: false },
    messages: [],
    meta: {
      label:
        name === "link"
          ? { id: 1050002, text: `Link ${label}`, type: "info", context: { provider: label } }
          : { id: 1010002, text: `Sign in with ${label}`, type: "info", context: { provider: label, provider_id: id } },
    },
  };
}

function renderButton(node: UiNode, locale: "en" | "fr" = "en"): HTMLButtonElement {
  const html = renderToStaticMarkup(
    <NodeInput node={node} attributes={node.attributes as UiNodeInputAttributes} formNoValidate locale={locale} />,
  );
  return new DOMParser().parseFromString(html, "text/html").querySelector("button")!;
}

describe("OIDC provider buttons", () => {
  it("name a well-known provider as its owner writes it when Kratos only has its id", () => {
    expect(renderButton(providerButton("google", "google")).textContent).toBe("Sign in with Google");
    expect(renderButton(providerButton("github", "github"), "fr").textContent).toBe("Se connecter avec GitHub");
    expect(renderButton(providerButton("gitlab", "gitlab", "link")).textContent).toBe("Link GitLab");
  });

  it("keep the label the operator configured, and any provider we do not know, as Kratos sends them", () => {
    expect(renderButton(providerButton("google", "Google Workspace")).textContent).toBe(
      "Sign in with Google Workspace",
    );
    expect(renderButton(providerButton("local", "Local OIDC")).textContent).toBe("Sign in with Local OIDC");
    expect(renderButton(providerButton("acme", "acme")).textContent).toBe("Sign in with acme");
  });

  it("are only the oidc group's provider, link and unlink buttons", () => {
    expect(oidcProviderOf(providerButton("google", "google"))).toBe("google");
    expect(oidcProviderOf(providerButton("google", "google", "unlink"))).toBe("google");
    expect(oidcProviderOf({ ...providerButton("google", "google"), group: "password" })).toBeUndefined();
    expect(oidcProviderOf(providerButton("password", "x", "method"))).toBeUndefined();
    const label = providerButton("google", "google").meta.label!;
    expect(withProviderName(label, "GOOGLE")).toBe(label);
  });

  it("each well-known provider has its own mark in the style sheet, and every OIDC button a fallback", () => {
    const css = readFileSync(join(__dirname, "..", "app", "globals.css"), "utf8");
    const buttons = 'button:is([name="provider"], [name="link"], [name="unlink"])';
    expect(css).toContain(`${buttons} {\n  --provider-mark: url("data:image/svg+xml,`);
    expect(css).toContain(`${buttons}::before {`);
    for (const id of Object.keys(knownProviders)) {
      expect(css).toContain(`${buttons}[value="${id}" i] {\n  --provider-mark: url("data:image/svg+xml,`);
    }
  });
});
