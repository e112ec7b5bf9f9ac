// Kratos's web hooks authenticate with an API key in a header (its `auth: api_key`).
import { createHash, timingSafeEqual } from "node:crypto";

/** The header Kratos puts the key in (kratos/kratos.yml, `auth.config.name`). */
export const webhookKeyHeader = "x-webhook-key";

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/**
 * Whether `presented` is the configured key. Both sides are hashed first, so the
 * comparison takes the same time whatever the length or the first wrong byte.
 * No key configured refuses everything: an unset secret must never mean "open".
 */
export function isWebhookKey(presented: string | null, expected: string | undefined): boolean {
  if (!expected || !presented) return false;
  return timingSafeEqual(digest(presented), digest(expected));
}
