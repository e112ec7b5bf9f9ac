import { kratosWebAuthnScript } from "@/lib/webauthn-script";

export const dynamic = "force-dynamic";

/** Kratos's WebAuthn helper, served from our origin; see lib/webauthn-script.ts. */
export function GET() {
  return kratosWebAuthnScript();
}
