import { VerificationFlowFromJSON } from "@ory/kratos-client-fetch";
import { describe, expect, it } from "vitest";
import { verificationUi } from "./verification-ui";

const csrf = { name: "csrf_token", type: "hidden", value: "token", required: true, node_type: "input" };
const email = { name: "email", type: "email", required: true, node_type: "input" };
const linkButton = { name: "method", type: "submit", value: "link", node_type: "input" };
const continueLabel = { label: { id: 1070009, text: "Continue", type: "info" } };

function flow(state: string, nodes: object[], messages?: object[]) {
  return VerificationFlowFromJSON({
    id: "cfab65ce-353e-4e64-8910-4dc493df61df",
    type: "browser",
    state,
    ui: { action: "http://localhost:4433/self-service/verification", method: "POST", nodes, messages },
  });
}

// What Kratos v1.3.1 answers for the flow its show_verification_ui hook makes with `use: link`.
const afterSignUp = flow("sent_email", [
  { type: "input", group: "default", attributes: csrf, messages: [], meta: {} },
  { type: "input", group: "link", attributes: email, messages: [], meta: { label: { id: 1070007, text: "Email" } } },
  { type: "input", group: "link", attributes: linkButton, messages: [], meta: continueLabel },
  { type: "input", group: "link", attributes: linkButton, messages: [], meta: continueLabel },
]);

describe("verificationUi", () => {
  it("says the link was sent and shows the method's button once after sign-up", () => {
    const ui = verificationUi(afterSignUp);
    expect(ui.messages?.map((message) => message.id)).toEqual([1080001]);
    expect(ui.messages?.[0]?.text).toMatch(/^An email containing a verification link has been sent/);
    expect(ui.nodes.map((node) => (node.attributes as { name: string }).name)).toEqual([
      "csrf_token",
      "email",
      "method",
    ]);
  });

  it("keeps Kratos's own messages and leaves other states alone", () => {
    const kratosMessage = { id: 4070001, text: "The verification token is invalid.", type: "error" };
    expect(verificationUi(flow("sent_email", afterSignUp.ui.nodes, [kratosMessage])).messages).toEqual([kratosMessage]);
    expect(verificationUi(flow("choose_method", afterSignUp.ui.nodes)).messages).toBeUndefined();
  });
});
