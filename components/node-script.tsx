import type { UiNodeScriptAttributes } from "@ory/kratos-client-fetch";

type Props = { attributes: UiNodeScriptAttributes; nonce?: string };

// Kratos's helper is relayed from our own origin (app/kratos/webauthn.js).
function sameOriginSrc(src: string): string {
  try {
    return new URL(src).pathname === "/.well-known/ory/webauthn.js" ? "/kratos/webauthn.js" : src;
  } catch {
    return src;
  }
}

/** Kratos's WebAuthn helper script, loaded with its integrity hash. */
export function NodeScript({ attributes, nonce }: Props) {
  return (
    <script
      src={sameOriginSrc(attributes.src)}
      async
      integrity={attributes.integrity || undefined}
      crossOrigin={attributes.crossorigin as "anonymous" | "use-credentials" | undefined}
      referrerPolicy={attributes.referrerpolicy as React.HTMLAttributeReferrerPolicy | undefined}
      nonce={nonce}
    />
  );
}
