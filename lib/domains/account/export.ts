/**
 * A person's data export: every row about them (lib/domains/account/sections.ts, one JSON file
 * per table) and every file they stored, as one zip. Plain functions over the db and storage
 * ports; the export job (./export_job.ts) runs them and stores the zip.
 *
 * @module
 */
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { Caller, StoragePort } from "../../ports/storage/port.ts";
import { type Section, sectionFile, SECTIONS } from "./sections.ts";
import { zip, type ZipEntry } from "./zip.ts";

export interface ExportDeps {
  db: Db;
  storage: StoragePort;
  /** How the server reads a file as its owner (lib/ports/storage/port.ts ownerCaller). */
  asOwner: (userId: string) => Caller;
}

export interface ExportProgress {
  tables: number;
  tables_total: number;
  files: number;
  files_total: number;
}

export interface ExportResult {
  archive: Uint8Array;
  files: number;
  /** Files listed in storage whose bytes could not be read (named in the README). */
  missing: string[];
}

const IDENT = /^[a-z_]+\.[a-z_]+$/;

/** The SQL reading one section's rows as a JSON array ($1: the person, $2: omitted columns). */
export function sectionSql(s: Section): string {
  if (!IDENT.test(s.table)) throw new Error(`bad table ${s.table}`);
  const extra = Object.entries(s.extra ?? {})
    .map(([k, v]) => ` || jsonb_build_object('${k.replace(/[^a-z_]/g, "")}', ${v})`)
    .join("");
  return `select coalesce(jsonb_agg((to_jsonb(t) - $2::text[])${extra}
            order by (to_jsonb(t) - $2::text[])::text), '[]'::jsonb) as rows
          from ${s.table} t where ${s.where}`;
}

/** The claims the export reads with as the person (RLS), without their session. */
function personClaims(userId: string): Claims {
  return { sub: userId, role: "authenticated", aud: "authenticated" };
}

/** One section's rows. */
export async function readSection(db: Db, userId: string, s: Section): Promise<unknown[]> {
  const sql = sectionSql(s);
  const params = [userId, s.omit ?? []];
  const [row] = s.via === "user"
    ? await db.queryAsUser<{ rows: unknown[] }>(personClaims(userId), sql, params)
    : await db.asService((tx) => tx.query<{ rows: unknown[] }>(sql, params));
  return row?.rows ?? [];
}

/** The person's files: every object they uploaded, and everything in their own folders. */
export function listFiles(db: Db, userId: string): Promise<{ bucket_id: string; name: string }[]> {
  return db.asService((tx) =>
    tx.query<{ bucket_id: string; name: string }>(
      // Earlier exports are not exported again.
      `select bucket_id, name from private.account_purge_files($1) where bucket_id <> 'exports'`,
      [userId],
    )
  );
}

const README = (when: string, missing: string[]) =>
  `Your Soundcheck data, collected ${when}.

data/   one JSON file per table: every row about you (schema.table.json).
        Conversations list the other person by display name only; their messages are theirs.
        Secrets are left out: your password hash, session tokens and Spotify tokens.
files/  the files you stored, by bucket (avatars, media, tracks, attachments, evidence, art).
${
    missing.length
      ? `\nThese files were listed but could not be read:\n${missing.join("\n")}\n`
      : ""
  }`;

/** Collects the person's data and files into a zip; `progress` hears how far it got. */
export async function buildExport(
  deps: ExportDeps,
  userId: string,
  progress: (p: ExportProgress) => void = () => {},
): Promise<ExportResult> {
  const entries: ZipEntry[] = [];
  const files = await listFiles(deps.db, userId);
  const p: ExportProgress = {
    tables: 0,
    tables_total: SECTIONS.length,
    files: 0,
    files_total: files.length,
  };
  progress({ ...p });
  const enc = new TextEncoder();
  for (const s of SECTIONS) {
    const rows = await readSection(deps.db, userId, s);
    entries.push({ name: sectionFile(s), data: enc.encode(JSON.stringify(rows, null, 2)) });
    p.tables++;
    if (p.tables % 10 === 0) progress({ ...p });
  }
  progress({ ...p });
  const missing: string[] = [];
  const caller = deps.asOwner(userId);
  for (const f of files) {
    const obj = await deps.storage.download(caller, f.bucket_id, f.name);
    if (obj) {
      entries.push({
        name: `files/${f.bucket_id}/${f.name}`,
        data: obj.body,
        modified: obj.updatedAt,
      });
    } else {
      missing.push(`${f.bucket_id}/${f.name}`);
    }
    p.files++;
    progress({ ...p });
  }
  const when = new Date().toISOString();
  entries.unshift({ name: "README.txt", data: enc.encode(README(when, missing)) });
  return { archive: await zip(entries), files: files.length - missing.length, missing };
}
