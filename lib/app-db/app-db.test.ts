// The app's database on both engines it runs on: embedded PGlite always, and the
// PostgreSQL server at TEST_DATABASE_URL when one is given (CI and our machines
// have one: postgres://postgres@127.0.0.1:5432/app_db_test).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppDatabase, type AppDatabase } from "./database";
import { createDocument, listDocuments } from "./documents";
import { migrate, migrations } from "./migrations";
import { findUser, markUserVerified, recordUser } from "./users";

const engines: [string, () => Parameters<typeof openAppDatabase>[0]][] = [
  ["PGlite", () => ({ kind: "embedded", dir: "memory://" })],
];
if (process.env.TEST_DATABASE_URL) {
  engines.push(["PostgreSQL", () => ({ kind: "postgres", url: process.env.TEST_DATABASE_URL! })]);
}

describe.each(engines)("the app database on %s", (_name, config) => {
  let db: AppDatabase;
  beforeAll(async () => {
    db = await openAppDatabase(config());
  }, 120_000);
  afterAll(async () => {
    await db?.close();
  });

  it("is migrated once: a second run applies nothing", async () => {
    const applied = await db.query<{ id: string }>("SELECT id FROM app_migrations ORDER BY id");
    expect(applied.map((row) => row.id)).toEqual(migrations.map((migration) => migration.id));
    expect(await migrate(db)).toEqual([]);
  });

  it("records a user once however often the hook is delivered, and marks it verified", async () => {
    const id = randomUUID();
    expect(await recordUser(db.query, id, "a@example.com")).toBe(true);
    expect(await recordUser(db.query, id, "a@example.com")).toBe(false);
    expect((await findUser(db.query, id))?.verified_at).toBeNull();
    await markUserVerified(db.query, id, "a@example.com");
    const first = (await findUser(db.query, id))?.verified_at;
    expect(first).toBeTruthy();
    await markUserVerified(db.query, id, "a@example.com");
    expect((await findUser(db.query, id))?.verified_at).toBe(first);
  });

  it("lists only the owner's documents", async () => {
    const alice = randomUUID();
    const bob = randomUUID();
    const doc = await createDocument(db.query, alice, null, { title: "Alice's", body: "secret" });
    await createDocument(db.query, bob, null, { title: "Bob's", body: "" });
    expect(await listDocuments(db.query, alice)).toEqual([doc]);
    expect((await listDocuments(db.query, bob)).map((d) => d.title)).toEqual(["Bob's"]);
    expect(doc.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});
