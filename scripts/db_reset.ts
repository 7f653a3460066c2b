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
import { loadConfig } from "../lib/config.ts";
import { openDatabase } from "../lib/platform/database.ts";

const projectDir = fileURLToPath(new URL("..", import.meta.url));

/**
 * Resolves `path` (relative to the working directory) and returns it relative to the project;
 * throws unless it lies strictly inside the project, so a stray DATA_DIR=/ or ../ deletes nothing.
 */
export function insideProject(path: string): string {
  const rel = relative(projectDir, resolve(path));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) {
    throw new Error(`Refusing to delete ${resolve(path)}: it is not inside ${projectDir}`);
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
  const targets = [`${config.DATA_DIR}/db`, `${config.DATA_DIR}/storage`].map(insideProject);
  for (const rel of targets) {
    console.log((await removeDir(rel)) ? `removed ${rel}` : `${rel} did not exist`);
  }
  // APP_ENV=test would open an in-memory database and leave nothing behind: reset means dev data.
  const env = config.APP_ENV === "test" ? "dev" : config.APP_ENV;
  const { db, migrated, seeded } = await openDatabase({ ...config, APP_ENV: env });
  try {
    console.log(`created ${targets[0]}`);
    console.log(
      `applied ${migrated.length} migrations${migrated.length ? `: ${migrated.join(", ")}` : ""}`,
    );
    console.log(seeded ? "ran supabase/seed.sql" : "no seed (APP_ENV is not dev)");
  } finally {
    await db.driver.close();
  }
  return 0;
}

if (import.meta.main) Deno.exit(await main());
