/**
 * Makes a user an admin, for dev and tests: `deno run -A scripts/make_admin.ts <email>`.
 *
 * Sets `auth.users.raw_app_meta_data.role = 'admin'` server side (as the database owner, the way
 * the auth service writes it: the service role may not update auth.users) on the database the app
 * uses: DATABASE_URL when set, else the embedded database in `$DATA_DIR/db` (stop the dev server
 * first: PGlite must never be open in two processes). For a hosted Supabase project set the role in
 * the dashboard or with the admin API instead. The role reaches the user's JWT (`app_metadata`) at
 * their next sign-in or token refresh; private.is_admin() and /admin/disputes read it from there.
 *
 * @module
 */
import { loadConfig } from "../lib/platform/config.ts";
import { openDatabase } from "../lib/platform/database.ts";
import type { Db } from "../lib/ports/db/mod.ts";

/** Grants the admin role; false when no user has that e-mail. */
export async function makeAdmin(db: Db, email: string): Promise<boolean> {
  // The database owner's connection, as the embedded auth writes auth.users (service_role may not).
  const rows = await db.driver.transaction((tx) =>
    tx.query<{ id: string }>(
      `update auth.users
          set raw_app_meta_data = coalesce(raw_app_meta_data, '{}'::jsonb) || '{"role": "admin"}'::jsonb,
              updated_at = now()
        where lower(email) = lower($1) returning id`,
      [email.trim()],
    )
  );
  return rows.length > 0;
}

async function main(): Promise<number> {
  const email = Deno.args[0];
  if (!email || !email.includes("@")) {
    console.error("usage: deno run -A scripts/make_admin.ts <email>");
    return 2;
  }
  const config = loadConfig();
  if (config.SUPABASE_URL && !config.DATABASE_URL) {
    console.error("Supabase: set app_metadata.role = 'admin' with the dashboard or admin API.");
    return 1;
  }
  const { db } = await openDatabase(config);
  try {
    if (!(await makeAdmin(db, email))) {
      console.error(`No user with the e-mail ${email}`);
      return 1;
    }
    console.log(`${email} is an admin from their next sign-in.`);
    return 0;
  } finally {
    await db.driver.close();
  }
}

if (import.meta.main) Deno.exit(await main());
