import type { UiNode, UiNodeTextAttributes } from "@ory/kratos-client-fetch";
import { uiText } from "@/lib/i18n/ui-text";

type Props = { node: UiNode; attributes: UiNodeTextAttributes };

type Secret = { text?: string; id?: number };

function secretsOf(attributes: UiNodeTextAttributes): Secret[] | undefined {
  const context = attributes.text.context as { secrets?: Secret[] } | undefined;
  return Array.isArray(context?.secrets) ? context.secrets : undefined;
}

/** A text node: a label and a secret such as the TOTP key or each backup code. */
export function NodeText({ node, attributes }: Props) {
  const secrets = secretsOf(attributes);
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid={`node/text/${attributes.id}/label`}>
        {uiText(node.meta.label)}
      </p>
      <div data-testid={`node/text/${attributes.id}/text`} className="rounded bg-slate-100 p-2 font-mono text-sm">
        {secrets ? (
          <>
            <ul className="grid grid-cols-2 gap-1">
              {secrets.map((secret, index) => (
                <li key={index}>
                  <code>{secret.text}</code>
                </li>
              ))}
            </ul>
            <a
              download="backup-codes.txt"
              href={`data:text/plain;charset=utf-8,${encodeURIComponent(secrets.map((secret) => secret.text).join("\n") + "\n")}`}
              data-testid="lookup-secret-download"
              className="mt-2 inline-block font-sans underline"
            >
              Download these codes
            </a>
          </>
        ) : (
          <code>{uiText(attributes.text)}</code>
        )}
      </div>
    </div>
  );
}
