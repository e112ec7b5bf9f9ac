// @vitest-environment happy-dom
import { LoginFlowFromJSON, RegistrationFlowFromJSON, SettingsFlowFromJSON } from "@ory/kratos-client-fetch";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { recorded } from "@/e2e/fixtures/recorded";
import { prefillIdentifier } from "@/lib/flows/flow-view";
import { FlowForm, primaryAction } from "./flow-form";

function render(element: React.ReactElement): Document {
  return new DOMParser().parseFromString(renderToStaticMarkup(element), "text/html");
}

describe("one primary action per step", () => {
  it("makes the password button primary on the login page and puts the other methods under an 'or'", () => {
    const flow = LoginFlowFromJSON(recorded("login", "choose-method").body);
    const primary = primaryAction(flow.ui.nodes);
    expect(primary?.attributes).toMatchObject({ name: "method", value: "password" });
    const doc = render(<FlowForm action="/x" ui={flow.ui} locale="de" />);
    expect(doc.querySelectorAll(".btn-primary")).toHaveLength(1);
    expect(doc.querySelector(".btn-primary")?.getAttribute("value")).toBe("password");
    const divider = doc.querySelector('[data-testid="or-divider"]')!;
    expect(divider.textContent).toBe("oder");
    // The code button comes after the divider, as a secondary button.
    const code = doc.querySelector('button[name="method"][value="code"]')!;
    expect(code.className).toBe("btn-secondary");
    expect(divider.compareDocumentPosition(code) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // The password field stays before the primary button, in the same form.
    const password = doc.querySelector('input[name="password"]')!;
    expect(
      password.compareDocumentPosition(doc.querySelector(".btn-primary")!) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
  });

  it("keeps 'Back' out of the alternatives on the second registration step", () => {
    const flow = RegistrationFlowFromJSON(recorded("registration", "choose-method").body);
    const doc = render(<FlowForm action="/x" ui={flow.ui} locale="en" />);
    expect(doc.querySelector(".btn-primary")?.getAttribute("value")).toBe("password");
    expect(doc.querySelector('button[name="screen"]')?.className).toBe("link text-sm");
  });
});

describe("settings", () => {
  it("shows the authenticator app's QR code and secret only behind 'Set up'", () => {
    const flow = SettingsFlowFromJSON(recorded("settings", "show-form").body);
    const doc = render(<FlowForm action="/x" ui={flow.ui} splitByGroup locale="fr" />);
    const setUp = doc.querySelector('[data-testid="totp-setup"]')!;
    expect(setUp.tagName).toBe("DETAILS");
    expect(setUp.hasAttribute("open")).toBe(false);
    expect(setUp.querySelector("summary")?.textContent).toBe("Configurer");
    expect(setUp.querySelector('img[data-testid="node/image/totp_qr"]')).not.toBeNull();
    expect(setUp.querySelector('[data-testid="node/text/totp_secret_key/text"]')).not.toBeNull();
  });

  it("puts the profile first and gives the navigation's Profile and Security their anchors", () => {
    const flow = SettingsFlowFromJSON(recorded("settings", "show-form").body);
    // Kratos lists passkeys before the profile.
    expect(flow.ui.nodes.find((node) => node.group !== "default")?.group).toBe("passkey");
    const doc = render(<FlowForm action="/x" ui={flow.ui} splitByGroup locale="en" />);
    const sections = [...doc.querySelectorAll("section[data-testid^='flow-group/']")];
    expect(sections[0]?.getAttribute("data-testid")).toBe("flow-group/profile");
    expect(doc.getElementById("profile")?.getAttribute("data-testid")).toBe("flow-group/profile");
    // Passkeys can only be added with JavaScript here, so Security leads to the password, shown either way.
    expect(doc.querySelector('[data-testid="flow-group/passkey"]')?.hasAttribute("data-js-only")).toBe(true);
    expect(doc.getElementById("security")?.getAttribute("data-testid")).toBe("flow-group/password");
  });
});

describe("errors", () => {
  it("sums up field errors at the top, each linked to its input, which names its message", () => {
    const flow = LoginFlowFromJSON(recorded("login", "invalid-credentials").body);
    const withFieldError = {
      ...flow.ui,
      nodes: flow.ui.nodes.map((node) =>
        node.attributes.node_type === "input" && node.attributes.name === "password"
          ? {
              ...node,
              messages: [
                { id: 4000032, type: "error" as const, text: "x", context: { min_length: 8, actual_length: 3 } },
              ],
            }
          : node,
      ),
    };
    const doc = render(<FlowForm action="/x" ui={withFieldError} locale="en" />);
    const link = doc.querySelector<HTMLAnchorElement>('[data-testid="error-summary"] a')!;
    expect(link.getAttribute("href")).toBe("#input-password");
    expect(link.textContent).toBe("Password: The password must be at least 8 characters long, but got 3.");
    const input = doc.getElementById("input-password")!;
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(doc.getElementById(input.getAttribute("aria-describedby")!)?.textContent).toMatch(/at least 8/);
  });
});

describe("the refresh login", () => {
  it("fills an empty identifier with the signed-in user's and leaves a given one alone", () => {
    const flow = LoginFlowFromJSON(recorded("login", "choose-method").body);
    const identifierOf = (ui: typeof flow.ui) =>
      ui.nodes.find((node) => node.attributes.node_type === "input" && node.attributes.name === "identifier")!
        .attributes;
    expect(identifierOf(prefillIdentifier(flow.ui, "me@example.com"))).toMatchObject({ value: "me@example.com" });
    const typed = prefillIdentifier(flow.ui, "typed@example.com");
    expect(identifierOf(prefillIdentifier(typed, "other@example.com"))).toMatchObject({ value: "typed@example.com" });
    expect(prefillIdentifier(flow.ui, undefined)).toBe(flow.ui);
  });
});

describe("focus after a failed post", () => {
  it("starts at the flow's error, without JavaScript (autofocus on a tabindex=-1 element)", () => {
    const flow = LoginFlowFromJSON(recorded("login", "invalid-credentials").body);
    const doc = render(<FlowForm action="/x" ui={flow.ui} locale="en" />);
    const focused = doc.querySelectorAll("[autofocus]");
    expect(focused).toHaveLength(1);
    expect(focused[0]!.getAttribute("tabindex")).toBe("-1");
    expect(focused[0]!.textContent).toMatch(/credentials/i);
  });

  it("focuses nothing on a page without errors", () => {
    const flow = LoginFlowFromJSON(recorded("login", "choose-method").body);
    expect(render(<FlowForm action="/x" ui={flow.ui} locale="en" />).querySelectorAll("[autofocus]")).toHaveLength(0);
  });
});

describe("the login identifier's label", () => {
  it("is ours where the page gives one, in the field and the error summary; the input stays Kratos's", () => {
    const flow = LoginFlowFromJSON(recorded("login", "invalid-credentials").body);
    const withFieldError = {
      ...flow.ui,
      nodes: flow.ui.nodes.map((node) =>
        node.attributes.node_type === "input" && node.attributes.name === "identifier"
          ? {
              ...node,
              messages: [{ id: 4000002, type: "error" as const, text: "x", context: { property: "identifier" } }],
            }
          : node,
      ),
    };
    const ours = { identifier: "E-Mail-Adresse oder Telefonnummer" };
    const doc = render(<FlowForm action="/x" ui={withFieldError} fieldLabels={ours} locale="de" />);
    const input = doc.getElementById("input-identifier")!;
    expect(doc.querySelector('label[for="input-identifier"]')?.textContent).toBe(ours.identifier);
    expect(input.getAttribute("autocomplete")).toBe("username webauthn");
    expect(input.getAttribute("type")).toBe("text");
    expect(doc.querySelector('[data-testid="error-summary"] a')?.textContent).toMatch(
      /^E-Mail-Adresse oder Telefonnummer: /,
    );
    // Every other label is still Kratos's, in the page's language.
    expect(doc.querySelector('label[for="input-password"]')?.textContent).toBe("Passwort");
  });

  it("is Kratos's where the page gives none: 'ID' (1070004), since our schema has two identifier traits", () => {
    const flow = LoginFlowFromJSON(recorded("login", "choose-method").body);
    const identifier = flow.ui.nodes.find(
      (node) => node.attributes.node_type === "input" && node.attributes.name === "identifier",
    )!;
    expect(identifier.meta.label).toMatchObject({ id: 1070004, text: "ID" });
    const doc = render(<FlowForm action="/x" ui={flow.ui} locale="en" />);
    expect(doc.querySelector('label[for="input-identifier"]')?.textContent).toBe("ID");
  });
});
