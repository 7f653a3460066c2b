/**
 * Imports of performance data and charts: rows sent as JSON, or a CSV file. Every row is
 * validated first; one bad row and nothing is imported (a 422 listing the lines). Small files are
 * imported in the request; larger ones are kept on an `artist_imports` row and imported by a job
 * on the `artists` queue (artist_jobs.ts), whose progress the page follows.
 *
 * @module
 */
import type { Tx } from "../../ports/db/mod.ts";
import { startJob } from "../../ports/queue/jobs.ts";
import { HttpError } from "../../web/errors.ts";
import { isForm, readForm } from "../../web/body.ts";
import { asServer } from "../dj/run_store.ts";
import type { Import, ImportResult } from "./api.ts";
import { parseMetricsCsv } from "./imports/metrics.ts";
import { parseChartsCsv } from "./imports/charts.ts";
import { ARTIST_IMPORT } from "./job_kinds.ts";
import { ownArtist, type Platform, type Who } from "./service.ts";
import * as store from "./store.ts";
import type { ChartRow, MetricRow, RowError } from "./types.ts";

export type ImportKind = "metrics" | "charts";

/** Files up to this size are imported while the person waits. */
export const SYNC_IMPORT_BYTES = 256 * 1024;
/** The largest file accepted (the row's check allows 20 MB of text). */
export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
/** The request's cap: the largest file and the form around it. */
export const IMPORT_BODY_LIMIT = MAX_IMPORT_BYTES + 64 * 1024;

/** `file` (a CSV) and `kind` from a multipart form; 4xx naming the field. */
export async function readImportForm(
  req: Request,
): Promise<{ kind: ImportKind; name: string; text: string }> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  if (!isForm(type) || !type.startsWith("multipart/")) {
    throw new HttpError(415, "Send multipart/form-data with the CSV as `file`", {
      field: "content-type",
    });
  }
  const form = await readForm(req);
  const kind = form.get("kind") ?? "metrics";
  if (kind !== "metrics" && kind !== "charts") {
    throw new HttpError(400, "kind is metrics or charts", { field: "kind" });
  }
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) {
    throw new HttpError(400, "Choose a CSV file to import", { field: "file" });
  }
  if (file.size > MAX_IMPORT_BYTES) {
    throw new HttpError(413, "The file is over 20 MB: split it by month", { field: "file" });
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new HttpError(400, "The file is not UTF-8 text: export it as CSV (UTF-8)", {
      field: "file",
    });
  }
  if (text.includes("\u0000")) {
    throw new HttpError(400, "The file is not a CSV (it has binary data)", { field: "file" });
  }
  // deno-lint-ignore no-control-regex
  const name = file.name.split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return { kind, name: name.slice(0, 200) || `${kind}.csv`, text };
}

/** Rows per statement: bounded memory in the database for the largest files. */
const CHUNK = 20_000;

/** The 422 of a file or request with bad rows: nothing was imported. */
export function badRows(errors: RowError[], more = 0): HttpError {
  const n = errors.length + more;
  return new HttpError(
    422,
    `${n} ${n === 1 ? "row has a problem" : "rows have problems"}: nothing was imported. ` +
      `Fix ${n === 1 ? "it" : "them"} and import the file again.`,
    {
      code: "bad_rows",
      field: "file",
      issues: errors.map((e) => ({
        field: `line ${e.line}${e.field ? `: ${e.field}` : ""}`,
        message: e.message,
      })),
    },
  );
}

const sum = (a: ImportResult, b: ImportResult): ImportResult => ({
  inserted: a.inserted + b.inserted,
  updated: a.updated + b.updated,
  unchanged: a.unchanged + b.unchanged,
});
const NONE: ImportResult = { inserted: 0, updated: 0, unchanged: 0 };

/**
 * Writes validated metric rows in chunks, in the caller's transaction (all or nothing). `fn`
 * names the SQL function: the owner's public one, or the server's private one for a job.
 */
export async function writeMetrics(
  tx: Tx,
  artistId: string,
  rows: MetricRow[],
  fn = "public.import_artist_metrics",
  onChunk?: (done: number) => Promise<void> | void,
): Promise<ImportResult> {
  let total = NONE;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const cols = {
      track: part.map((r) => r.track),
      day: part.map((r) => r.date),
      country: part.map((r) => r.country),
      streams: part.map((r) => r.streams),
      listeners: part.map((r) => r.listeners),
      saves: part.map((r) => r.saves),
      skips: part.map((r) => r.skips),
      followers: part.map((r) => r.followers),
    };
    const [r] = await tx.query<ImportResult>(
      `select * from ${fn}($1, $2::text[], $3::date[], $4::text[], $5::int[], $6::int[],
                           $7::int[], $8::int[], $9::int[])`,
      [
        artistId,
        cols.track,
        cols.day,
        cols.country,
        cols.streams,
        cols.listeners,
        cols.saves,
        cols.skips,
        cols.followers,
      ],
    );
    total = sum(total, r);
    await onChunk?.(Math.min(i + CHUNK, rows.length));
  }
  return total;
}

