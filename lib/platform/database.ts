/** Opens the database for either mode and brings its schema up to date. */
import type { Config } from "./config.ts";
import { isSupabase } from "./config.ts";
import { createDb, type Db } from "../ports/db/mod.ts";
import { openPglite } from "../ports/db/pglite.ts";
import { openPostgres } from "../ports/db/postgres.ts";
import { bootstrapSupabaseCompat, migrate, seed } from "../ports/db/migrate.ts";
import { demoAllowed } from "./demo.ts";
import type { Driver } from "../ports/db/types.ts";

export interface OpenedDatabase {
  db: Db;
  migrated: string[];
  seeded: boolean;
}

/**
 * Embedded: PGlite under DATA_DIR/db (memory for tests) or DATABASE_URL, with the compat bootstrap,
 * migrations and (dev) seed. Supabase: its own Postgres, already migrated by `supabase db push`.
 */
export async function openDatabase(config: Config): Promise<OpenedDatabase> {
  const url = config.DATABASE_URL;
  if (isSupabase(config)) {
    if (!url) {
      throw new Error("Supabase mode needs DATABASE_URL (or SUPABASE_DB_URL) for the server");
    }
    return { db: createDb(openPostgres(url)), migrated: [], seeded: false };
  }
  const dataDir = config.APP_ENV === "test" ? undefined : `${config.DATA_DIR}/db`;
  // PGlite creates only the last segment of its data dir: a fresh clone has no DATA_DIR yet.
  if (!url && dataDir) await Deno.mkdir(config.DATA_DIR, { recursive: true });
  const driver: Driver = url ? openPostgres(url) : await openPglite({ dataDir });
  await bootstrapSupabaseCompat(driver);
  const migrated = await migrate(driver);
  const seeded = demoAllowed(config) ? await seed(driver) : false;
  // Types created by the bootstrap or migrations (vector[], …) must be known to serialise params.
  if (migrated.length > 0) await driver.refreshTypes?.();
  return { db: createDb(driver), migrated, seeded };
}
