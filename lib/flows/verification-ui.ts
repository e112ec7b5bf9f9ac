import type { UiContainer, UiNode, UiText, VerificationFlow } from "@ory/kratos-client-fetch";
import { en } from "../i18n/messages/en";

// InfoSelfServiceVerificationEmailSent in Kratos's text/id.go.
const linkSentMessageId = 1080001;

function nodeIdentity(node: UiNode): string {
  return JSON.stringify([node.type, node.group, node.attributes]);
}

/**
 * A verification flow's UI as the page shows it. With `use: link`, the flow that
 * Kratos v1.3.1's show_verification_ui hook makes after sign-up is in state
 * `sent_email` and the link is mailed, but the flow carries no "link sent"
 * message (only a form submission sets it) and the link method's button twice
 * (hook/verification.go populates a form NewFlow already populated). We add
 * Kratos's own message and drop the identical copy, so the page says a link
 * was sent and shows one button.
 */
export function verificationUi(flow: VerificationFlow): UiContainer {
  const seen = new Set<string>();
  const nodes = flow.ui.nodes.filter((node) => {
    const identity = nodeIdentity(node);
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
  const linkSent =
    flow.state === "sent_email" &&
    !flow.ui.messages?.length &&
    nodes.some((node) => node.group === "link" && node.attributes.node_type === "input");
  const messages: UiText[] | undefined = linkSent
    ? [{ id: linkSentMessageId, type: "info", text: en[linkSentMessageId]! }]
    : flow.ui.messages;
  return { ...flow.ui, nodes, messages };
}
