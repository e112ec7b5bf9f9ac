// The app database's schema, in order. A migration is never edited once shipped:
// a change is a new entry. Each runs once, in a transaction, recorded in app_migrations.
import type { AppDatabase } from "./database";

export const migrations: readonly { id: string; sql: string }[] = [
  {
    id: "001_users_and_documents",
    sql: `
      CREATE TABLE app_users (
        identity_id uuid PRIMARY KEY,
        email text,
        created_at timestamptz NOT NULL DEFAULT now(),
        verified_at timestamptz
      );
      CREATE TABLE documents (
        id uuid PRIMARY KEY,
        owner_id uuid NOT NULL REFERENCES app_users (identity_id) ON DELETE CASCADE,
        title text NOT NULL,
        body text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX documents_by_owner ON documents (owner_id, created_at);
    `,
  },
];

// Any constant works; it only has to be the same in every instance of the app.
const migrationLockKey = 7_310_013;

/**
 * Applies the migrations this database lacks. Several app instances may start
 * at once against one PostgreSQL: the advisory lock makes the others wait and
 * then find nothing left to do.
 */
export async function migrate(db: AppDatabase): Promise<string[]> {
  return db.transaction(async (query) => {
    await query("SELECT pg_advisory_xact_lock($1)", [migrationLockKey]);
    await query(
      "CREATE TABLE IF NOT EXISTS app_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set((await query<{ id: string }>("SELECT id FROM app_migrations")).map((row) => row.id));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      for (const statement of migration.sql.split(";").map((part) => part.trim())) {
        if (statement) await query(statement);
      }
      await query("INSERT INTO app_migrations (id) VALUES ($1)", [migration.id]);
      applied.push(migration.id);
    }
    return applied;
  });
}
