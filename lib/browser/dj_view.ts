/**
 * A DJ run as pages and islands show it: its statuses, stages and their words (states.ts), the
 * live event a run's topic carries, and what the progress list says.
 *
 * Browser-safe and import-free (types only): islands bundle it.
 *
 * @module
 */
import type { DjPlan, DjProgress, DjRunWithTracks } from "../domains/dj/types.ts";
import { DJ_STAGES, RUN_STATUSES } from "../shared/dj_states.ts";

export * from "../shared/dj_states.ts";

/** What a `progress` event on a run's topic carries (lib/ports/queue/jobs.ts `writeJobState`). */
export type RunState = Pick<DjRunWithTracks, "status" | "stage" | "progress" | "error">;

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

/** The run's new state from a `progress` event's payload; null for anything else. */
export function runStateOf(payload: Record<string, unknown>): RunState | null {
  const { status, stage, progress, error } = payload;
  if (!isIn(RUN_STATUSES, status)) return null;
  if (stage !== null && !isIn(DJ_STAGES, stage)) return null;
  if (!progress || typeof progress !== "object" || Array.isArray(progress)) return null;
  return {
    status,
    stage,
    progress: progress as DjProgress,
    error: typeof error === "string" ? error : null,
  };
}

/**
 * The sentence under the progress list: what the current stage is at (the found count while
 * searching, the stage's own words while building).
 */
export function progressDetail(run: Pick<DjRunWithTracks, "status" | "stage" | "progress">) {
  const p = run.progress;
  if (run.status === "queued") return "Waiting for the DJ…";
  if (run.stage === "search" && p.found !== undefined) {
    const where = p.source === "spotify" ? "Spotify" : "the offline catalogue";
    return `“${p.playlist_name ?? "Your playlist"}”: ${p.found} tracks from ${where} so far` +
      (p.requests ? ` (${p.requests} searches)` : "");
  }
  return p.detail ?? (p.playlist_name ? `“${p.playlist_name}” (${p.mood ?? "your mood"})` : "");
}

/** The run's plan, as the server stored it after checking it (DjPlan), or null before that. */
export function planOf(run: Pick<DjRunWithTracks, "plan">): DjPlan | null {
  const p = run.plan;
  if (!p || typeof p !== "object" || !("playlist_name" in p) || !("tempo" in p)) return null;
  return p as DjPlan;
}

/** The playlist's name, or the prompt until the plan names it. */
export function runTitle(run: Pick<DjRunWithTracks, "plan" | "prompt">): string {
  return planOf(run)?.playlist_name ?? run.prompt;
}
