/**
 * Exporting a run's tracks to a Spotify playlist, resumable and idempotent (issue 19, item 6):
 *
 * - Every track without a Spotify URI (catalogue and platform songs) is looked up by title and
 *   artist. A lookup Spotify answered with nothing is "not on Spotify"; one Spotify did not
 *   answer (429 beyond the wait we accept, 5xx after retries) is "not checked yet", never "not
 *   found": the next attempt looks it up again.
 * - The playlist is created once per run (public.dj_exports, one row per run, a lease per
 *   attempt: two exports at once cannot both create one) and its id is stored before anything is
 *   added. A later attempt resumes into it: it reads what the playlist holds (when the connection
 *   may read private playlists), then adds only what is missing, at the right positions, so the
 *   playlist ends in run order without duplicates.
 * - An add whose answer was lost (a 5xx that may have happened) is checked by reading the
 *   playlist before it is tried again.
 *
 * Spotify failures become 4xx answers the pages explain: reconnect (409), 403 by cause
 * (allow-list, permission, withdrawn feature), busy (429), Spotify trouble (503).
 *
 * @module
 */
import { HttpError, toHttpError } from "../../web/errors.ts";
import type { Claims, Db } from "../../ports/db/mod.ts";
import type { Logger } from "../../platform/log.ts";
import type { SpotifyApi } from "../../ports/spotify/api.ts";
import { connectionStatus, type SpotifyDeps, userApi } from "../../ports/spotify/connection.ts";
import {
  SpotifyError,
  SpotifyForbiddenError,
  SpotifyNotFoundError,
  SpotifyRateLimitError,
  SpotifyReconnectError,
  SpotifyServerError,
} from "../../ports/spotify/errors.ts";
import { getRun, recordExport } from "./store.ts";
import { DjPlan, type DjRunWithTracks, type RunTrack } from "./types.ts";
import { isPending } from "../../shared/dj_states.ts";
import {
  beginExport,
  endExport,
  type ExportItem,
  type ExportRow,
  type ExportSummary,
  saveExport,
  summarize,
} from "./export_state.ts";

/** The 4xx a Spotify failure becomes, naming the `spotify` field. */
export function spotifyFailure(err: unknown): HttpError | null {
  if (err instanceof SpotifyReconnectError) {
    return new HttpError(409, err.message, { field: "spotify", code: `spotify_${err.reason}` });
  }
  if (err instanceof SpotifyForbiddenError) {
    return new HttpError(403, err.message, {
      field: "spotify",
      code: `spotify_forbidden_${err.cause403.replace("-", "_")}`,
    });
  }
  if (err instanceof SpotifyRateLimitError) {
    return new HttpError(429, err.message, {
      field: "spotify",
      headers: { "retry-after": String(err.retryAfterS) },
    });
  }
  if (err instanceof SpotifyError) {
    return new HttpError(503, err.message, { field: "spotify", code: "spotify_unavailable" });
  }
  return null;
}

