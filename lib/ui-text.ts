import type { UiText } from "@ory/kratos-client-fetch";

/**
 * The text to show for a Kratos message. English is Kratos's own text; the
 * message id and `context` are kept so a catalog can translate it later.
 */
export function uiText(text: UiText | undefined): string {
  return text?.text ?? "";
}
