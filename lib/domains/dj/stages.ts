/**
 * The stages of a DJ run, in the order they run (the job shape is lib/ports/queue/jobs.ts):
 *
 * 1. `interpret`: the prompt becomes a plan (the AI, else the offline lexicon).
 * 2. `search`: the plan's queries on Spotify when the user is connected, else in the local
 *    catalogue (the same strategy either way); the finds are ranked and the playlist is picked.
 * 3. `build`: the playlist is created in the user's Spotify account, or kept as a draft.
 *
 * Spotify trouble never fails a run: a broken connection or a development-mode refusal falls back
 * to the catalogue (or keeps the picked tracks as a draft) with a notice saying why.
 *
 * @module
 */
import type { Claims, Db, Tx } from "../../ports/db/mod.ts";
import type { StageContext, StageOutcome } from "../../ports/queue/jobs.ts";
import { type SpotifyDeps, userApi } from "../../ports/spotify/connection.ts";
import type { SpotifyApi } from "../../ports/spotify/api.ts";
import { SpotifyError, SpotifyReconnectError } from "../../ports/spotify/errors.ts";
import { createSpotifySearch } from "../../ports/spotify/search.ts";
import type { AiPort } from "../../ports/ai/port.ts";
import type { Logger } from "../../platform/log.ts";
import { type Budget, collect, type Collected } from "./collect.ts";
import { interpret } from "./interpret.ts";
import { createLocalSearch } from "./local_search.ts";
import { pick, type Ranked } from "./rank.ts";
import {
  finishRun,
  type PickedTrack,
  type RunRow,
  savePlan,
  type SearchResult,
  storeTracks,
} from "./run_store.ts";
import { catalogueTracks, platformSongs } from "./store.ts";
import { buildQueries } from "./strategy.ts";
import { exportPlaylist } from "./export.ts";
import { dbFailure } from "../../ports/db/errors.ts";
import { DjPlan, type DjStage, type FoundTrack } from "./types.ts";

/** The ports a run's stages use, built once per platform (service.ts). */
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

type Ctx = StageContext<DjDeps>;
type Outcome = Promise<StageOutcome<DjStage>>;

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;

/** Least time between two progress reports of the search. */
const REPORT_EVERY_MS = 100;

export const NOTHING_FOUND = "Nothing matched this prompt. Try other words or a genre.";

/** The run's owner, for reading what they may read (their own unpublished songs) under RLS. */
function ownerClaims(row: RunRow): Claims {
  return { sub: row.user_id, role: "authenticated" };
}

/** The plan the interpret stage stored (checked again: the row is the stages' only input). */
function planOf(row: RunRow): DjPlan {
  return DjPlan.parse(row.plan);
}

export async function interpretStage(row: RunRow, ctx: Ctx): Outcome {
  const t0 = performance.now();
  const { plan, source } = await interpret(ctx.ports.ai, row.prompt, ctx.ports.log);
  const took = ms(t0);
  return {
    next: "search",
    progress: { playlist_name: plan.playlist_name, mood: plan.mood },
    commit: (tx) => savePlan(tx, row.id, plan, source, took),
  };
}

function notConnectedNotice(err: SpotifyReconnectError): string {
  if (err.reason === "expired") {
    return "Your Spotify connection expired (Spotify asks you to sign in again every six " +
      "months), so this draft comes from the offline catalogue. Reconnect Spotify, then export it.";
  }
  return err.reason === "missing"
    ? "Made from the offline catalogue: connect Spotify to search Spotify and export it."
    : "Your Spotify connection stopped working, so this draft comes from the offline catalogue. " +
      "Reconnect Spotify, then export it.";
}

function toPicked(r: Ranked): PickedTrack {
  const t = r.track;
  if (t.source !== "spotify") return { reason: r.reason, score: r.score, track_id: t.id! };
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
      image_url: t.image_url,
      preview_url: t.preview_url,
    },
  };
}