/** `track:"Clair de Lune" artist:"Claude Debussy"`: Spotify's field filters, quotes removed. */
export function lookupQuery(t: Pick<RunTrack, "title" | "artist">): string {
  const clean = (s: string) => s.replace(/["]/g, "").replace(/\s+/g, " ").trim();
  const artist = t.artist.split(/,| & /)[0];
  return `track:"${clean(t.title)}" artist:"${clean(artist)}"`;
}

const CONCURRENCY = 6;
/** An attempt holds the run this long at most (a crashed one frees it then). */
const LEASE_S = 120;
const READ_SCOPE = "playlist-read-private";

/** What an export needs of the DJ's ports (a `DjDeps` fits). */
export interface ExportDeps {
  db: Db;
  spotify: SpotifyDeps | null;
  log?: Logger;
}

export interface ExportJob {
  db: Db;
  spotify: SpotifyDeps;
  userId: string;
  run: Pick<DjRunWithTracks, "id" | "tracks" | "plan" | "prompt">;
  log?: Logger;
}

export interface ExportOutcome {
  summary: ExportSummary;
  playlist: { id: string; url: string } | null;
  /** Every track found on Spotify is in the playlist and none is left unchecked. */
  complete: boolean;
  /** What stopped an incomplete attempt. */
  stoppedBy: SpotifyError | null;
  items: ExportItem[];
}

function freshItems(tracks: RunTrack[]): ExportItem[] {
  return tracks.map((t) => ({
    p: t.position,
    uri: t.spotify_uri,
    s: t.spotify_uri ? "found" : "unknown",
    a: false,
  }));
}

/** Marks as added what the playlist holds (each URI once). */
function reconcile(items: ExportItem[], actual: string[]): void {
  const left = new Map<string, number>();
  for (const u of actual) left.set(u, (left.get(u) ?? 0) + 1);
  for (const i of items) {
    const n = i.uri ? left.get(i.uri) ?? 0 : 0;
    i.a = i.s === "found" && n > 0;
    if (i.a) left.set(i.uri!, n - 1);
  }
}

/** Looks up every unchecked track; stops asking once Spotify is busy or in trouble. */
async function lookUp(api: SpotifyApi, run: ExportJob["run"], items: ExportItem[]) {
  const todo = items.filter((i) => i.s === "unknown");
  const byPosition = new Map(run.tracks.map((t) => [t.position, t]));
  let halted: SpotifyError | null = null;
  let next = 0;
  const worker = async () => {
    while (next < todo.length && !halted) {
      const item = todo[next++];
      try {
        const page = await api.searchTracks(lookupQuery(byPosition.get(item.p)!), 0, 1);
        const hit = page.tracks[0];
        item.s = hit ? "found" : "absent";
        item.uri = hit ? hit.uri : null;
      } catch (err) {
        if (!(err instanceof SpotifyError) || err.fatal) throw err;
        // Not checked is not "not found": it stays unknown for the next attempt.
        if (err instanceof SpotifyRateLimitError || err instanceof SpotifyServerError) halted = err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
  return halted;
}

/** The next tracks to add: consecutive found-but-missing ones (at most 100) and their index. */
function nextGroup(items: ExportItem[]): { group: ExportItem[]; index: number } | null {
  const start = items.findIndex((i) => i.s === "found" && !i.a);
  if (start < 0) return null;
  const group: ExportItem[] = [];
  for (const i of items.slice(start)) {
    if (i.s !== "found") continue; // takes no place in the playlist
    if (i.a || group.length === 100) break;
    group.push(i);
  }
  return { group, index: items.slice(0, start).filter((i) => i.a).length };
}

/**
 * One attempt at the run's export (the lease held throughout): look up, create or reuse the
 * playlist, add what is missing in order. Never throws for Spotify trouble: the outcome says what
 * stopped it; the caller decides how to answer.
 */
export async function exportPlaylist(job: ExportJob): Promise<ExportOutcome> {
  const { db, userId, run } = job;
  const row: ExportRow = await beginExport(db, run.id, userId, LEASE_S);
  const items = row.items.length === run.tracks.length ? row.items : freshItems(run.tracks);
  let playlistId = row.playlist_id;
  let snapshot = row.snapshot_id;
  let stoppedBy: SpotifyError | null = null;
  const save = (replace = false) =>
    saveExport(db, run.id, userId, playlistId, items, snapshot, replace);
  try {
    const conn = await connectionStatus(db, userId);
    if (conn?.status === "active" && conn.missing_scopes.length) {
      throw new SpotifyForbiddenError("Insufficient client scope", "scope");
    }
    const canRead = conn?.scope.split(/\s+/).includes(READ_SCOPE) ?? false;
    const api = await userApi(job.spotify, userId);
    stoppedBy = await lookUp(api, run, items);
    await save();

    let replace = false;
    if (playlistId && canRead) {
      try {
        reconcile(items, await api.playlistUris(playlistId));
      } catch (err) {
        if (!(err instanceof SpotifyNotFoundError)) throw err;
        // The user deleted the playlist in Spotify: start a new one.
        playlistId = null;
        replace = true;
        for (const i of items) i.a = false;
      }
    }
    if (!playlistId && items.some((i) => i.s === "found")) {
      const plan = DjPlan.safeParse(run.plan);
      const made = await api.createPlaylist(
        plan.success ? plan.data.playlist_name : run.prompt.slice(0, 100),
        plan.success ? plan.data.description : "",
      );
      playlistId = made.id;
      snapshot = null;
      await save(replace);
    }
    let checks = 0;
    for (let g = nextGroup(items); g && playlistId; g = nextGroup(items)) {
      try {
        snapshot = await api.addItems(playlistId, g.group.map((i) => i.uri!), g.index) ??
          snapshot;
        for (const i of g.group) i.a = true;
        await save();
      } catch (err) {
        // The add may have happened: look before adding again (or leave it to the next attempt).
        if (!(err instanceof SpotifyServerError && err.uncertain) || !canRead || ++checks > 2) {
          throw err;
        }
        reconcile(items, await api.playlistUris(playlistId));
        await save();
      }
    }
  } catch (err) {
    if (!(err instanceof SpotifyError)) {
      await endExport(db, run.id, userId, playlistId ? "partial" : "failed", null).catch(() => {});
      throw err;
    }
    stoppedBy = err;
    job.log?.({ level: "warn", msg: "dj export stopped", run: run.id, error: err.message });
  }
  const complete = !!playlistId && items.every((i) => i.s === "absent" || (i.s === "found" && i.a));
  const state = complete ? "done" : playlistId ? "partial" : "failed";
  await endExport(db, run.id, userId, state, complete ? null : stoppedBy?.message ?? null);
  const summary = summarize({
    playlist_id: playlistId,
    items,
    attempts: row.attempts,
    state,
    last_error: complete ? null : stoppedBy?.message ?? null,
  });
  return {
    summary,
    playlist: playlistId ? { id: playlistId, url: summary.playlist_url! } : null,
    complete,
    stoppedBy: complete ? null : stoppedBy,
    items,
  };
}

/** An attempt that did not finish, as the 4xx its cause calls for, in words. */
function incomplete(outcome: ExportOutcome): HttpError {
  const cause = spotifyFailure(outcome.stoppedBy) ??
    new HttpError(503, "Spotify did not finish the export.", { field: "spotify" });
  return new HttpError(cause.status, `${cause.message} ${outcome.summary.message}`, {
    field: "spotify",
    code: cause.code,
    headers: cause.headers,
  });
}

/**
 * The caller's draft in their Spotify account: a new export, or the rest of an earlier one. An
 * exported run answers as it is (exporting twice makes no second playlist).
 */
export async function exportRunReport(
  deps: ExportDeps,
  claims: Claims,
  runId: string,
): Promise<{ run: DjRunWithTracks; export: ExportSummary | null }> {
  if (!deps.spotify) {
    throw new HttpError(409, "Spotify is not configured on this server", { field: "spotify" });
  }
  const run = await deps.db.asUser(claims, (tx) => getRun(tx, runId));
  if (!run) throw new HttpError(404, "No such playlist", { field: "id" });
  if (isPending(run.status)) {
    throw new HttpError(409, "This playlist is still being made", { field: "id" });
  }
  if (run.status === "exported") return { run, export: null };
  if (!run.tracks.length) throw new HttpError(409, "This playlist has no tracks", { field: "id" });
  const t0 = performance.now();
  let outcome: ExportOutcome;
  try {
    outcome = await exportPlaylist({
      db: deps.db,
      spotify: deps.spotify,
      userId: claims.sub,
      run,
      log: deps.log,
    });
  } catch (err) {
    throw toHttpError(err) ?? err;
  }
  if (!outcome.complete) {
    if (!outcome.stoppedBy && !outcome.items.some((i) => i.s !== "absent")) {
      throw new HttpError(404, "None of these tracks could be found on Spotify", {
        field: "tracks",
      });
    }
    throw incomplete(outcome);
  }
  const matches = outcome.items.filter((i) => i.a).map((i) => ({ position: i.p, uri: i.uri! }));
  const notice = outcome.summary.not_on_spotify ? outcome.summary.message : null;
  const done = await deps.db.asUser(claims, async (tx) => {
    await recordExport(tx, run.id, outcome.playlist!, matches, notice, performance.now() - t0);
    return (await getRun(tx, run.id))!;
  });
  return { run: done, export: outcome.summary };
}

/** `exportRunReport`'s run (the run page's form action). */
export async function exportRun(
  deps: ExportDeps,
  claims: Claims,
  runId: string,
): Promise<DjRunWithTracks> {
  return (await exportRunReport(deps, claims, runId)).run;
}
