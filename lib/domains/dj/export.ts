/**
 * Exporting a draft to Spotify once the user has connected: every track without a Spotify URI
 * (catalogue and platform songs) is looked up by title and artist (10 lookups at a time at most,
 * within the search budget), then the playlist is created and filled in order. Spotify failures
 * become 4xx answers the pages explain: reconnect (409), development mode (403), busy (429).
 *
 * @module
 */
import { HttpError } from "../../web/errors.ts";
import type { Claims } from "../../ports/db/mod.ts";
import { userApi } from "../../ports/spotify/connection.ts";
import {
  SpotifyError,
  SpotifyForbiddenError,
  SpotifyRateLimitError,
  SpotifyReconnectError,
} from "../../ports/spotify/errors.ts";
import type { DjDeps } from "./run.ts";
import { getRun, recordExport } from "./store.ts";
import { DjPlan, type DjRunWithTracks, type RunTrack } from "./types.ts";
import { isPending } from "../../shared/dj_states.ts";

/** The 4xx a Spotify failure becomes, naming the `spotify` field. */
export function spotifyFailure(err: unknown): HttpError | null {
  if (err instanceof SpotifyReconnectError) {
    return new HttpError(409, err.message, { field: "spotify" });
  }
  if (err instanceof SpotifyForbiddenError) {
    return new HttpError(403, err.message, { field: "spotify" });
  }
  if (err instanceof SpotifyRateLimitError) {
    return new HttpError(429, err.message, { field: "spotify" });
  }
  if (err instanceof SpotifyError) return new HttpError(502, err.message, { field: "spotify" });
  return null;
}

/** `track:"Clair de Lune" artist:"Claude Debussy"`: Spotify's field filters, quotes removed. */
export function lookupQuery(t: Pick<RunTrack, "title" | "artist">): string {
  const clean = (s: string) => s.replace(/["]/g, "").replace(/\s+/g, " ").trim();
  const artist = t.artist.split(/,| & /)[0];
  return `track:"${clean(t.title)}" artist:"${clean(artist)}"`;
}

const CONCURRENCY = 6;

export async function exportRun(
  deps: DjDeps,
  claims: Claims,
  runId: string,
): Promise<DjRunWithTracks> {
  if (!deps.spotify) {
    throw new HttpError(409, "Spotify is not configured on this server", { field: "spotify" });
  }
  const run = await deps.db.asUser(claims, (tx) => getRun(tx, runId));
  if (!run) throw new HttpError(404, "No such playlist", { field: "id" });
  if (isPending(run.status)) {
    throw new HttpError(409, "This playlist is still being made", { field: "id" });
  }
  if (run.status === "exported") {
    throw new HttpError(409, "This playlist is already in your Spotify account", { field: "id" });
  }
  if (!run.tracks.length) throw new HttpError(409, "This playlist has no tracks", { field: "id" });
  const t0 = performance.now();
  try {
    const api = await userApi(deps.spotify, claims.sub);
    const uris = new Map<number, string>();
    const todo: RunTrack[] = [];
    for (const t of run.tracks) {
      if (t.spotify_uri) uris.set(t.position, t.spotify_uri);
      else todo.push(t);
    }
    let i = 0;
    const worker = async () => {
      while (i < todo.length) {
        const t = todo[i++];
        try {
          const page = await api.searchTracks(lookupQuery(t), 0, 1);
          if (page.tracks[0]) uris.set(t.position, page.tracks[0].uri);
        } catch (err) {
          // One lookup that fails loses one track; a broken connection stops the export.
          if (err instanceof SpotifyError && err.fatal) throw err;
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CONCURRENCY, todo.length) }, worker));
    const matches = [...uris.entries()].sort((a, b) => a[0] - b[0]).map(([position, uri]) => ({
      position,
      uri,
    }));
    if (!matches.length) {
      throw new HttpError(404, "None of these tracks could be found on Spotify", {
        field: "tracks",
      });
    }
    const plan = DjPlan.safeParse(run.plan);
    const name = plan.success ? plan.data.playlist_name : run.prompt.slice(0, 100);
    const description = plan.success ? plan.data.description : "";
    const playlist = await api.createPlaylist(name, description);
    await api.addItems(playlist.id, matches.map((m) => m.uri));
    const missing = run.tracks.length - matches.length;
    const notice = missing > 0
      ? `${missing} of ${run.tracks.length} tracks were not found on Spotify and were left out.`
      : null;
    return await deps.db.asUser(claims, async (tx) => {
      await recordExport(tx, run.id, playlist, matches, notice, performance.now() - t0);
      return (await getRun(tx, run.id))!;
    });
  } catch (err) {
    throw spotifyFailure(err) ?? err;
  }
}