export async function searchStage(row: RunRow, ctx: Ctx): Outcome {
  const { db, spotify, budget, log } = ctx.ports;
  const plan = planOf(row);
  const t0 = performance.now();
  let requests = 0;
  let notice: string | null = null;
  let api: SpotifyApi | null = null;
  if (spotify) {
    try {
      api = await userApi(spotify, row.user_id, () => requests++);
    } catch (err) {
      if (!(err instanceof SpotifyReconnectError)) throw err;
      notice = notConnectedNotice(err);
    }
  }
  const queries = buildQueries(plan);
  const eligible = (t: FoundTrack) => !(row.no_explicit && t.explicit);
  // Twice the length (at least 40) leaves the ranking a choice without paging for ever.
  const want = Math.max(40, row.length * 2);
  let source: "spotify" | "catalogue" = api ? "spotify" : "catalogue";
  let reportedAt = -Infinity;
  // Ten reports a second at most, not one per search request: each is a write and an event.
  const onPage = (info: { requests: number; candidates: number }) => {
    if (performance.now() - reportedAt < REPORT_EVERY_MS) return;
    reportedAt = performance.now();
    void ctx.progress({
      playlist_name: plan.playlist_name,
      mood: plan.mood,
      source,
      requests: info.requests,
      found: info.candidates,
    });
  };
  onPage({ requests: 0, candidates: 0 });
  let collected: Collected | null = null;
  if (api) {
    try {
      collected = await collect(createSpotifySearch(api), queries, {
        want,
        eligible,
        budget,
        onPage,
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
      log?.({ level: "warn", msg: "dj spotify search failed", error: err.message });
    }
  }
  if (!collected) {
    source = "catalogue";
    const own = await db.asUser(ownerClaims(row), platformSongs);
    const rows = [...await catalogueTracks(db), ...own];
    collected = await collect(createLocalSearch(rows, plan), queries, {
      want,
      eligible,
      budget,
      onPage,
    });
  }
  const searchMs = ms(t0);

  const tRank = performance.now();
  const picked = pick(collected.candidates, plan, {
    length: row.length,
    noExplicit: row.no_explicit,
  });
  const result: SearchResult = {
    source,
    notice,
    timings: {
      search_ms: searchMs,
      build_ms: ms(tRank),
      requests: source === "spotify" ? requests : collected.requests,
    },
    tracks: picked.map(toPicked),
  };
  const commit = (tx: Tx) => storeTracks(tx, row.id, result);
  if (!picked.length) return { status: "failed", error: NOTHING_FOUND, commit };
  return {
    next: "build",
    progress: {
      playlist_name: plan.playlist_name,
      detail: source === "spotify"
        ? "Creating the playlist in your Spotify account"
        : `Saving ${picked.length} tracks as a draft`,
    },
    commit,
  };
}

export async function buildStage(row: RunRow, ctx: Ctx): Outcome {
  const { spotify, log } = ctx.ports;
  planOf(row); // the stored plan must still hold (the playlist is named from it)
  const t0 = performance.now();
  let notice = row.notice;
  let playlistId: string | null = null;
  if (row.source === "spotify" && spotify) {
    // export.ts keeps the playlist in public.dj_exports: a retried build, or a later export of
    // the draft, fills the same playlist in order and never makes a second one.
    const out = await exportPlaylist({
      db: ctx.ports.db,
      spotify,
      userId: row.user_id,
      run: row,
      log,
    })
      .catch((err) => {
        if (dbFailure(err)?.status === 409) return null; // another attempt holds the export
        throw err;
      });
    if (out?.complete) playlistId = out.playlist!.id;
    else if (out?.stoppedBy instanceof SpotifyReconnectError) {
      notice = "Your Spotify connection stopped working before the playlist was saved. Reconnect " +
        "Spotify, then export this draft.";
    } else if (out) {
      notice = `${out.stoppedBy?.message ?? ""} ${
        out.playlist
          ? out.summary.message
          : "The tracks are kept here as a draft: export it when Spotify allows."
      }`.trim().slice(0, 500);
    }
  }
  if (row.tracks.length < row.length) {
    const short = `Only ${row.tracks.length} matching tracks were found.`;
    notice = notice ? `${notice} ${short}` : short;
  }
  const exportMs = row.source === "spotify" ? ms(t0) : 0;
  return {
    status: playlistId ? "exported" : "draft",
    commit: (tx) => finishRun(tx, row.id, { playlistId, notice, exportMs }),
  };
}
