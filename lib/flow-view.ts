import "server-only";
import type { FlowKind } from "./flows";

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
