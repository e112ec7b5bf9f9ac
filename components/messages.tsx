import type { UiText } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText } from "@/lib/i18n/text";

type Props = {
  messages: readonly UiText[] | undefined;
  id?: string;
  locale: Locale;
  /** A flow's own messages: when one is an error, the browser focuses them on load (no JavaScript needed). */
  focusOnError?: boolean;
};

const tone: Record<string, string> = { error: "alert-error", success: "alert-success", info: "alert-info" };

/** Kratos's messages for a flow or a node; errors are announced to screen readers. */
export function Messages({ messages, id, locale, focusOnError = false }: Props) {
  if (!messages || messages.length === 0) return null;
  return (
    <div
      id={id}
      className="space-y-2"
      {...(focusOnError && messages.some((message) => message.type === "error")
        ? { tabIndex: -1, autoFocus: true, "data-testid": "flow-errors" }
        : {})}
    >
      {messages.map((message) => (
        <p
          key={`${message.id}-${message.text}`}
          data-testid={`ui/message/${message.id}`}
          role={message.type === "error" ? "alert" : "status"}
          className={tone[message.type] ?? tone.info}
        >
          {localText(message, locale)}
        </p>
      ))}
    </div>
  );
}
