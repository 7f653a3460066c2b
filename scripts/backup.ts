/**
 * `make backup` (`deno task backup [--out DIR]`): one archive of the embedded platform's data,
 * `backups/soundcheck-<UTC time>.tar.gz`, holding
 *
 * - `database/pgdata.tar`: PGlite's own data dir tarball (`dumpDataDir`), taken in-process after a
 *   CHECKPOINT, which opens in the same PGlite version exactly as it was (every schema, sequence,
 *   queue and vector index); with DATABASE_URL, `database/dump.pgdump` from `pg_dump`;
 * - `storage/<bucket>/<name>`: every file under `$DATA_DIR/storage`;
 * - `secrets/jwt-secret`, `secrets/token-key` when DATA_DIR holds them (sessions and the
 *   encrypted Spotify tokens need them): keep backups as private as the database;
 * - `manifest.json`: created_at, the latest migration, per-table row counts, per-file size and
 *   sha256 — what `make restore` checks.
 *
 * PGlite must never be open in two processes, and it takes no lock of its own: every opener of
 * the data dir holds `<DATA_DIR>/db.lock` (lib/ports/db/datadir_lock.ts). A running dev server
 * holds it, so the backup refuses and asks to stop the server: it does not dump a database
 * another process is writing.
 *
 * @module
 */
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type Config, loadConfig } from "../lib/platform/config.ts";
import { DataDirBusyError, lockDataDir } from "../lib/ports/db/datadir_lock.ts";
import { openPglite } from "../lib/ports/db/pglite.ts";
import { ArchiveWriter } from "./backup/archive.ts";
import {
  countRows,
  type FileEntry,
  fileEntry,
  latestMigration,
  listFiles,
  MANIFEST,
  type Manifest,
  PG_DUMP,
  PGLITE_DUMP,
  SECRET_FILES,
  serverVersion,
  stamp,
} from "./backup/manifest.ts";
import { BackupError, dumpPostgres } from "./backup/postgres.ts";

export { BackupError };

export const projectDir = fileURLToPath(new URL("..", import.meta.url));

export const SUPABASE_HINT = "On Supabase, use its backups: the dashboard's daily backups or " +
  "point-in-time recovery (Database → Backups), or `npx supabase db dump` — see the README.";

export interface BackupResult {
  file: string;
  manifest: Manifest;
  bytes: number;
  ms: number;
}

/** The database part of a backup: the dump's bytes and what the manifest says about it. */
interface DatabaseDump {
  name: string;
  data: Uint8Array;
  manifest: Pick<Manifest, "database" | "migration" | "tables">;
}

/** Opens the (stopped) embedded database alone, counts, checkpoints and dumps it. */
async function dumpPglite(dbDir: string): Promise<DatabaseDump> {
  const driver = await openPglite({ dataDir: dbDir, lockHeld: true });
  try {
    const migration = await latestMigration(driver);
    const tables = await countRows(driver);
    const version = await serverVersion(driver);
    // Data files up to date, so the tarball needs no WAL replay when it is opened.
    await driver.exec("checkpoint");
    const data = new Uint8Array(await (await driver.pg.dumpDataDir("none")).arrayBuffer());
    return {
      name: PGLITE_DUMP,
      data,
      manifest: {
        database: { kind: "pglite", file: PGLITE_DUMP, server_version: version },
        migration,
        tables,
      },
    };
  } finally {
    await driver.close();
  }
}

