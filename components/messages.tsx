import type { UiText } from "@ory/kratos-client-fetch";
import { uiText } from "@/lib/i18n/ui-text";

type Props = { messages: readonly UiText[] | undefined; id?: string };

const tone: Record<string, string> = {
  error: "border-red-300 bg-red-50 text-red-800",
  success: "border-green-300 bg-green-50 text-green-800",
  info: "border-slate-300 bg-slate-50 text-slate-800",
};

/** Kratos's messages for a flow or a node; errors are announced to screen readers. */
export function Messages({ messages, id }: Props) {
  if (!messages || messages.length === 0) return null;
  return (
    <div id={id} className="space-y-2">
      {messages.map((message) => (
        <p
          key={`${message.id}-${message.text}`}
          data-testid={`ui/message/${message.id}`}
          role={message.type === "error" ? "alert" : "status"}
          className={`rounded border px-3 py-2 text-sm ${tone[message.type] ?? tone.info}`}
        >
          {uiText(message)}
        </p>
      ))}
    </div>
  );
}
