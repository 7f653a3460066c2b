/**
 * One DJ run, end to end: spend the daily allowance → interpret the prompt → search (Spotify
 * when the user is connected, else the local catalogue; the same strategy either way) → rank and
 * pick → create the playlist in the user's Spotify account (or keep a draft) → save the run with
 * its tracks and timings. Progress is reported at each stage for a live view.
 *
 * Spotify trouble never fails a run: a broken connection or a development-mode refusal falls
 * back to the catalogue (or keeps the picked tracks as a draft) with a notice saying why.
 *
 * @module
 */
import type { AiPort } from "../ai/port.ts";
import type { Claims, Db } from "../db/mod.ts";
import type { Logger } from "../log.ts";
import { type SpotifyDeps, userApi } from "../spotify/connection.ts";
import type { SpotifyApi } from "../spotify/api.ts";
import { SpotifyError, SpotifyReconnectError } from "../spotify/errors.ts";
import { HttpError } from "../http/errors.ts";
import { createSpotifySearch } from "../spotify/search.ts";
import { type Budget, collect, type Collected } from "./collect.ts";
import { interpret } from "./interpret.ts";
import { createLocalSearch } from "./local_search.ts";
import { pick, type Ranked } from "./rank.ts";
import { catalogueTracks, platformSongs, type SavedTrack, saveRun, spendQuota } from "./store.ts";
import { buildQueries } from "./strategy.ts";
import type { DjRunRequest, DjRunWithTracks, FoundTrack, RunTrack, TrackRow } from "./types.ts";

export interface DjDeps {
  db: Db;
  ai: AiPort;
  log?: Logger;
  /** Playlists per user and UTC day (AI_DAILY_LIMIT). */
  dailyLimit: number;
  /** Null when Spotify is not configured: every run uses the catalogue. */
  spotify: SpotifyDeps | null;
  budget?: Budget;
}

export type Progress =
  | { stage: "interpreting" }
  | {
    stage: "searching";
    playlist_name: string;
    mood: string;
    source: "spotify" | "catalogue";
    requests: number;
    found: number;
  }
  | { stage: "building"; detail: string }
  | { stage: "done"; run: DjRunWithTracks };

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

function notConnectedNotice(err: SpotifyReconnectError): string {
  return err.reason === "missing"
    ? "Made from the offline catalogue: connect Spotify to search Spotify and export it."
    : "Your Spotify connection stopped working, so this draft comes from the offline catalogue. " +
      "Reconnect Spotify, then export it.";
}

function toSaved(r: Ranked): SavedTrack {
  const t = r.track;
  if (t.source === "spotify") {
    return {
      reason: r.reason,
      score: r.score,
      spotify: {
        external_id: t.external_id!,
        uri: t.uri!,
        title: t.title,
        artist: t.artist,
        album: t.album,
        explicit: t.explicit,
        duration_ms: t.duration_ms,
      },
    };
  }
  return { reason: r.reason, score: r.score, track_id: t.id! };
}

