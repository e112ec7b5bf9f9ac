import "server-only";
import type { UiContainer } from "@ory/kratos-client-fetch";
import type { FlowKind } from "./load-flow";
import type { Locale } from "../i18n/locales";
import { textsFor } from "../i18n/text";

const notices = { csrf: "flow.notice.csrf", expired: "flow.notice.expired" } as const;

/** The text of a restart notice in `locale`, if any. */
export function noticeText(notice: keyof typeof notices | undefined, locale: Locale): string | undefined {
  return notice ? textsFor(locale)[notices[notice]] : undefined;
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
 * The refresh login ("confirm it's you") with the signed-in user's identifier
 * filled in: Kratos v1.3.1 leaves it empty there when the code method is on.
 * Only an empty, visible identifier input is filled; Kratos still checks it.
 */
export function prefillIdentifier(ui: UiContainer, identifier: string | undefined): UiContainer {
  if (!identifier) return ui;
  return {
    ...ui,
    nodes: ui.nodes.map((node) => {
      const attributes = node.attributes;
      if (attributes.node_type !== "input" || attributes.name !== "identifier" || attributes.type === "hidden") {
        return node;
      }
      return attributes.value ? node : { ...node, attributes: { ...attributes, value: identifier } };
    }),
  };
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

/**
 * A hidden input Kratos rejected, shown so the user can fix it. After "Send
 * sign-in code" with an empty identifier, Kratos v1.3.1 answers with the
 * identifier as a hidden input carrying "Property identifier is missing"
 * (4000002): the message would be invisible and there would be no field left
 * to type into. CSRF tokens are never shown.
 */
export function revealRejectedInputs(ui: UiContainer): UiContainer {
  return {
    ...ui,
    nodes: ui.nodes.map((node) => {
      const attributes = node.attributes;
      if (attributes.node_type !== "input" || attributes.type !== "hidden" || attributes.name === "csrf_token") {
        return node;
      }
      if (!node.messages.some((message) => message.type === "error")) return node;
      return { ...node, attributes: { ...attributes, type: "text", required: true } };
    }),
  };
}
