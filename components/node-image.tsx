import type { UiNode, UiNodeImageAttributes } from "@ory/kratos-client-fetch";
import { uiText } from "@/lib/i18n/ui-text";

type Props = { node: UiNode; attributes: UiNodeImageAttributes };

/** An image node; Kratos sends the TOTP QR code as a data: URL. */
export function NodeImage({ node, attributes }: Props) {
  return (
    <figure className="space-y-1">
      {/* eslint-disable-next-line @next/next/no-img-element -- Kratos sends a data: URL that next/image cannot optimise. */}
      <img
        src={attributes.src}
        width={attributes.width}
        height={attributes.height}
        alt={uiText(node.meta.label)}
        data-testid={`node/image/${attributes.id}`}
      />
      <figcaption className="text-sm text-slate-600">{uiText(node.meta.label)}</figcaption>
    </figure>
  );
}
