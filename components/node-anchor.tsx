import type { UiNodeAnchorAttributes } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText } from "@/lib/i18n/text";

type Props = { attributes: UiNodeAnchorAttributes; locale: Locale };

/** A link Kratos asks us to show, such as "Continue" after verification. */
export function NodeAnchor({ attributes, locale }: Props) {
  return (
    <a href={attributes.href} data-testid={`node/anchor/${attributes.id}`} className="btn-primary no-underline">
      {localText(attributes.title, locale)}
    </a>
  );
}
