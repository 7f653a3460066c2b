/**
 * `make restore FILE=backups/soundcheck-….tar.gz` (`deno task restore <file>`): puts a backup
 * from scripts/backup.ts back.
 *
 * 1. Reads the whole archive and checks it against its manifest (every file's size and sha256,
 *    nothing missing, nothing extra) and that this code knows the backup's last migration. A
 *    missing, corrupt or foreign file stops here: nothing has been touched.
 * 2. Refuses while the server (or anything else) has the data dir open (its lock, see
 *    lib/ports/db/datadir_lock.ts); with DATABASE_URL, while other sessions are connected.
 * 3. Moves the current `db/`, `storage/` and secrets aside to `$DATA_DIR/before-restore-<time>/`
 *    (with DATABASE_URL: first a backup of the current database into backups/).
 * 4. Restores, checks the row counts against the manifest, then applies the migrations the backup
 *    predates, and checks every storage file's checksum on disk. On any failure the restored data
 *    is removed and the aside copies moved back.
 *
 * @module
 */
import { resolve } from "node:path";
import { loadConfig } from "../lib/platform/config.ts";
import { DataDirBusyError, lockDataDir } from "../lib/ports/db/datadir_lock.ts";
import { bootstrapSupabaseCompat, migrate, readMigrations } from "../lib/ports/db/migrate.ts";
import { openPglite } from "../lib/ports/db/pglite.ts";
import type { Config } from "../lib/platform/config.ts";
import { ArchiveError, readArchive } from "./backup/archive.ts";
import {
  compareCounts,
  countRows,
  listFiles,
  MANIFEST,
  Manifest,
  SECRET_FILES,
  sha256,
  stamp,
} from "./backup/manifest.ts";
import { otherSessions, restorePostgres } from "./backup/postgres.ts";
import { BackupError, createBackup, formatBytes, projectDir, SUPABASE_HINT } from "./backup.ts";

/**
 * Checks a backup archive without changing anything: readable, a valid manifest, and every file
 * present with the size and sha256 the manifest records. Throws ArchiveError otherwise.
 */
export async function verifyArchive(file: string): Promise<Manifest> {
  const seen = new Map<string, { size: number; sha256: string }>();
  let manifestText: string | null = null;
  for await (const { name, data } of readArchive(file)) {
    if (seen.has(name) || (name === MANIFEST && manifestText !== null)) {
      throw new ArchiveError(`The archive holds ${name} twice`);
    }
    if (name === MANIFEST) manifestText = new TextDecoder().decode(data);
    else seen.set(name, { size: data.length, sha256: await sha256(data) });
  }
  if (manifestText === null) {
    throw new ArchiveError(`${file} has no ${MANIFEST}: it is not a Soundcheck backup`);
  }
  let parsed;
  try {
    parsed = Manifest.safeParse(JSON.parse(manifestText));
  } catch {
    throw new ArchiveError(`The archive's ${MANIFEST} is not valid JSON`);
  }
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new ArchiveError(
      `The archive's ${MANIFEST} is invalid: ${first.path.join(".")}: ${first.message}`,
    );
  }
  const manifest = parsed.data;
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const f of manifest.files) {
    const got = seen.get(f.path);
    if (!got) throw new ArchiveError(`The archive lacks ${f.path}, which its manifest lists`);
    if (got.size !== f.size || got.sha256 !== f.sha256) {
      throw new ArchiveError(`${f.path} does not match its checksum: the archive is corrupt`);
    }
  }
  const extra = [...seen.keys()].find((name) => !listed.has(name));
  if (extra) throw new ArchiveError(`The archive holds ${extra}, which its manifest does not list`);
  if (!listed.has(manifest.database.file)) {
    throw new ArchiveError(`The archive lacks its database dump ${manifest.database.file}`);
  }
  return manifest;
}

