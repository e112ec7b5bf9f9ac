import type { UiNode, UiNodeTextAttributes } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText, textsFor } from "@/lib/i18n/text";

type Props = { node: UiNode; attributes: UiNodeTextAttributes; locale: Locale };

type Secret = { text?: string; id?: number };

function secretsOf(attributes: UiNodeTextAttributes): Secret[] | undefined {
  const context = attributes.text.context as { secrets?: Secret[] } | undefined;
  return Array.isArray(context?.secrets) ? context.secrets : undefined;
}

/** A text node: a label and a secret such as the TOTP key or each backup code. */
export function NodeText({ node, attributes, locale }: Props) {
  const secrets = secretsOf(attributes);
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid={`node/text/${attributes.id}/label`}>
        {localText(node.meta.label, locale)}
      </p>
      <div
        data-testid={`node/text/${attributes.id}/text`}
        className="bg-surface-muted rounded-lg p-2 font-mono text-sm"
      >
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
              className="link mt-2 inline-block font-sans"
            >
              {textsFor(locale)["flow.downloadCodes"]}
            </a>
          </>
        ) : (
          <code>{localText(attributes.text, locale)}</code>
        )}
      </div>
    </div>
  );
}
