import "server-only";
// The app's own database. One SQL dialect, PostgreSQL's, in two places: PGlite
// (PostgreSQL compiled to WebAssembly, in this process, files in a folder) when
// nothing is configured, and a PostgreSQL server at DATABASE_URL in production.
// Why PGlite and its limits: ARCHITECTURE.md, "The app's own database".
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { env } from "../config/env";
import { migrate } from "./migrations";

/** Runs one statement with $1-style parameters and answers its rows. */
export type Query = <Row>(sql: string, params?: unknown[]) => Promise<Row[]>;

export interface AppDatabase {
  query: Query;
  /** Runs `work` in one transaction on one connection (migrations take a lock inside it). */
  transaction<T>(work: (query: Query) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function openEmbedded(dir: string): Promise<AppDatabase> {
  // turbopackIgnore: a bundled ESM external is an async module, and one async module
  // anywhere puts Turbopack's async-module runtime (about 450 B gzipped) into every
  // page's JavaScript, over the login page's budget. Node resolves it at run time.
  const { PGlite } = await import(/* turbopackIgnore: true */ "@electric-sql/pglite");
  const path = dir === "memory://" ? dir : resolve(dir);
  if (path !== "memory://") mkdirSync(path, { recursive: true });
  const db = await PGlite.create(path);
  return {
    query: async (sql, params) => (await db.query(sql, params)).rows as never,
    transaction: (work) =>
      db.transaction((tx) => work(async (sql, params) => (await tx.query(sql, params)).rows as never)),
    close: () => db.close(),
  };
}

async function openPostgres(url: string): Promise<AppDatabase> {
  const { Pool } = (await import(/* turbopackIgnore: true */ "pg")).default;
  const pool = new Pool({ connectionString: url, max: 10 });
  return {
    query: async (sql, params) => (await pool.query(sql, params)).rows as never,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(async (sql, params) => (await client.query(sql, params)).rows as never);
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Opens the database `config` names and brings its schema up to date. */
export async function openAppDatabase(config: ReturnType<typeof env>["appDatabase"]): Promise<AppDatabase> {
  const db = config.kind === "postgres" ? await openPostgres(config.url) : await openEmbedded(config.dir);
  await migrate(db);
  return db;
}

// On globalThis: `next dev` re-evaluates modules, and a second PGlite on the same folder would corrupt it.
const holder = globalThis as typeof globalThis & { appDatabase?: Promise<AppDatabase> };

/** The app's database, opened and migrated on first use (instrumentation.ts makes that start-up). */
export function appDatabase(): Promise<AppDatabase> {
  holder.appDatabase ??= openAppDatabase(env().appDatabase).catch((error: unknown) => {
    holder.appDatabase = undefined;
    throw error;
  });
  return holder.appDatabase;
}