async function dumpDatabaseUrl(url: string): Promise<DatabaseDump> {
  const tmp = await Deno.makeTempFile({ prefix: "soundcheck-pgdump-" });
  try {
    const facts = await dumpPostgres(url, tmp);
    return {
      name: PG_DUMP,
      data: await Deno.readFile(tmp),
      manifest: {
        database: { kind: "postgres", file: PG_DUMP, server_version: facts.serverVersion },
        migration: facts.migration,
        tables: facts.tables,
      },
    };
  } finally {
    await Deno.remove(tmp).catch(() => {});
  }
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Writes the archive (under a .partial name until it is complete). */
async function writeArchive(
  target: string,
  dataDir: string,
  dump: DatabaseDump,
  createdAt: Date,
): Promise<Manifest> {
  const partial = `${target}.partial`;
  const writer = await ArchiveWriter.create(partial);
  try {
    const files: FileEntry[] = [];
    const add = async (name: string, data: Uint8Array) => {
      files.push(await fileEntry(name, data));
      await writer.add(name, data);
    };
    await add(dump.name, dump.data);
    const storage = `${dataDir}/storage`;
    for (const rel of await listFiles(storage)) {
      await add(`storage/${rel}`, await Deno.readFile(`${storage}/${rel}`));
    }
    for (const secret of SECRET_FILES) {
      const path = `${dataDir}/${secret}`;
      if (await exists(path)) await add(`secrets/${secret}`, await Deno.readFile(path));
    }
    const manifest: Manifest = {
      format: "soundcheck-backup",
      version: 1,
      created_at: createdAt.toISOString(),
      ...dump.manifest,
      files,
    };
    await writer.add(MANIFEST, new TextEncoder().encode(JSON.stringify(manifest, null, 2) + "\n"));
    await writer.close();
    await Deno.rename(partial, target);
    return manifest;
  } catch (err) {
    await writer.abort();
    await Deno.remove(partial).catch(() => {});
    throw err;
  }
}

/** Backs up the data of `config` into `outDir`; throws BackupError for what the user can fix. */
export async function createBackup(config: Config, outDir: string): Promise<BackupResult> {
  const t0 = performance.now();
  if (config.SUPABASE_URL) {
    throw new BackupError(`make backup is for the embedded platform. ${SUPABASE_HINT}`);
  }
  const dataDir = resolve(config.DATA_DIR);
  const createdAt = new Date();
  await Deno.mkdir(outDir, { recursive: true });
  const file = resolve(outDir, `soundcheck-${stamp(createdAt)}.tar.gz`);
  let manifest: Manifest;
  if (config.DATABASE_URL) {
    manifest = await writeArchive(
      file,
      dataDir,
      await dumpDatabaseUrl(config.DATABASE_URL),
      createdAt,
    );
  } else {
    const dbDir = `${dataDir}/db`;
    if (!(await exists(`${dbDir}/PG_VERSION`))) {
      throw new BackupError(`No embedded database at ${dbDir}: nothing to back up.`);
    }
    const lock = await lockDataDir(dbDir).catch((err) => {
      if (!(err instanceof DataDirBusyError)) throw err;
      throw new BackupError(
        `The database in ${dbDir} is in use: stop the server first (make dev, Ctrl-C), then run ` +
          "make backup again. PGlite cannot be shared between processes, so a copy taken " +
          "beside a running server could be inconsistent.",
      );
    });
    try {
      // The lock is held until the storage files are read too: nothing writes them meanwhile.
      manifest = await writeArchive(file, dataDir, await dumpPglite(dbDir), createdAt);
    } finally {
      lock.release();
    }
  }
  const { size } = await Deno.stat(file);
  return { file, manifest, bytes: size, ms: performance.now() - t0 };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: Deno.args, options: { out: { type: "string" } } });
  const outDir = resolve(values.out ?? `${projectDir}/backups`);
  const { file, manifest, bytes, ms } = await createBackup(loadConfig(), outDir);
  const rows = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  const storage = manifest.files.filter((f) => f.path.startsWith("storage/"));
  const m = manifest.migration;
  console.log(`Backup written: ${file} (${formatBytes(bytes)}) in ${(ms / 1000).toFixed(1)} s`);
  console.log(
    `  database: ${manifest.database.kind} ${manifest.database.server_version}, ` +
      `${Object.keys(manifest.tables).length} tables, ${rows} rows; migration ${
        m ? `${m.version}_${m.name}` : "none"
      }`,
  );
  console.log(
    `  storage: ${storage.length} files, ${formatBytes(storage.reduce((a, f) => a + f.size, 0))}`,
  );
  console.log("Restore with: make restore FILE=" + file);
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(
      err instanceof BackupError
        ? err.message
        : `backup failed: ${err instanceof Error ? err.stack : err}`,
    );
    Deno.exit(1);
  }
}
