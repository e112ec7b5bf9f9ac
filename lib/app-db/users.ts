import "server-only";
// The app's record of each Kratos identity: made by the user-created web hook,
// marked by the verified one. Both are upserts, so Kratos retrying a hook changes nothing.
import type { Query } from "./database";

/** A timestamp column as ISO 8601 in UTC, the same text on PGlite and PostgreSQL. */
export const isoTime = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

export type AppUser = { identity_id: string; email: string | null; created_at: string; verified_at: string | null };

/** Creates the record for `identityId` unless it exists; answers whether it was new. */
export async function recordUser(query: Query, identityId: string, email: string | null): Promise<boolean> {
  const rows = await query<{ identity_id: string }>(
    `INSERT INTO app_users (identity_id, email) VALUES ($1, $2)
     ON CONFLICT (identity_id) DO NOTHING RETURNING identity_id`,
    [identityId, email],
  );
  return rows.length === 1;
}

/** Marks the user verified (creating the record if the first hook never arrived); the first time stays. */
export async function markUserVerified(query: Query, identityId: string, email: string | null): Promise<void> {
  await query(
    `INSERT INTO app_users (identity_id, email, verified_at) VALUES ($1, $2, now())
     ON CONFLICT (identity_id) DO UPDATE SET verified_at = COALESCE(app_users.verified_at, now())`,
    [identityId, email],
  );
}

export async function findUser(query: Query, identityId: string): Promise<AppUser | undefined> {
  const rows = await query<AppUser>(
    `SELECT identity_id, email, ${isoTime("created_at")} AS created_at, ${isoTime("verified_at")} AS verified_at
     FROM app_users WHERE identity_id = $1`,
    [identityId],
  );
  return rows[0];
}

/**
 * The user's record, made now if it is missing. The user-created hook can miss
 * an identity: admins create identities through Kratos's admin API (no
 * registration, so no hook), and a registration whose request was cancelled
 * (our timeout under load) has Kratos persist the identity and then drop the
 * hook. The first authenticated call then repairs the record.
 */
export async function ensureUser(
  query: Query,
  identity: { id: string; email: string | null; verified: boolean },
): Promise<AppUser | undefined> {
  const found = await findUser(query, identity.id);
  if (found && (found.verified_at !== null || !identity.verified)) return found;
  if (identity.verified) await markUserVerified(query, identity.id, identity.email);
  else await recordUser(query, identity.id, identity.email);
  return findUser(query, identity.id);
}
