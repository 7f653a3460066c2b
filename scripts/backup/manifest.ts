/**
 * What a backup says about itself (manifest.json inside the archive) and the facts both backup
 * and restore measure: per-table row counts, the latest migration, file checksums.
 *
 * @module
 */
import { z } from "zod";
import type { Driver } from "../../lib/ports/db/types.ts";

export const MANIFEST = "manifest.json";
/** The embedded database: PGlite's own data dir tarball (`dumpDataDir`). */
export const PGLITE_DUMP = "database/pgdata.tar";
/** DATABASE_URL: `pg_dump --format=custom`. */
export const PG_DUMP = "database/dump.pgdump";
/** Generated secrets kept in DATA_DIR: restored too, or the restored data could not be read. */
export const SECRET_FILES = ["jwt-secret", "token-key"] as const;

const FileEntry = z.object({
  path: z.string().min(1),
  size: z.number().int().min(0),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type FileEntry = z.infer<typeof FileEntry>;

export const Manifest = z.object({
  format: z.literal("soundcheck-backup"),
  version: z.literal(1),
  created_at: z.string().datetime(),
  database: z.object({
    kind: z.enum(["pglite", "postgres"]),
    /** The archive entry holding the dump. */
    file: z.string(),
    /** Postgres server version the dump came from, e.g. "17.5". */
    server_version: z.string(),
  }),
  /** The latest migration applied to the backed-up database (null: none). */
  migration: z.object({ version: z.string(), name: z.string().nullable() }).nullable(),
  /** `schema.table` → rows, every ordinary table. */
  tables: z.record(z.string(), z.number().int().min(0)),
  /** Every other entry of the archive: the dump, storage/…, secrets/…. */
  files: z.array(FileEntry),
});
export type Manifest = z.infer<typeof Manifest>;

export async function sha256(data: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, "0")).join("");
}

export async function fileEntry(path: string, data: Uint8Array): Promise<FileEntry> {
  return { path, size: data.length, sha256: await sha256(data) };
}

/** Exact row counts of every ordinary table outside the system schemas, in one statement. */
export async function countRows(db: Pick<Driver, "query">): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    `select format('%I.%I', n.nspname, c.relname) as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind = 'r' and n.nspname not in ('pg_catalog', 'information_schema')
        and n.nspname not like 'pg\\_%'
      order by 1`,
  );
  if (tables.length === 0) return {};
  const sql = tables.map(({ name }, i) =>
    `select ${i} as i, count(*)::bigint::text as n from ${name}`
  ).join(" union all ");
  const counts = await db.query<{ i: number; n: string }>(sql);
  const out: Record<string, number> = {};
  for (const { i, n } of counts) out[tables[i].name] = Number(n);
  return out;
}

/** The latest applied migration, as `supabase_migrations.schema_migrations` records it. */
export async function latestMigration(
  db: Pick<Driver, "query">,
): Promise<Manifest["migration"]> {
  const [exists] = await db.query<{ ok: boolean }>(
    "select to_regclass('supabase_migrations.schema_migrations') is not null as ok",
  );
  if (!exists?.ok) return null;
  const [row] = await db.query<{ version: string; name: string | null }>(
    `select version, name from supabase_migrations.schema_migrations
      order by version desc limit 1`,
  );
  return row ? { version: row.version, name: row.name } : null;
}

export async function serverVersion(db: Pick<Driver, "query">): Promise<string> {
  const [{ v }] = await db.query<{ v: string }>("select current_setting('server_version') as v");
  return v;
}

/** Regular files under `root`, relative and sorted; `.tmp` (uploads in flight) is skipped. */
export async function listFiles(root: string): Promise<string[]> {
  const out: string[] = [];
  async function walk(rel: string) {
    let entries: Deno.DirEntry[];
    try {
      entries = await Array.fromAsync(Deno.readDir(rel ? `${root}/${rel}` : root));
    } catch (err) {
      if (err instanceof Deno.errors.NotFound) return;
      throw err;
    }
    for (const e of entries) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (!rel && e.name === ".tmp") continue;
      if (e.isDirectory) await walk(path);
      else if (e.isFile) out.push(path);
    }
  }
  await walk("");
  return out.sort();
}

/** Differences between two row-count maps, as readable lines (empty: equal). */
export function compareCounts(
  want: Record<string, number>,
  got: Record<string, number>,
): string[] {
  const lines: string[] = [];
  for (const [table, n] of Object.entries(want)) {
    if (!(table in got)) lines.push(`${table}: missing after restore (backup had ${n} rows)`);
    else if (got[table] !== n) lines.push(`${table}: ${got[table]} rows, backup had ${n}`);
  }
  return lines;
}

/** "2026-12-17T10:04:05.123Z" → "20261217T100405Z", for file names. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
}
