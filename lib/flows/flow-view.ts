import "server-only";
import type { UiContainer } from "@ory/kratos-client-fetch";
import type { FlowKind } from "./load-flow";

const notices = {
  csrf: "For your security this form was reloaded. Please enter your details again.",
  expired: "That form had expired, so here is a fresh one. Please try again.",
} as const;

/** The text of a restart notice, if any. */
export function noticeText(notice: keyof typeof notices | undefined): string | undefined {
  return notice ? notices[notice] : undefined;
}

/** Our relay endpoint for a flow's form. */
export function flowAction(kind: FlowKind, flowId: string): string {
  return `/self-service/${kind}?flow=${encodeURIComponent(flowId)}`;
}

/** A link to another flow page that keeps the current flow's return_to. */
export function withReturnTo(path: string, returnTo: string | undefined): string {
  return returnTo ? `${path}?return_to=${encodeURIComponent(returnTo)}` : path;
}

/**
 * The identifier an identifier-first login already took: Kratos keeps it as a
 * hidden input on the second step and offers no way back, so the page shows it
 * with a link to start over.
 */
export function chosenIdentifier(ui: UiContainer): string | undefined {
  for (const node of ui.nodes) {
    const attributes = node.attributes;
    if (node.group !== "identifier_first" || attributes.node_type !== "input") continue;
    if (attributes.name === "identifier" && attributes.type === "hidden" && typeof attributes.value === "string") {
      return attributes.value || undefined;
    }
  }
  return undefined;
}
