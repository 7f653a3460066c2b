/**
 * `make backup` / `make restore`: a dev data dir on disk (demo seed plus uploaded files), backed up
 * while the server runs (refused), then after it stopped; corrupt archives are refused without
 * touching anything; wipe → restore gives the same row counts and file checksums.
 */
import { assert, assertEquals, assertRejects } from "../_helpers/assert.ts";
import { loadConfig } from "../../lib/platform/config.ts";
import { openPglite } from "../../lib/ports/db/pglite.ts";
import { BackupError, createBackup } from "../../scripts/backup.ts";
import { restoreBackup } from "../../scripts/restore.ts";
import { ArchiveError, ArchiveWriter, readArchive } from "../../scripts/backup/archive.ts";
import { countRows, listFiles, sha256 } from "../../scripts/backup/manifest.ts";
import { startTestApp, TINY_PNG } from "../_helpers/app.ts";
import { migratedSnapshot } from "../_helpers/db.ts";

/** Rejects with an error of class `kind` whose message matches `re`. */
async function refused(
  fn: () => Promise<unknown>,
  kind: typeof ArchiveError | typeof BackupError,
  re?: RegExp,
): Promise<void> {
  const err = await assertRejects(fn, re);
  assert(err instanceof kind, `expected ${kind.name}, got ${err.name}: ${err.message}`);
}

/** Every file under `dir` with its size and sha256: "nothing changed" means this is equal. */
async function fingerprint(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(dir)) {
    const data = await Deno.readFile(`${dir}/${rel}`);
    out[rel] = `${data.length}:${await sha256(data)}`;
  }
  return out;
}

/** The storage files' checksums, as the manifest names them. */
async function storageSums(dataDir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const rel of await listFiles(`${dataDir}/storage`)) {
    out[`storage/${rel}`] = await sha256(await Deno.readFile(`${dataDir}/storage/${rel}`));
  }
  return out;
}

/** A copy of `src` with one entry's bytes changed but its manifest left as it was. */
async function tamper(src: string, dest: string, victim: string): Promise<void> {
  const w = await ArchiveWriter.create(dest);
  for await (const { name, data } of readArchive(src)) {
    await w.add(
      name,
      name === victim ? Uint8Array.from(data, (b, i) => i === 0 ? b ^ 1 : b) : data,
    );
  }
  await w.close();
}

Deno.test({
  name: "backup - round trip keeps rows and files; running server and corrupt archives refused",
  sanitizeOps: false,
  sanitizeResources: false,
}, async (t) => {
  const root = await Deno.makeTempDir({ prefix: "soundcheck-backup-" });
  const dataDir = `${root}/data`;
  const outDir = `${root}/backups`;
  // dev: an on-disk database with the demo seed, i.e. real data in most tables.
  const env = { APP_ENV: "dev", WORKER: "off", LOG_LEVEL: "warn" };
  const config = loadConfig({ ...env, DATA_DIR: dataDir });
  try {
    // The cached migrated tarball as the on-disk database: the app then only seeds it.
    await Deno.mkdir(dataDir);
    await (await openPglite({
      dataDir: `${dataDir}/db`,
      loadDataDir: (await migratedSnapshot()).tar,
    }))
      .close();
    const app = await startTestApp(env, { dataDir, keepData: true });
    let before: Record<string, number>;
    try {
      assertEquals(app.platform.db.driver.kind, "pglite");
      const [{ id }] = await app.platform.db.driver.query<{ id: string }>(
        "select id from auth.users order by email limit 1",
      );
      const caller = { claims: { sub: id, role: "authenticated" as const } };
      const names = [`${id}/me.png`, `${id}/old/2.png`, `${id}/${"ü-long-".repeat(20)}.png`];
      for (const [i, name] of names.entries()) {
        const png = Uint8Array.from([...TINY_PNG, i]); // trailing bytes: three distinct files
        await app.platform.storage.upload(caller, "avatars", name, png, "image/png");
      }
      before = await countRows(app.platform.db.driver);

      await t.step("refused while the server has the data dir open", async () => {
        await refused(() => createBackup(config, outDir), BackupError, /stop the server/);
      });
    } finally {
      await app.close();
    }
    const files = await storageSums(dataDir);
    assertEquals(Object.keys(files).length, 3);

    const backup = await createBackup(config, outDir);
    await t.step("the archive and its manifest", () => {
      assert(/soundcheck-\d{8}T\d{6}Z\.tar\.gz$/.test(backup.file));
      assertEquals(backup.manifest.tables, before);
      assert(Object.values(before).some((n) => n > 0));
      assertEquals(backup.manifest.migration?.version.length, 14);
      const listed = Object.fromEntries(backup.manifest.files.map((f) => [f.path, f.sha256]));
      for (const [path, sum] of Object.entries(files)) assertEquals(listed[path], sum);
      assert("secrets/jwt-secret" in listed);
    });

    await t.step("corrupt or missing archives change nothing", async () => {
      const untouched = await fingerprint(dataDir);
      const cut = `${root}/cut.tar.gz`;
      const bytes = await Deno.readFile(backup.file);
      await Deno.writeFile(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await refused(() => restoreBackup(config, cut), ArchiveError);
      const bad = `${root}/tampered.tar.gz`;
      await tamper(backup.file, bad, Object.keys(files)[0]);
      await refused(() => restoreBackup(config, bad), ArchiveError, /checksum/);
      await refused(() => restoreBackup(config, `${root}/nope.tar.gz`), ArchiveError, /No such/);
      assertEquals(await fingerprint(dataDir), untouched);
    });

    await t.step("wipe → restore: the same row counts and file checksums", async () => {
      for (const name of ["db", "storage", "jwt-secret"]) {
        await Deno.remove(`${dataDir}/${name}`, { recursive: true });
      }
      const restored = await restoreBackup(config, backup.file);
      assertEquals(restored.aside, null); // nothing was in place
      assertEquals(restored.migrated, []);
      assertEquals(await storageSums(dataDir), files);
      const driver = await openPglite({ dataDir: `${dataDir}/db` });
      try {
        assertEquals(await countRows(driver), before);
        // Open elsewhere (as by a running server): a restore is refused.
        await refused(() => restoreBackup(config, backup.file), BackupError, /stop the server/);
      } finally {
        await driver.close();
      }
    });

    await t.step("a restore over existing data keeps that data aside", async () => {
      const restored = await restoreBackup(config, backup.file);
      assert(restored.aside?.startsWith(`${dataDir}/before-restore-`));
      assertEquals(await storageSums(restored.aside!), files);
      assertEquals(await storageSums(dataDir), files);
    });
  } finally {
    await Deno.remove(root, { recursive: true }).catch(() => {});
  }
});
