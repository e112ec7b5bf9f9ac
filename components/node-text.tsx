import type { UiNode, UiNodeTextAttributes } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText } from "@/lib/i18n/text";
import { BackupCodes, backupCodesOf } from "./backup-codes";

type Props = { node: UiNode; attributes: UiNodeTextAttributes; locale: Locale; nonce?: string };

/** A text node: a label and a secret such as the TOTP key, or the list of backup codes. */
export function NodeText({ node, attributes, locale, nonce }: Props) {
  const codes = backupCodesOf(attributes);
  if (codes) return <BackupCodes node={node} codes={codes} locale={locale} nonce={nonce} />;
  return (
    <div className="space-y-1">
      <p className="text-sm font-medium" data-testid={`node/text/${attributes.id}/label`}>
        {localText(node.meta.label, locale)}
      </p>
      <div
        data-testid={`node/text/${attributes.id}/text`}
        className="bg-surface-muted rounded-lg p-2 font-mono text-sm"
      >
        <code>{localText(attributes.text, locale)}</code>
      </div>
    </div>
  );
}
