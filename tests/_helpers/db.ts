/**
 * Fresh databases for integration tests and the pgTAP runner.
 *
 * Bootstrapping and migrating PGlite costs seconds, so it happens once: the migrated data dir is
 * dumped to a tarball, cached in memory for the process and on disk under
 * `.data/test-snapshot-<hash>.tar` (the hash covers everything that shapes the schema), and every
 * `freshDb()` opens a private copy of it. Loading the tarball measured ~1 s against ~1.2 s for
 * `pg.clone()`, which dumps the source again on every call.
 *
 * ```ts
 * await using t = await freshDb();
 * const alice = await createUser(t.driver, { display_name: "Alice" });
 * await t.db.asUser(alice.claims, (tx) => tx.query("select * from public.notifications"));
 * ```
 *
 * @module
 */
import type { PGlite } from "@electric-sql/pglite";
import { createDb, type Db } from "../../lib/ports/db/mod.ts";
import {
  bootstrapSupabaseCompat,
  migrate,
  projectRoot,
  readMigrations,
} from "../../lib/ports/db/migrate.ts";
import { openPglite, snapshot } from "../../lib/ports/db/pglite.ts";
import type { Claims, Driver } from "../../lib/ports/db/types.ts";

/** The PGlite driver, with the PGlite instance for tools that need it (sockets, dumps). */
export type PgliteDriver = Driver & { pg: PGlite };

/** A private database for one test; `close()` (or `await using`) releases it. */
export interface FreshDb extends AsyncDisposable {
  db: Db;
  driver: PgliteDriver;
  close(): Promise<void>;
}

const dataDir = new URL(".data/", projectRoot);

/** Files whose contents shape the migrated data dir: a change to any of them invalidates the cache. */
const SCHEMA_INPUTS = [
  "lib/ports/db/sql/supabase_bootstrap.sql",
  "lib/ports/db/sql/pgmq_compat.sql",
  "lib/ports/db/migrate.ts",
  "lib/ports/db/pglite.ts",
  // The data dir format follows the Postgres build inside PGlite.
  "node_modules/@electric-sql/pglite/package.json",
];

async function sha256(parts: string[]): Promise<string> {
  const bytes = new TextEncoder().encode(parts.join("\u0000"));
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** A data dir tarball and the hash of everything it was built from. */
export interface Snapshot {
  tar: Blob;
  key: string;
}

/**
 * Returns the tarball cached as `.data/<name>-<hash>.tar`, or builds it: `build` gets a PGlite
 * opened from `base` (or an empty one), and its data dir is dumped and written atomically, so
 * parallel test processes never read half a file. Older tarballs of the same name are removed.
 * `inputs` must hold everything `build` depends on; the base's key is added to them.
 */
export async function cachedSnapshot(
  name: string,
  inputs: string[],
  build: (driver: PgliteDriver) => Promise<void>,
  base?: Snapshot,
): Promise<Snapshot> {
  const key = await sha256([...inputs, base?.key ?? ""]);
  const hash = key.slice(0, 16);
  const file = new URL(`${name}-${hash}.tar`, dataDir);
  try {
    return { tar: new Blob([await Deno.readFile(file)]), key };
  } catch (err) {
    if (!(err instanceof Deno.errors.NotFound)) throw err;
  }
  const driver = await openPglite(base ? { loadDataDir: base.tar } : {});
  let tar: Blob;
  try {
    await build(driver);
    tar = await snapshot(driver);
  } finally {
    await driver.close();
  }
  await Deno.mkdir(dataDir, { recursive: true });
  const tmp = new URL(`${name}-${hash}.${crypto.randomUUID()}.tmp`, dataDir);
  await Deno.writeFile(tmp, new Uint8Array(await tar.arrayBuffer()));
  await Deno.rename(tmp, file);
  for await (const entry of Deno.readDir(dataDir)) {
    if (
      entry.name.startsWith(`${name}-`) && entry.name.endsWith(".tar") &&
      entry.name !== `${name}-${hash}.tar`
    ) {
      await Deno.remove(new URL(entry.name, dataDir)).catch(() => {});
    }
  }
  return { tar, key };
}

let migrated: Promise<Snapshot> | undefined;

/** The bootstrapped and migrated (unseeded) data dir as a tarball; built at most once per process. */
export function migratedSnapshot(): Promise<Snapshot> {
  migrated ??= (async () => {
    const inputs = await Promise.all(
      SCHEMA_INPUTS.map((p) => Deno.readTextFile(new URL(p, projectRoot))),
    );
    const migrations = await readMigrations();
    for (const m of migrations) inputs.push(`${m.version}_${m.name}`, m.sql);
    return await cachedSnapshot("test-snapshot", inputs, async (driver) => {
      await bootstrapSupabaseCompat(driver);
      await migrate(driver, migrations);
    });
  })();
  // A failed build must not poison every later call in the process.
  migrated.catch(() => (migrated = undefined));
  return migrated;
}

/** Opens a private, migrated in-memory database (~1 s); close it when the test ends. */
export async function freshDb(): Promise<FreshDb> {
  const driver = await openPglite({ loadDataDir: (await migratedSnapshot()).tar });
  const close = () => driver.close();
  return { db: createDb(driver), driver, close, [Symbol.asyncDispose]: close };
}

/** Options for `createUser`; anything left out gets a unique default. */
export interface NewUser {
  email?: string;
  display_name?: string;
  is_client?: boolean;
}

/** A signed-up user and the claims `asUser` needs to act as them. */
export interface TestUser {
  id: string;
  claims: Claims;
}

/**
 * Signs a user up the way Supabase Auth does: a row in `auth.users` inserted as the table's owner,
 * so the `on_auth_user_created` trigger creates the profile and enqueues the welcome.
 */
export async function createUser(driver: Driver, opts: NewUser = {}): Promise<TestUser> {
  const id = crypto.randomUUID();
  const email = opts.email ?? `user-${id.slice(0, 8)}@example.test`;
  const appMetadata = { provider: "email", providers: ["email"] };
  const userMetadata: Record<string, unknown> = {};
  if (opts.display_name !== undefined) userMetadata.display_name = opts.display_name;
  if (opts.is_client !== undefined) userMetadata.is_client = opts.is_client;
  await driver.transaction(async (tx) => {
    await tx.query("select set_config('role', 'supabase_admin', true)");
    await tx.query(
      `insert into auth.users (id, aud, role, email, email_confirmed_at, raw_app_meta_data,
                               raw_user_meta_data)
       values ($1, 'authenticated', 'authenticated', $2, now(), $3::jsonb, $4::jsonb)`,
      [id, email, JSON.stringify(appMetadata), JSON.stringify(userMetadata)],
    );
  });
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    claims: {
      sub: id,
      role: "authenticated",
      aud: "authenticated",
      email,
      iat: now,
      exp: now + 3600,
      app_metadata: appMetadata,
      user_metadata: userMetadata,
    },
  };
}