export interface RestoreResult {
  manifest: Manifest;
  /** Where the data that was in place went (null: there was none). */
  aside: string | null;
  /** A backup of the DATABASE_URL database taken before it was replaced. */
  safetyBackup: string | null;
  migrated: string[];
  ms: number;
}

async function exists(path: string): Promise<boolean> {
  return await Deno.stat(path).then(() => true, () => false);
}

/** Moves what is in place aside; `undo()` deletes what was restored and moves it back. */
async function moveAside(dataDir: string, names: string[]) {
  const aside = `${dataDir}/before-restore-${stamp(new Date())}`;
  const moved: string[] = [];
  for (const name of names) {
    if (!(await exists(`${dataDir}/${name}`))) continue;
    await Deno.mkdir(aside, { recursive: true });
    await Deno.rename(`${dataDir}/${name}`, `${aside}/${name}`);
    moved.push(name);
  }
  return {
    aside: moved.length ? aside : null,
    async undo() {
      for (const name of names) {
        await Deno.remove(`${dataDir}/${name}`, { recursive: true }).catch(() => {});
      }
      for (const name of moved) await Deno.rename(`${aside}/${name}`, `${dataDir}/${name}`);
      if (moved.length) await Deno.remove(aside).catch(() => {});
    },
  };
}

/**
 * Writes storage files and secrets from the archive (checking each again: the file may have
 * changed since it was verified) and returns the database dump's bytes.
 */
async function extract(file: string, dataDir: string, manifest: Manifest): Promise<Uint8Array> {
  const want = new Map(manifest.files.map((f) => [f.path, f.sha256]));
  let dump: Uint8Array | null = null;
  for await (const { name, data } of readArchive(file)) {
    if (name === MANIFEST) continue;
    if (want.get(name) !== await sha256(data)) {
      throw new ArchiveError(`${name} changed since it was verified`);
    }
    if (name === manifest.database.file) dump = data;
    else if (name.startsWith("storage/")) {
      const path = `${dataDir}/${name}`;
      await Deno.mkdir(path.slice(0, path.lastIndexOf("/")), { recursive: true });
      await Deno.writeFile(path, data);
    } else if (name.startsWith("secrets/")) {
      const secret = name.slice("secrets/".length);
      if (!(SECRET_FILES as readonly string[]).includes(secret)) continue;
      await Deno.writeFile(`${dataDir}/${secret}`, data, { mode: 0o600 });
    }
  }
  if (!dump) throw new ArchiveError("The database dump vanished from the archive");
  return dump;
}

/** Every restored storage file has the manifest's checksum, and no other file is there. */
async function checkStorage(dataDir: string, manifest: Manifest): Promise<void> {
  const want = manifest.files.filter((f) => f.path.startsWith("storage/"));
  const got = await listFiles(`${dataDir}/storage`);
  if (got.length !== want.length) {
    throw new Error(`${got.length} storage files after restore, the backup has ${want.length}`);
  }
  for (const f of want) {
    const data = await Deno.readFile(`${dataDir}/${f.path}`);
    if ((await sha256(data)) !== f.sha256) throw new Error(`${f.path} differs after restore`);
  }
}

