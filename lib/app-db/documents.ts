import "server-only";
// Documents belong to one identity. Every query names the owner: there is no
// way to read or list a document without saying whose it is.
import { randomUUID } from "node:crypto";
import type { Query } from "./database";
import { isoTime } from "./users";

export type Document = { id: string; title: string; body: string; created_at: string };

export async function listDocuments(query: Query, ownerId: string): Promise<Document[]> {
  return query<Document>(
    `SELECT id, title, body, ${isoTime("created_at")} AS created_at
     FROM documents WHERE owner_id = $1 ORDER BY created_at, id`,
    [ownerId],
  );
}

/** Creates a document; the owner's record is made first if the user-created hook has not (yet) made it. */
export async function createDocument(
  query: Query,
  ownerId: string,
  email: string | null,
  input: { title: string; body: string },
): Promise<Document> {
  await query("INSERT INTO app_users (identity_id, email) VALUES ($1, $2) ON CONFLICT (identity_id) DO NOTHING", [
    ownerId,
    email,
  ]);
  const rows = await query<Document>(
    `INSERT INTO documents (id, owner_id, title, body) VALUES ($1, $2, $3, $4)
     RETURNING id, title, body, ${isoTime("created_at")} AS created_at`,
    [randomUUID(), ownerId, input.title, input.body],
  );
  return rows[0]!;
}
