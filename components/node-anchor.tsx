import type { UiNodeAnchorAttributes } from "@ory/kratos-client-fetch";
import { uiText } from "@/lib/i18n/ui-text";

type Props = { attributes: UiNodeAnchorAttributes };

/** A link Kratos asks us to show, such as "Continue" after verification. */
export function NodeAnchor({ attributes }: Props) {
  return (
    <a
      href={attributes.href}
      data-testid={`node/anchor/${attributes.id}`}
      className="block w-full rounded bg-slate-900 px-4 py-2 text-center font-medium text-white hover:bg-slate-700"
    >
      {uiText(attributes.title)}
    </a>
  );
}
