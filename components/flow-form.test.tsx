// @vitest-environment happy-dom
import {
  LoginFlowFromJSON,
  RegistrationFlowFromJSON,
  SettingsFlowFromJSON,
  VerificationFlowFromJSON,
} from "@ory/kratos-client-fetch";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { recorded } from "@/e2e/fixtures/recorded";
import { traitHintsFromSchema } from "@/lib/kratos/identity-schema";
import { FlowForm } from "./flow-form";

function render(ui: Parameters<typeof FlowForm>[0]["ui"]): Document {
  const html = renderToStaticMarkup(<FlowForm action="/self-service/login?flow=x" ui={ui} />);
  return new DOMParser().parseFromString(html, "text/html");
}

describe("FlowForm over flows recorded from Kratos", () => {
  it("renders the login form with Kratos's names, types and constraints, all enabled", () => {
    const flow = LoginFlowFromJSON(recorded("login", "choose-method").body);
    const doc = render(flow.ui);
    const form = doc.querySelector("form")!;
    expect(form.getAttribute("method")).toBe("post");
    expect(form.getAttribute("action")).toBe("/self-service/login?flow=x");

    const identifier = doc.querySelector<HTMLInputElement>('[data-testid="node/input/identifier"] input')!;
    expect(identifier.required).toBe(true);
    const password = doc.querySelector<HTMLInputElement>('[data-testid="node/input/password"] input')!;
    expect(password.type).toBe("password");
    expect(password.getAttribute("autocomplete")).toBe("current-password");
    expect(doc.querySelector('input[type="hidden"][name="csrf_token"]')?.getAttribute("value")).toBeTruthy();
    expect(doc.querySelectorAll("input:disabled, button:disabled")).toHaveLength(0);

    const passwordButton = doc.querySelector<HTMLButtonElement>('button[name="method"][value="password"]')!;
    expect(passwordButton.type).toBe("submit");
    expect(passwordButton.textContent).toBe("Sign in with password");
    // The code button must not be blocked by the password method's required field.
    expect(doc.querySelector('button[name="method"][value="code"]')!.hasAttribute("formnovalidate")).toBe(true);
    expect(passwordButton.hasAttribute("formnovalidate")).toBe(false);
  });

  it("shows field messages and keeps what was typed, except the password", () => {
    const flow = LoginFlowFromJSON(recorded("login", "invalid-credentials").body);
    const doc = render(flow.ui);
    expect(doc.querySelector('[data-testid="ui/message/4000006"]')?.textContent).toMatch(/credentials are invalid/);
    expect(doc.querySelector<HTMLInputElement>('[data-testid="node/input/identifier"] input')!.value).toMatch(
      /^fixture-/,
    );
    expect(doc.querySelector<HTMLInputElement>('[data-testid="node/input/password"] input')!.value).toBe("");
  });

  it("renders the second registration step with the typed email carried as a hidden input", () => {
    const flow = RegistrationFlowFromJSON(recorded("registration", "choose-method").body);
    const doc = render(flow.ui);
    expect(doc.querySelector('input[type="hidden"][name="traits.email"]')?.getAttribute("value")).toMatch(/^fixture-/);
    expect(doc.querySelector('button[name="screen"][value="previous"]')?.textContent).toBe("Back");
  });

  it("renders the TOTP QR code and the secret as text", () => {
    const flow = SettingsFlowFromJSON(recorded("settings", "show-form").body);
    const doc = render(flow.ui);
    expect(doc.querySelector('img[data-testid="node/image/totp_qr"]')?.getAttribute("src")).toMatch(
      /^data:image\/png;base64,/,
    );
    expect(doc.querySelector('[data-testid="node/text/totp_secret_key/text"] code')?.textContent).toMatch(
      /^[A-Z2-7]{16,}$/,
    );
  });

  it("never blocks a side action such as resending a code with the required-field check", () => {
    const flow = VerificationFlowFromJSON(recorded("verification", "sent-email-from-form").body);
    const doc = render(flow.ui);
    const resend = doc.querySelector('button[name="email"]');
    expect(resend, "Kratos offers a resend button while the code is pending").not.toBeNull();
    expect(resend!.hasAttribute("formnovalidate")).toBe(true);
    expect(doc.querySelector('button[name="method"][value="code"]')!.hasAttribute("formnovalidate")).toBe(false);
  });

  it("renders an enum trait as a select and nested traits in a fieldset", () => {
    const schema: unknown = JSON.parse(readFileSync(join(__dirname, "..", "kratos", "identity.schema.json"), "utf8"));
    const flow = RegistrationFlowFromJSON(recorded("registration", "choose-profile").body);
    const html = renderToStaticMarkup(
      <FlowForm action="/self-service/registration?flow=x" ui={flow.ui} traits={traitHintsFromSchema(schema)} />,
    );
    const doc = new DOMParser().parseFromString(html, "text/html");
    const options = [...doc.querySelectorAll('select[name="traits.locale"] option')].map((option) =>
      option.getAttribute("value"),
    );
    expect(options).toEqual(["", "en", "vi", "de", "fr"]);
    expect(doc.querySelector('[data-testid="trait-group/traits.name"] legend')?.textContent).toBe("Name");
    expect(doc.querySelector('[data-testid="trait-group/traits.name"] input[name="traits.name.last"]')).not.toBeNull();
    expect(doc.querySelector('input[type="checkbox"][name="traits.newsletter"]')).not.toBeNull();
  });
});
