import type { UiNode, UiNodeImageAttributes } from "@ory/kratos-client-fetch";
import type { Locale } from "@/lib/i18n/locales";
import { localText } from "@/lib/i18n/text";

type Props = { node: UiNode; attributes: UiNodeImageAttributes; locale: Locale };

/** An image node; Kratos sends the TOTP QR code as a data: URL. */
export function NodeImage({ node, attributes, locale }: Props) {
  return (
    <figure className="space-y-1">
      {/* eslint-disable-next-line @next/next/no-img-element -- Kratos sends a data: URL that next/image cannot optimise. */}
      <img
        src={attributes.src}
        width={attributes.width}
        height={attributes.height}
        alt={localText(node.meta.label, locale)}
        className="rounded-lg bg-white p-2"
        data-testid={`node/image/${attributes.id}`}
      />
      <figcaption className="text-muted text-sm">{localText(node.meta.label, locale)}</figcaption>
    </figure>
  );
}