export async function runDj(
  deps: DjDeps,
  claims: Claims,
  input: DjRunRequest,
  onProgress: (p: Progress) => void = () => {},
): Promise<DjRunWithTracks> {
  const t0 = performance.now();
  let requests = 0;
  let notice: string | null = null;
  let api: SpotifyApi | null = null;
  if (deps.spotify) {
    try {
      api = await userApi(deps.spotify, claims.sub, () => requests++);
    } catch (err) {
      if (!(err instanceof SpotifyReconnectError)) throw err;
      notice = notConnectedNotice(err);
    }
  }
  // The allowance first: over the limit, nothing else is spent. A refused request spends
  // nothing: the playlist it refines must be the caller's (save_dj_run checks it again).
  let own: TrackRow[] | null = await deps.db.asUser(claims, async (tx) => {
    if (input.parent_id) {
      const [parent] = await tx.query<{ id: string }>(
        "select id from public.dj_runs where id = $1 and user_id = (select auth.uid())",
        [input.parent_id],
      );
      if (!parent) {
        throw new HttpError(404, "No such playlist to refine", { field: "parent_id" });
      }
    }
    await spendQuota(tx, deps.dailyLimit);
    return api ? null : await platformSongs(tx);
  });

  onProgress({ stage: "interpreting" });
  const tInterpret = performance.now();
  const interpretation = await interpret(deps.ai, input.prompt, deps.log);
  const plan = interpretation.plan;
  const interpretMs = ms(tInterpret);

  const tSearch = performance.now();
  const queries = buildQueries(plan);
  const eligible = (t: FoundTrack) => !(input.no_explicit && t.explicit);
  // Twice the length (at least 40) leaves the ranking a choice without paging for ever.
  const want = Math.max(40, input.length * 2);
  let source: "spotify" | "catalogue" = api ? "spotify" : "catalogue";
  let reported = -1;
  // One line per change in the number of tracks found, not one per search request.
  const report = (info: { requests: number; candidates: number }) => {
    if (info.candidates === reported) return;
    reported = info.candidates;
    onProgress({
      stage: "searching",
      playlist_name: plan.playlist_name,
      mood: plan.mood,
      source,
      requests: info.requests,
      found: info.candidates,
    });
  };
  report({ requests: 0, candidates: 0 });
  let collected: Collected | null = null;
  if (api) {
    try {
      collected = await collect(createSpotifySearch(api), queries, {
        want,
        eligible,
        budget: deps.budget,
        onPage: report,
      });
      if (!collected.candidates.some((c) => eligible(c.track))) {
        notice = "Spotify found nothing for this prompt" +
          (collected.errors[0] ? ` (${collected.errors[0]})` : "") +
          ", so this draft comes from the offline catalogue.";
        collected = null;
      }
    } catch (err) {
      if (!(err instanceof SpotifyError)) throw err;
      notice = err instanceof SpotifyReconnectError
        ? notConnectedNotice(err)
        : `${err.message} This draft comes from the offline catalogue meanwhile.`;
      deps.log?.({ level: "warn", msg: "dj spotify search failed", error: err.message });
    }
    if (!collected) {
      api = null;
      source = "catalogue";
    }
  }
  if (!collected) {
    own ??= await deps.db.asUser(claims, platformSongs);
    const rows = [...await catalogueTracks(deps.db), ...own];
    collected = await collect(createLocalSearch(rows, plan), queries, {
      want,
      eligible,
      budget: deps.budget,
      onPage: report,
    });
  }
  const searchMs = ms(tSearch);

  const tBuild = performance.now();
  onProgress({ stage: "building", detail: `Ranking ${collected.candidates.length} tracks` });
  const picked = pick(collected.candidates, plan, {
    length: input.length,
    noExplicit: input.no_explicit,
  });
  const buildMs = ms(tBuild);

  let status: "draft" | "exported" | "failed" = picked.length ? "draft" : "failed";
  let playlist: { id: string; url: string } | null = null;
  const tExport = performance.now();
  if (api && picked.length) {
    onProgress({ stage: "building", detail: "Creating the playlist in your Spotify account" });
    try {
      const created = await api.createPlaylist(plan.playlist_name, plan.description);
      await api.addItems(created.id, picked.map((r) => r.track.uri!));
      playlist = created;
      status = "exported";
    } catch (err) {
      if (!(err instanceof SpotifyError)) throw err;
      notice = err instanceof SpotifyReconnectError
        ? "Your Spotify connection stopped working before the playlist was saved. Reconnect " +
          "Spotify, then export this draft."
        : `${err.message} The tracks are kept here as a draft: export it when Spotify allows.`;
      deps.log?.({ level: "warn", msg: "dj playlist creation failed", error: err.message });
    }
  }
  const exportMs = api ? ms(tExport) : 0;
  if (picked.length && picked.length < input.length) {
    const short = `Only ${picked.length} matching tracks were found.`;
    notice = notice ? `${notice} ${short}` : short;
  }

  const timings = {
    interpret_ms: interpretMs,
    search_ms: searchMs,
    build_ms: buildMs,
    export_ms: exportMs,
    total_ms: ms(t0),
    requests: source === "spotify" ? requests : collected.requests,
  };
  const error = picked.length ? null : "Nothing matched this prompt. Try other words or a genre.";
  const saved = await deps.db.asUser(claims, (tx) =>
    saveRun(tx, {
      prompt: input.prompt,
      length: input.length,
      no_explicit: input.no_explicit,
      parent_id: input.parent_id,
      plan,
      plan_source: interpretation.source,
      source,
      status,
      playlist_id: playlist?.id ?? null,
      playlist_url: playlist?.url ?? null,
      error,
      notice,
      timings,
      tracks: picked.map(toSaved),
    }));
  // What getRun would read back, built from what was just saved (one round trip less).
  const tracks: RunTrack[] = picked.map((r, i) => ({
    position: i + 1,
    track_id: saved.track_ids[i],
    source: r.track.source,
    title: r.track.title,
    artist: r.track.artist,
    album: r.track.album,
    explicit: r.track.explicit,
    duration_ms: r.track.duration_ms,
    reason: r.reason,
    score: r.score,
    spotify_uri: r.track.uri,
  }));
  const run: DjRunWithTracks = {
    id: saved.id,
    parent_id: input.parent_id ?? null,
    prompt: input.prompt,
    length: input.length,
    no_explicit: input.no_explicit,
    plan,
    plan_source: interpretation.source,
    source,
    status,
    playlist_id: playlist?.id ?? null,
    playlist_url: playlist?.url ?? null,
    share_token: null,
    error,
    notice,
    timings,
    track_count: tracks.length,
    created_at: new Date(saved.created_at).toISOString(),
    exported_at: status === "exported" ? new Date(saved.created_at).toISOString() : null,
    tracks,
  };
  onProgress({ stage: "done", run });
  return run;
}
