/**
 * Applies what Supabase's image and CLI would: the compatibility bootstrap (embedded only), the
 * migrations in `supabase/migrations` recorded in `supabase_migrations.schema_migrations` the way the
 * CLI records them, and `supabase/seed.sql` (tracked by hash in `supabase_migrations.seed_files`).
 */
import type { Driver } from "./types.ts";

const here = new URL(".", import.meta.url);
export const projectRoot = new URL("../../../", import.meta.url);
const migrationsDir = new URL("supabase/migrations/", projectRoot);
const seedFile = new URL("supabase/seed.sql", projectRoot);

export interface Migration {
  version: string;
  name: string;
  sql: string;
}

/** Reads `supabase/migrations/<version>_<name>.sql` in version order. */
export async function readMigrations(dir: URL = migrationsDir): Promise<Migration[]> {
  const out: Migration[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const m = entry.name.match(/^(\d{14})_(.+)\.sql$/);
    if (!entry.isFile || !m) continue;
    out.push({ version: m[1], name: m[2], sql: await Deno.readTextFile(new URL(entry.name, dir)) });
  }
  return out.sort((a, b) => a.version.localeCompare(b.version));
}

const bootstrapFile = new URL("sql/supabase_bootstrap.sql", here);
const SERVICES_MARK = /^-- @services:.*$/m;

/**
 * The part of the bootstrap that stands in for what Supabase's services (Auth, Storage, Realtime)
 * create, for a database that already has Supabase's own image SQL (scripts/postgres/).
 */
export async function supabaseServicesSql(): Promise<string> {
  const text = await Deno.readTextFile(bootstrapFile);
  const at = text.search(SERVICES_MARK);
  if (at < 0) throw new Error("supabase_bootstrap.sql lost its `-- @services:` line");
  return text.slice(at);
}

/**
 * Makes a plain Postgres look like Supabase's image plus its services: roles, auth, storage,
 * realtime. Extensions are the migrations' business, as on Supabase; only where the pgmq
 * extension cannot be installed (PGlite) does its compatible schema stand in for it.
 */
export async function bootstrapSupabaseCompat(db: Driver): Promise<void> {
  await db.exec(await Deno.readTextFile(bootstrapFile));
  const [{ available }] = await db.query<{ available: boolean }>(
    "select exists (select from pg_available_extensions where name = 'pgmq') as available",
  );
  if (!available) await db.exec(await Deno.readTextFile(new URL("sql/pgmq_compat.sql", here)));
}

const HISTORY = `
create schema if not exists supabase_migrations;
create table if not exists supabase_migrations.schema_migrations (
  version text primary key, statements text[], name text);
create table if not exists supabase_migrations.seed_files (path text primary key, hash text not null);
`;

/** Applies pending migrations, each in its own transaction; returns the versions applied. */
export async function migrate(db: Driver, migrations?: Migration[]): Promise<string[]> {
  await db.exec(HISTORY);
  const done = new Set(
    (await db.query<{ version: string }>(
      "select version from supabase_migrations.schema_migrations",
    )).map((r) => r.version),
  );
  const applied: string[] = [];
  for (const m of migrations ?? await readMigrations()) {
    if (done.has(m.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query(
        "insert into supabase_migrations.schema_migrations (version, name, statements) values ($1, $2, $3)",
        [m.version, m.name, [m.sql]],
      );
    });
    applied.push(m.version);
  }
  return applied;
}

/** Runs `supabase/seed.sql` when it changed since it last ran; returns whether it ran. */
export async function seed(db: Driver, file: URL = seedFile): Promise<boolean> {
  await db.exec(HISTORY);
  const sql = await Deno.readTextFile(file);
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(sql));
  const hash = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
  const rows = await db.query<{ hash: string }>(
    "select hash from supabase_migrations.seed_files where path = 'supabase/seed.sql'",
  );
  if (rows[0]?.hash === hash) return false;
  await db.transaction(async (tx) => {
    await tx.exec(sql);
    await tx.query(
      `insert into supabase_migrations.seed_files (path, hash) values ('supabase/seed.sql', $1)
       on conflict (path) do update set hash = excluded.hash`,
      [hash],
    );
  });
  return true;
}
