/**
 * The export state of a run (public.dj_exports, 20261216000100_spotify_export.sql): the one
 * playlist an export made, what each track became and which ones the playlist holds. Written only
 * as service_role through the SQL functions that hold the per-run lease; read by the owner.
 *
 * @module
 */
import { z } from "zod";
import type { Claims, Db } from "../../ports/db/mod.ts";
import { playlistUrl } from "./store.ts";
import { DjRunWithTracks } from "./types.ts";

/** One run track in an export: `found` on Spotify (its URI), `absent` (Spotify has no match),
 * `unknown` (not checked yet: Spotify was busy); `a`: the playlist holds it. */
export const ExportItem = z.object({
  p: z.number().int().min(1),
  uri: z.string().regex(/^spotify:track:[A-Za-z0-9]{1,64}$/).nullable(),
  s: z.enum(["found", "absent", "unknown"]),
  a: z.boolean(),
});
export type ExportItem = z.infer<typeof ExportItem>;

const ExportRow = z.object({
  run_id: z.string().uuid(),
  playlist_id: z.string().nullable(),
  items: z.array(ExportItem),
  snapshot_id: z.string().nullable(),
  attempts: z.number().int(),
  state: z.enum(["working", "partial", "done", "failed"]),
  last_error: z.string().nullable(),
  updated_at: z.union([z.string(), z.date()]),
});
export type ExportRow = z.infer<typeof ExportRow>;

/** What the pages and the API show about an export: counts, never guesses. */
export const ExportSummary = z.object({
  state: z.enum(["working", "partial", "done", "failed"]).describe(
    "`partial`: some tracks are not in the playlist yet; export again to finish",
  ),
  playlist_id: z.string().nullable(),
  playlist_url: z.string().nullable(),
  tracks: z.number().int().describe("Tracks in the run"),
  added: z.number().int().describe("In the Spotify playlist"),
  not_on_spotify: z.number().int().describe("Spotify has no match for these"),
  not_checked: z.number().int().describe("Not looked up yet (Spotify was busy)"),
  waiting: z.number().int().describe("Found on Spotify, not added yet"),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  message: z.string().describe("What happened, in a sentence or two"),
});
export type ExportSummary = z.infer<typeof ExportSummary>;

/** POST /api/dj/runs/{id}/export. */
export const ExportBody = z.object({
  run: DjRunWithTracks,
  export: ExportSummary.nullable().describe("Null when the run was exported already"),
});

/** GET /api/dj/runs/{id}/export. */
export const ExportStatusBody = z.object({ export: ExportSummary });

export function summarize(
  row: Pick<ExportRow, "playlist_id" | "items" | "attempts" | "state" | "last_error">,
): ExportSummary {
  const count = (f: (i: ExportItem) => boolean) => row.items.filter(f).length;
  const added = count((i) => i.a);
  const absent = count((i) => i.s === "absent");
  const unknown = count((i) => i.s === "unknown");
  const waiting = count((i) => i.s === "found" && !i.a);
  const s: Omit<ExportSummary, "message"> = {
    state: row.state,
    playlist_id: row.playlist_id,
    playlist_url: row.playlist_id ? playlistUrl(row.playlist_id) : null,
    tracks: row.items.length,
    added,
    not_on_spotify: absent,
    not_checked: unknown,
    waiting,
    attempts: row.attempts,
    last_error: row.last_error,
  };
  return { ...s, message: exportMessage(s) };
}

const tracks = (n: number) => `${n} track${n === 1 ? "" : "s"}`;

/** The export in human words: what is in the playlist, what is missing and why. */
export function exportMessage(s: Omit<ExportSummary, "message">): string {
  const parts: string[] = [];
  if (s.state === "done") {
    parts.push(
      s.not_on_spotify
        ? `${tracks(s.added)} ${s.added === 1 ? "is" : "are"} in your Spotify playlist.`
        : `All ${tracks(s.added)} are in your Spotify playlist.`,
    );
  } else if (s.playlist_id) {
    parts.push(`${s.added} of ${tracks(s.tracks)} are in your Spotify playlist so far.`);
  } else {
    parts.push("Nothing was created in your Spotify account yet.");
  }
  if (s.not_on_spotify) {
    parts.push(
      `${tracks(s.not_on_spotify)} ${s.not_on_spotify === 1 ? "is" : "are"} not on Spotify ` +
        "and were left out.",
    );
  }
  if (s.not_checked) {
    parts.push(
      `${tracks(s.not_checked)} could not be looked up yet (Spotify did not answer in time).`,
    );
  }
  if (s.waiting) parts.push(`${tracks(s.waiting)} found on Spotify still wait to be added.`);
  if (s.state !== "done" && (s.not_checked || s.waiting || !s.playlist_id)) {
    parts.push(
      s.playlist_id
        ? "Export again to finish: it continues in the same playlist, in order."
        : "Export again when Spotify allows.",
    );
  }
  return parts.join(" ");
}

const COLUMNS = "run_id, playlist_id, items, snapshot_id, attempts, state, last_error, updated_at";

/** The run's export as its owner sees it (RLS), or null before the first export. */
export async function readExport(db: Db, claims: Claims, runId: string): Promise<ExportRow | null> {
  const [row] = await db.asUser(
    claims,
    (tx) => tx.query(`select ${COLUMNS} from public.dj_exports where run_id = $1`, [runId]),
  );
  return row ? ExportRow.parse(row) : null;
}

/** Starts or resumes an attempt: SC409 while another attempt holds the run. */
export async function beginExport(
  db: Db,
  runId: string,
  userId: string,
  leaseS: number,
): Promise<ExportRow> {
  const [row] = await db.asService((tx) =>
    tx.query(
      `select ${COLUMNS} from private.dj_export_begin($1::uuid, $2::uuid, $3::int)`,
      [runId, userId, leaseS],
    )
  );
  return ExportRow.parse(row);
}

export async function saveExport(
  db: Db,
  runId: string,
  userId: string,
  playlistId: string | null,
  items: ExportItem[],
  snapshotId: string | null,
  replace = false,
): Promise<void> {
  await db.asService((tx) =>
    tx.query(
      "select private.dj_export_save($1::uuid, $2::uuid, $3::text, $4::jsonb, $5::text, $6::boolean)",
      [runId, userId, playlistId, JSON.stringify(items), snapshotId, replace],
    )
  );
}

export async function endExport(
  db: Db,
  runId: string,
  userId: string,
  state: "partial" | "done" | "failed",
  error: string | null,
): Promise<void> {
  await db.asService((tx) =>
    tx.query("select private.dj_export_end($1::uuid, $2::uuid, $3::text, $4::text)", [
      runId,
      userId,
      state,
      error,
    ])
  );
}
