/**
 * Gives a fresh cluster what Supabase's Postgres image has before a project's migrations run:
 * Supabase's own image SQL from the vendored tarball (`supabase-postgres-migrations.tar.gz`),
 * applied as its `migrate.sh` does (the init scripts as `postgres`, then the image migrations as
 * `supabase_admin`), then the project's stand-in for what Supabase's services create (Auth,
 * Storage, Realtime: the `@services` part of lib/ports/db/sql/supabase_bootstrap.sql).
 *
 * Debian has no pgjwt, pgsodium, pg_graphql, supabase_vault or pg_net: the statements that need
 * one of them are skipped and returned, so the caller can say what was left out. The image's own
 * DO blocks already check `pg_available_extensions` and skip themselves.
 *
 * @module
 */
import postgres from "postgres";
import { supabaseServicesSql } from "../../lib/ports/db/migrate.ts";
import { splitSql } from "../../tests/pgtap/tap.ts";
import type { Cluster } from "./cluster.ts";

/** Extensions in Supabase's image that Debian does not package. */
export const MISSING_EXTENSIONS = ["pgjwt", "pgsodium", "pg_graphql", "supabase_vault", "pg_net"];

const vendorDir = new URL("../../vendor/", import.meta.url);

/** A statement of the image SQL that was not applied, and why. */
export interface Skipped {
  file: string;
  sql: string;
  reason: string;
}

/**
 * Why `sql` cannot run without the missing extensions, or undefined when it can. Only statements
 * that need one directly count: `create extension` of one, or a grant of a role one creates.
 */
export function needsMissingExtension(sql: string): string | undefined {
  if (/^do\s/i.test(sql)) return undefined; // the image's DO blocks check availability themselves
  const names = MISSING_EXTENSIONS.join("|");
  const create = new RegExp(
    `^create\\s+extension\\s+(?:if\\s+not\\s+exists\\s+)?"?(${names})\\b`,
    "i",
  )
    .exec(sql);
  if (create) return `extension ${create[1]} is not packaged by Debian`;
  const role = /\b(pgsodium_key\w+)\b/i.exec(sql);
  if (role) return `role ${role[1]} comes with pgsodium, which Debian does not package`;
  return undefined;
}

/**
 * Where Debian's Postgres differs from Supabase's image in ways the schema meets.
 *
 * Supabase's supautils runs a privileged extension's whole `create extension` as a superuser,
 * event triggers included; Debian has no supautils. install.sh marks those extensions trusted
 * (their scripts then run as the bootstrap superuser); this runs the image's pg_cron event trigger,
 * which a trusted extension would fire as the caller, as that superuser too.
 */
export const SUPAUTILS_STAND_IN = `
alter function extensions.grant_pg_cron_access() owner to supabase_admin;
alter function extensions.grant_pg_cron_access() security definer;

-- Debian's pg_cron is 1.4, whose cron.schedule() writes cron.job with the caller's rights; the 1.6
-- that Supabase ships does not need them, so the image takes them from postgres. Give them back
-- when an older pg_cron is created (after the image's trigger: event triggers fire in name order).
create or replace function extensions.soundcheck_old_pg_cron_access() returns event_trigger
language plpgsql security definer set search_path = '' as $fn$
begin
  if exists (select from pg_event_trigger_ddl_commands() ev
             join pg_catalog.pg_extension ext on ev.objid = ext.oid
             where ext.extname = 'pg_cron' and ext.extversion < '1.5') then
    grant insert, update, delete on table cron.job to postgres;
    grant usage, select on all sequences in schema cron to postgres;
  end if;
end $fn$;
drop event trigger if exists zz_soundcheck_old_pg_cron_access;
create event trigger zz_soundcheck_old_pg_cron_access on ddl_command_end
  when tag in ('CREATE EXTENSION') execute function extensions.soundcheck_old_pg_cron_access();
`;

async function extractImageSql(): Promise<string> {
  const tarball = new URL("supabase-postgres-migrations.tar.gz", vendorDir).pathname;
  const dir = await Deno.makeTempDir({ prefix: "soundcheck-image-" });
  const out = await new Deno.Command("tar", { args: ["-xzf", tarball, "-C", dir], stderr: "piped" })
    .output();
  if (!out.success) {
    throw new Error(`cannot extract ${tarball}: ${new TextDecoder().decode(out.stderr)}`);
  }
  return `${dir}/supabase-postgres-migrations/migrations/db`;
}

async function sqlFiles(dir: string): Promise<string[]> {
  const names: string[] = [];
  for await (const e of Deno.readDir(dir)) {
    if (e.isFile && e.name.endsWith(".sql")) names.push(e.name);
  }
  return names.sort().map((n) => `${dir}/${n}`);
}

/** Runs `file` statement by statement as `user`; returns what it skipped. */
async function applyFile(
  cluster: Cluster,
  user: string,
  db: string,
  file: string,
): Promise<Skipped[]> {
  const sql = postgres(cluster.url(user, db), { max: 1, onnotice: () => {} });
  const skipped: Skipped[] = [];
  const name = file.split("/").slice(-2).join("/");
  try {
    for (const stmt of splitSql(await Deno.readTextFile(file))) {
      const reason = needsMissingExtension(stmt.sql);
      if (reason) {
        skipped.push({ file: name, sql: stmt.sql, reason });
        continue;
      }
      try {
        await sql.unsafe(stmt.sql);
      } catch (err) {
        throw new Error(`${name}:${stmt.line}: ${err instanceof Error ? err.message : err}`);
      }
    }
  } finally {
    await sql.end();
  }
  return skipped;
}

/**
 * Applies Supabase's image SQL and the services' stand-in to database `db` (default `postgres`)
 * of a fresh cluster whose bootstrap superuser is `supabase_admin`; returns what was skipped.
 */
export async function applySupabaseImage(cluster: Cluster, db = "postgres"): Promise<Skipped[]> {
  const root = await extractImageSql();
  try {
    // migrate.sh: the image's `postgres` role is a superuser until the image migrations demote it.
    const admin = postgres(cluster.url("supabase_admin", db), { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(`do $$ begin
        if not exists (select from pg_roles where rolname = 'postgres') then
          create role postgres superuser login;
        end if;
      end $$`);
      await admin.unsafe(`alter database ${db} owner to postgres`);
    } finally {
      await admin.end();
    }
    const skipped: Skipped[] = [];
    for (const file of await sqlFiles(`${root}/init-scripts`)) {
      skipped.push(...await applyFile(cluster, "postgres", db, file));
    }
    for (const file of await sqlFiles(`${root}/migrations`)) {
      skipped.push(...await applyFile(cluster, "supabase_admin", db, file));
    }
    const services = postgres(cluster.url("supabase_admin", db), { max: 1, onnotice: () => {} });
    try {
      await services.unsafe(SUPAUTILS_STAND_IN);
      await services.unsafe(await supabaseServicesSql());
    } finally {
      await services.end();
    }
    return skipped;
  } finally {
    await Deno.remove(root.replace(/\/supabase-postgres-migrations\/.*$/, ""), { recursive: true });
  }
}
