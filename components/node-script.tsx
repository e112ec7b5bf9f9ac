import type { UiNodeScriptAttributes } from "@ory/kratos-client-fetch";

type Props = { attributes: UiNodeScriptAttributes; nonce?: string };

/** Kratos's WebAuthn helper script, loaded from Kratos with its integrity hash. */
export function NodeScript({ attributes, nonce }: Props) {
  return (
    <script
      src={attributes.src}
      async={attributes.async}
      integrity={attributes.integrity || undefined}
      crossOrigin={attributes.crossorigin as "anonymous" | "use-credentials" | undefined}
      referrerPolicy={attributes.referrerpolicy as React.HTMLAttributeReferrerPolicy | undefined}
      nonce={nonce}
      data-testid={`node/script/${attributes.id}`}
    />
  );
}
