/**
 * The music-generation port: a song plan (and lyrics) in, stereo audio out, perhaps with stems and
 * a MIDI file. Two adapters: `offline` (the studio's own synthesiser, offline.ts) and `http` (a
 * hosted prediction API, http.ts). mod.ts picks one from the environment.
 *
 * @module
 */
import type { SongPlan } from "../../domains/studio/plan.ts";

/**
 * The studio's lyrics as the lyrics writer makes them (lib/domains/studio/lyrics_task.ts). Read
 * by shape here: a provider that sings gets them as text (http_input.ts `lyricsText`).
 */
export type Lyrics = Record<string, unknown>;

export interface MusicRequest {
  plan: SongPlan;
  lyrics: Lyrics | null;
  /** Any integer: the same request and seed give the same song (offline; providers may not). */
  seed: number;
}

export interface GenerateOptions {
  /** Aborted: stop as soon as possible (the http adapter cancels the prediction). */
  signal?: AbortSignal;
  /** 0–100, a few times a second at most. */
  onProgress?: (percent: number) => void;
  /**
   * A hosted generator's job is paid for once created: it reports the job's id here, and waits
   * for the returned promise (store it) before polling. Given this, a timeout or a provider error
   * leaves the job running for a retry to `resume`; only an abort cancels it.
   */
  onCreated?: (id: string) => Promise<void> | void;
  /**
   * The id an earlier attempt's `onCreated` reported: polled (or its finished output fetched)
   * instead of creating another; a new one only if it failed, was cancelled or is gone.
   */
  resume?: string;
}

export interface StereoAudio {
  left: Float32Array;
  right: Float32Array;
}

export interface MusicResult extends StereoAudio {
  sampleRate: number;
  /** Separate parts (drums, bass, chords, lead, vocals…), when the generator makes them. */
  stems?: Record<string, StereoAudio>;
  /** A standard MIDI file of the arrangement, when the generator knows the notes. */
  midi?: Uint8Array;
}

export interface MusicGenerator {
  name: "offline" | "http";
  generate(req: MusicRequest, opts: GenerateOptions): Promise<MusicResult>;
}