/** Restores `file` into the data of `config`; throws ArchiveError/BackupError for user errors. */
export async function restoreBackup(config: Config, file: string): Promise<RestoreResult> {
  const t0 = performance.now();
  if (config.SUPABASE_URL) {
    throw new BackupError(`make restore is for the embedded platform. ${SUPABASE_HINT}`);
  }
  const manifest = await verifyArchive(file);
  const known = new Set((await readMigrations()).map((m) => m.version));
  if (manifest.migration && !known.has(manifest.migration.version)) {
    throw new BackupError(
      `The backup comes from newer code (migration ${manifest.migration.version} is unknown ` +
        "here): update Soundcheck first, then restore.",
    );
  }
  const url = config.DATABASE_URL;
  if (manifest.database.kind === "postgres" && !url) {
    throw new BackupError("This backup holds a DATABASE_URL (pg_dump) database: set DATABASE_URL.");
  }
  if (manifest.database.kind === "pglite" && url) {
    throw new BackupError(
      "This backup holds the embedded database: unset DATABASE_URL to restore it.",
    );
  }
  const dataDir = resolve(config.DATA_DIR);
  const dbDir = `${dataDir}/db`;
  await Deno.mkdir(dataDir, { recursive: true });
  const lock = await lockDataDir(dbDir).catch((err) => {
    if (!(err instanceof DataDirBusyError)) throw err;
    throw new BackupError(
      `The database in ${dbDir} is in use: stop the server first (make dev, Ctrl-C), then run ` +
        "make restore again.",
    );
  });
  try {
    let safetyBackup: string | null = null;
    if (url) {
      const others = await otherSessions(url);
      if (others > 0) {
        throw new BackupError(
          `${others} other sessions are connected to DATABASE_URL: stop the app first.`,
        );
      }
      safetyBackup = (await createBackup(config, `${projectDir}/backups`)).file;
    }
    const names = [...(url ? [] : ["db"]), "storage", ...SECRET_FILES];
    const aside = await moveAside(dataDir, names);
    try {
      const dump = await extract(file, dataDir, manifest);
      let tables: Record<string, number>;
      let migrated: string[];
      if (url) {
        const tmp = await Deno.makeTempFile({ prefix: "soundcheck-pgrestore-" });
        try {
          await Deno.writeFile(tmp, dump);
          ({ tables, migrated } = await restorePostgres(url, tmp));
        } finally {
          await Deno.remove(tmp).catch(() => {});
        }
      } else {
        const driver = await openPglite({
          dataDir: dbDir,
          loadDataDir: new Blob([dump as BlobPart]),
          lockHeld: true,
        });
        try {
          tables = await countRows(driver);
          // As the app does on open: a backup older than the code gets the newer migrations.
          await bootstrapSupabaseCompat(driver);
          migrated = await migrate(driver);
        } finally {
          await driver.close();
        }
      }
      const diff = compareCounts(manifest.tables, tables);
      if (diff.length) throw new Error(`Row counts differ after restore:\n  ${diff.join("\n  ")}`);
      await checkStorage(dataDir, manifest);
      return { manifest, aside: aside.aside, safetyBackup, migrated, ms: performance.now() - t0 };
    } catch (err) {
      await aside.undo();
      throw err;
    }
  } finally {
    lock.release();
  }
}

async function main(): Promise<number> {
  const file = Deno.args[0];
  if (!file) {
    console.error("usage: make restore FILE=backups/soundcheck-<time>.tar.gz");
    return 2;
  }
  const r = await restoreBackup(loadConfig(), resolve(file));
  const rows = Object.values(r.manifest.tables).reduce((a, b) => a + b, 0);
  const storage = r.manifest.files.filter((f) => f.path.startsWith("storage/"));
  console.log(`Restored ${file} (taken ${r.manifest.created_at}) in ${(r.ms / 1000).toFixed(1)} s`);
  console.log(
    `  database: ${
      Object.keys(r.manifest.tables).length
    } tables, ${rows} rows — counts match the backup`,
  );
  console.log(
    `  storage: ${storage.length} files, ${
      formatBytes(storage.reduce((a, f) => a + f.size, 0))
    } — checksums match`,
  );
  console.log(
    r.migrated.length
      ? `  applied newer migrations: ${r.migrated.join(", ")}`
      : "  schema already current",
  );
  if (r.aside) {
    console.log(`  the data that was in place is kept in ${r.aside} (delete it when satisfied)`);
  }
  if (r.safetyBackup) {
    console.log(`  the database that was in place was backed up to ${r.safetyBackup}`);
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    const known = err instanceof ArchiveError || err instanceof BackupError;
    console.error(
      `restore failed: ${known ? err.message : err instanceof Error ? err.stack : err}`,
    );
    console.error(known ? "Nothing was changed." : "The data that was in place has been put back.");
    Deno.exit(1);
  }
}