export async function writeCharts(
  tx: Tx,
  artistId: string,
  rows: ChartRow[],
  fn = "public.import_artist_charts",
): Promise<ImportResult> {
  let total = NONE;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const part = rows.slice(i, i + CHUNK);
    const [r] = await tx.query<ImportResult>(
      `select * from ${fn}($1, $2::text[], $3::date[], $4::int[], $5::text[], $6::text[],
                           $7::text[], $8::int[])`,
      [
        artistId,
        part.map((r) => r.country),
        part.map((r) => r.week),
        part.map((r) => r.rank),
        part.map((r) => r.track),
        part.map((r) => r.artist),
        part.map((r) => r.genre),
        part.map((r) => r.streams),
      ],
    );
    total = sum(total, r);
  }
  return total;
}

/** Duplicate keys inside one JSON request are bad rows (the CSV parser reports them itself). */
function duplicates<T>(rows: T[], key: (r: T) => string): RowError[] {
  const seen = new Map<string, number>();
  const errors: RowError[] = [];
  rows.forEach((r, i) => {
    const k = key(r);
    const first = seen.get(k);
    if (first !== undefined) {
      errors.push({ line: i + 1, field: null, message: `Repeats row ${first + 1}` });
    } else seen.set(k, i);
  });
  return errors;
}

/** Rows sent as JSON (already valid by schema): imported now. Owner only. */
export async function importRows(
  p: Platform,
  who: Who,
  artistId: string,
  kind: ImportKind,
  rows: MetricRow[] | ChartRow[],
): Promise<ImportResult> {
  const dup = kind === "metrics"
    ? duplicates(
      rows as MetricRow[],
      (r) => `${r.track.trim().toLowerCase()}|${r.date}|${r.country}`,
    )
    : duplicates(rows as ChartRow[], (r) => `${r.country}|${r.week}|${r.rank}`);
  if (dup.length) throw badRows(dup.slice(0, 100), Math.max(0, dup.length - 100));
  return await p.db.asUser(who.claims, async (tx) => {
    await ownArtist(tx, who, artistId);
    return kind === "metrics"
      ? await writeMetrics(tx, artistId, rows as MetricRow[])
      : await writeCharts(tx, artistId, rows as ChartRow[]);
  });
}

/** Parses a CSV of `kind`: the rows, or every bad line. */
export function parseImport(kind: ImportKind, text: string) {
  return kind === "metrics" ? parseMetricsCsv(text) : parseChartsCsv(text);
}

/**
 * A CSV file: a small one is validated and imported now (a 422 with its bad lines, nothing
 * imported); a large one is kept and queued, and its row answers with `queued`.
 */
export async function importFile(
  p: Platform,
  who: Who,
  artistId: string,
  kind: ImportKind,
  filename: string,
  text: string,
): Promise<Import> {
  const bytes = new TextEncoder().encode(text).length;
  if (bytes > MAX_IMPORT_BYTES) {
    throw new HttpError(413, "The file is over 20 MB: split it by month", { field: "file" });
  }
  const name = filename.slice(0, 200) || `${kind}.csv`;
  if (bytes <= SYNC_IMPORT_BYTES) {
    const parsed = parseImport(kind, text);
    if (parsed.errors.length) throw badRows(parsed.errors);
    if (!parsed.rows.length) {
      throw new HttpError(422, "The file has no rows under its header", { field: "file" });
    }
    const id = await p.db.asUser(who.claims, async (tx) => {
      await ownArtist(tx, who, artistId);
      const result = kind === "metrics"
        ? await writeMetrics(tx, artistId, parsed.rows as MetricRow[])
        : await writeCharts(tx, artistId, parsed.rows as ChartRow[]);
      const [{ id }] = await tx.query<{ id: string }>(
        `insert into public.artist_imports (artist_id, owner_id, kind, filename)
         values ($1, $2, $3, $4) returning id`,
        [artistId, who.claims.sub, kind, name],
      );
      // Done at once: the server records the outcome on the row.
      await asServer(tx, () =>
        tx.query(
          `update public.artist_imports
              set status = 'done', stage = null, total = $2, inserted = $3, updated = $4,
                  unchanged = $5, finished_at = now()
            where id = $1`,
          [id, parsed.total, result.inserted, result.updated, result.unchanged],
        ));
      return id;
    });
    return (await p.db.asUser(who.claims, (tx) => store.getImport(tx, artistId, id)))!;
  }
  const id = await p.db.asUser(who.claims, async (tx) => {
    await ownArtist(tx, who, artistId);
    const [{ id }] = await tx.query<{ id: string }>(
      `insert into public.artist_imports (artist_id, owner_id, kind, filename)
       values ($1, $2, $3, $4) returning id`,
      [artistId, who.claims.sub, kind, name],
    );
    await asServer(tx, async () => {
      await tx.query("update public.artist_imports set source = $2 where id = $1", [id, text]);
      await startJob(tx, ARTIST_IMPORT, id);
    });
    return id;
  });
  p.worker.wake();
  return (await p.db.asUser(who.claims, (tx) => store.getImport(tx, artistId, id)))!;
}
