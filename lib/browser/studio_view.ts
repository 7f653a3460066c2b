/**
 * A song as the studio's pages and islands show it: its statuses and stages in words, the live
 * event its topic (`song:<id>`) carries, and the progress bar's overall percentage and time left.
 *
 * Browser-safe (lib/shared only): islands bundle it.
 *
 * @module
 */
import {
  isSongPending,
  SONG_STAGES,
  SONG_STATUSES,
  type SongStage,
  type SongStatus,
} from "../shared/song_states.ts";
import { STATUS_LABELS as SHARED_LABELS } from "../shared/status_labels.ts";

export * from "../shared/song_states.ts";

/** Generation's stages in order (enhancing comes before the draft, on its own). */
export const GENERATION_STAGES = ["composing", "rendering", "encoding", "uploading"] as const;

/** The song labels of lib/shared/format.ts, typed by status. */
export const STATUS_LABELS = SHARED_LABELS.song as Record<SongStatus, string>;

/** Share of a generation's time each stage takes (offline, measured roughly: rendering leads). */
const WEIGHTS: Record<(typeof GENERATION_STAGES)[number], number> = {
  composing: 0.1,
  rendering: 0.55,
  encoding: 0.25,
  uploading: 0.1,
};

/** What a `progress` event carries (lib/ports/queue/jobs.ts `writeJobState`). */
export interface SongState {
  status: SongStatus;
  stage: SongStage | null;
  progress: Record<string, unknown>;
  error: string | null;
}

const isIn = <T extends string>(list: readonly T[], v: unknown): v is T =>
  typeof v === "string" && (list as readonly string[]).includes(v);

/** The song's new state from a `progress` event's payload; null for anything else. */
export function songStateOf(payload: Record<string, unknown>): SongState | null {
  const { status, stage, progress, error } = payload;
  if (!isIn(SONG_STATUSES, status)) return null;
  if (stage !== null && stage !== undefined && !isIn(SONG_STAGES, stage)) return null;
  const p = progress && typeof progress === "object" && !Array.isArray(progress)
    ? progress as Record<string, unknown>
    : {};
  return {
    status,
    stage: (stage ?? null) as SongStage | null,
    progress: p,
    error: typeof error === "string" ? error : null,
  };
}

/** Still being planned or made. */
export const isPending: (status: string) => boolean = isSongPending;

/** Being made from its plan (not still writing the plan). */
export function isGenerating(s: Pick<SongState, "status" | "stage">): boolean {
  return isPending(s.status) && s.stage !== null && s.stage !== "enhancing";
}

/** The stage's own percentage (0–100) from its progress, when it reports one. */
export function stagePercent(progress: Record<string, unknown>): number | null {
  const p = progress.percent;
  return typeof p === "number" && Number.isFinite(p) ? Math.min(100, Math.max(0, p)) : null;
}

/** The whole generation's percentage from its stage and that stage's percent. */
export function overallPercent(s: Pick<SongState, "status" | "stage" | "progress">): number {
  if (s.status === "done") return 100;
  if (!isGenerating(s)) return 0;
  let before = 0;
  for (const st of GENERATION_STAGES) {
    if (st === s.stage) {
      const within = s.status === "queued" ? 0 : (stagePercent(s.progress) ?? 0) / 100;
      return Math.round((before + WEIGHTS[st] * within) * 100);
    }
    before += WEIGHTS[st];
  }
  return 0;
}

/** Where the page first saw the song's percentage, and when (ms). */
export interface Sighting {
  at: number;
  percent: number;
}

/**
 * Seconds left at the pace seen since `from`; null until there is a pace to go on (no progress
 * since, or under a second of it).
 */
export function etaSeconds(percent: number, from: Sighting | null, now: number): number | null {
  if (!from || percent >= 100 || percent <= from.percent || now - from.at < 1000) return null;
  const perSecond = (percent - from.percent) / ((now - from.at) / 1000);
  return Math.max(1, Math.round((100 - percent) / perSecond));
}

/** "about 12 s left", "about 2 min left". */
export function etaText(seconds: number | null): string {
  if (seconds === null) return "Estimating the time left…";
  if (seconds < 60) return `About ${seconds} s left`;
  return `About ${Math.round(seconds / 60)} min left`;
}

/** The song's name: the user's title, else its plan's, else its prompt. */
export function songTitle(
  s: {
    title?: string | null;
    plan?: unknown;
    prompt: string | null;
    original_name?: string | null;
  },
): string {
  if (s.title) return s.title;
  const p = s.plan;
  if (p && typeof p === "object" && "title" in p && typeof p.title === "string") return p.title;
  // An upload has no prompt: its file's name.
  const text = s.prompt ?? s.original_name ?? "Untitled";
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
