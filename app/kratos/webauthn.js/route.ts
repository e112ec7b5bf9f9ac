import { kratosWebAuthnScript } from "@/lib/kratos/webauthn-script";

export const dynamic = "force-dynamic";

/** Kratos's WebAuthn helper, served from our origin; see lib/kratos/webauthn-script.ts. */
export function GET() {
  return kratosWebAuthnScript();
}
