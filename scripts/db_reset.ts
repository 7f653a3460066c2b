/**
 * Starts the embedded database again from nothing: `deno task db:reset`.
 *
 * Deletes `$DATA_DIR/db` and `$DATA_DIR/storage` (default `.data/`), then opens the database the
 * way the app does, so the compat bootstrap, every migration and (for APP_ENV=dev) the seed run.
 * Stop the dev server first: PGlite must never be open in two processes.
 *
 * Refuses to touch anything outside the project, a Supabase or DATABASE_URL database (use
 * `supabase db reset` there), or APP_ENV=prod data without `--force`.
 *
 * @module
 */
import { isAbsolute, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { loadConfig } from "../lib/platform/config.ts";
import { openDatabase } from "../lib/platform/database.ts";

const projectDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Resolves `path` (relative to the working directory) and returns it relative to the project;
 * throws unless it lies strictly inside the project, so a stray DATA_DIR=/ or ../ deletes nothing.
 */
export function insideProject(path: string): string {
  const rel = relative(projectDir, resolve(path));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new Error(`Refusing to delete ${resolve(path)}: it is not strictly inside ${projectDir}`);
  }
  return rel;
}

async function removeDir(rel: string): Promise<boolean> {
  try {
    await Deno.remove(resolve(projectDir, rel), { recursive: true });
    return true;
  } catch (err) {
    if (err instanceof Deno.errors.NotFound) return false;
    throw err;
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({ args: Deno.args, options: { force: { type: "boolean" } } });
  const config = loadConfig();
  if (config.SUPABASE_URL || config.DATABASE_URL) {
    console.error(
      "db:reset resets the embedded database only. For Supabase or DATABASE_URL use " +
        "`npx supabase db reset` (add --remote=<url> for a database of your own).",
    );
    return 1;
  }
  if (config.APP_ENV === "prod" && !values.force) {
    console.error("APP_ENV=prod: refusing to delete production data without --force.");
    return 1;
  }
  // DATA_DIR itself must sit inside the project, so DATA_DIR=. cannot aim at ./db of the repo.
  const dataDir = insideProject(config.DATA_DIR);
  const targets = [`${dataDir}/db`, `${dataDir}/storage`];
  for (const rel of targets) {
    console.log((await removeDir(rel)) ? `removed ${rel}` : `${rel} did not exist`);
  }
  // PGlite creates only the last path segment of its data dir.
  await Deno.mkdir(resolve(projectDir, dataDir), { recursive: true });
  // APP_ENV=test would open an in-memory database and leave nothing behind: reset means dev data.
  const env = config.APP_ENV === "test" ? "dev" : config.APP_ENV;
  const { db, migrated, seeded } = await openDatabase({
    ...config,
    DATA_DIR: resolve(projectDir, dataDir),
    APP_ENV: env,
  });
  try {
    console.log(`created ${targets[0]}`);
    const list = migrated.length ? `: ${migrated.join(", ")}` : "";
    console.log(`applied ${migrated.length} migrations${list}`);
    console.log(seeded ? "ran supabase/seed.sql" : "no seed (APP_ENV is not dev)");
  } finally {
    await db.driver.close();
  }
  return 0;
}

if (import.meta.main) {
  try {
    Deno.exit(await main());
  } catch (err) {
    console.error(`db:reset failed: ${err instanceof Error ? err.message : err}`);
    Deno.exit(1);
  }
}
