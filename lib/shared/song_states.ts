/**
 * A studio song's statuses and stages, defined once for the schemas, the job and the pages. The
 * SQL checks songs_status_check and songs_stage_check repeat them (tests/integration/
 * studio_flow_test.ts asserts they agree).
 *
 * Browser-safe and import-free: islands bundle it.
 *
 * @module
 */

/** `queued`/`running` while a stage works; `draft`: the plan waits for the user; then the rest. */
export const SONG_STATUSES = ["queued", "running", "draft", "done", "failed", "cancelled"] as const;
export type SongStatus = typeof SONG_STATUSES[number];

/** The song's stages on the `generation` queue, in order (enhancing ends in `draft`). */
export const SONG_STAGES = [
  "enhancing",
  "composing",
  "rendering",
  "encoding",
  "uploading",
] as const;
export type SongStage = typeof SONG_STAGES[number];

export const SONG_STAGE_LABELS: Record<SongStage, string> = {
  enhancing: "Planning the song",
  composing: "Writing the lyrics",
  rendering: "Rendering the audio",
  encoding: "Encoding WAV, MP3, stems and MIDI",
  uploading: "Saving the files",
};

/** Whether a song's stages are still to finish. */
export function isSongPending(status: string): boolean {
  return status === "queued" || status === "running";
}

/** The live topic of a song: its owner receives `progress` events there. */
export function songTopic(id: string): string {
  return `song:${id}`;
}

/** The formats a finished song downloads in. */
export const SONG_FORMATS = ["wav", "mp3", "midi", "stems"] as const;
export type SongFormat = typeof SONG_FORMATS[number];
