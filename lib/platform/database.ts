/** Opens the database for either mode and brings its schema up to date. */
import type { Config } from "./config.ts";
import { isSupabase } from "./config.ts";
import { createDb, type Db } from "../ports/db/mod.ts";
import { openPostgres } from "../ports/db/postgres.ts";
import type { AuthPort } from "../ports/auth/port.ts";
import type { StoragePort } from "../ports/storage/port.ts";
import type { RealtimeHub } from "../ports/realtime/port.ts";

export interface OpenedDatabase {
  db: Db;
  migrated: string[];
  seeded: boolean;
}

/** What embedded mode adds to the platform (lib/platform/embedded.ts). */
export interface EmbeddedAdapters {
  /** PGlite (or DATABASE_URL) with the compat bootstrap, migrations and (dev) seed. */
  openDatabase(config: Config): Promise<OpenedDatabase>;
  /** Embedded auth, storage and the NOTIFY → SSE realtime hub. */
  ports(config: Config, db: Db, siteUrl: string): Promise<{
    auth: AuthPort;
    storage: StoragePort;
    realtime: RealtimeHub;
  }>;
}

// A computed specifier, so no bundler follows it: Supabase's bundles an Edge Function with every
// module its graph names, and functions run in Supabase mode, where PGlite (26 MB) and the
// embedded adapters are dead weight (tests/integration/functions_bundle_test.ts).
const EMBEDDED = new URL("./embedded.ts", import.meta.url).href;

/** The embedded adapters, loaded on first use by the web server or scripts in embedded mode. */
export async function loadEmbedded(): Promise<EmbeddedAdapters> {
  const mod: { embedded: EmbeddedAdapters } = await import(EMBEDDED);
  return mod.embedded;
}

/**
 * Embedded: PGlite under DATA_DIR/db (memory for tests) or DATABASE_URL, with the compat bootstrap,
 * migrations and (dev) seed. Supabase: its own Postgres, already migrated by `supabase db push`.
 */
export async function openDatabase(config: Config): Promise<OpenedDatabase> {
  if (!isSupabase(config)) return await (await loadEmbedded()).openDatabase(config);
  const url = config.DATABASE_URL;
  if (!url) {
    throw new Error("Supabase mode needs DATABASE_URL (or SUPABASE_DB_URL) for the server");
  }
  return { db: createDb(openPostgres(url)), migrated: [], seeded: false };
}
